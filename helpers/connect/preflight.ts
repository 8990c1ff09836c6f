// The preflight: before any flow, one authenticated request decides whether the run can mean anything. It is
// Entra's own Test Connection request, a users query for a random userName
// (https://learn.microsoft.com/en-us/entra/identity/app-provisioning/use-scim-to-provision-users-and-groups#get-user-by-query---zero-results),
// so a target that passes it is one Entra could start provisioning. A refused credential or a URL that is not a
// SCIM endpoint would otherwise come back as dozens of "server defects", each with a fix for code that works.
import { randomUUID } from 'node:crypto'
import { answerLine, requestLine, type Exchange } from '../model/exchange.ts'
import { federationRefusal, type TokenSource } from '../client/oauth.ts'
import type { ScimClient } from '../client/scim-client.ts'

export type Preflight =
  /** The endpoint answered the query as a SCIM endpoint would (or with a defect the flows can show). */
  | { kind: 'ready' }
  /** Ctrl-C or --max-time came first; the command decides what that means. */
  | { kind: 'stopped' }
  /**
   * Client credentials did not give a working token because of a defect the Authentication flow proves (a token
   * endpoint that reads only body credentials, a SCIM endpoint that refuses its own issued tokens): only that flow runs.
   */
  | { kind: 'auth-only'; reason: string }
  /** No HTTP answer at all. `where` says which endpoint: a quarantine diagnosis can still use an unreachable SCIM endpoint. */
  | { kind: 'unreachable'; where: 'scim' | 'token'; reason: string }
  /** The credential itself was refused: the user's input is wrong, not the server. */
  | { kind: 'refused'; reason: string }
  /** The base URL answers, but not as a SCIM endpoint (an HTML page, a 404 that is no SCIM Error, foreign JSON). */
  | { kind: 'not-scim'; reason: string }

const LIST_RESPONSE = 'urn:ietf:params:scim:api:messages:2.0:ListResponse'
const SCIM_ERROR = 'urn:ietf:params:scim:api:messages:2.0:Error'
/** Base paths SCIM services commonly live under, tried on the same origin when the given one is not SCIM. */
const LIKELY_BASE_PATHS = ['/scim/v2', '/scim', '/v2']

/** Runs the preflight. Every request goes through `client`, so its exchanges reach the run's sink when it has one. */
export async function preflight(
  client: ScimClient,
  tokens: TokenSource | undefined,
  signal?: AbortSignal,
): Promise<Preflight> {
  if (tokens) {
    const problem = await tokenProblem(client, tokens)
    if (signal?.aborted) return { kind: 'stopped' }
    if (problem) return problem
  }
  const query: [string, string][] = [['filter', `userName eq "${randomUUID()}"`]]
  const probe = await client.get('/Users', { query })
  if (signal?.aborted) return { kind: 'stopped' }
  if (!probe.response) {
    // A server that times out or breaks off on the users query is a defect the flows name; only a target that
    // answers nothing at all (DNS, refused, TLS, proxy) is unreachable.
    const discovery = await client.get('/ServiceProviderConfig')
    if (signal?.aborted) return { kind: 'stopped' }
    return discovery.response
      ? { kind: 'ready' }
      : { kind: 'unreachable', where: 'scim', reason: `cannot reach ${client.baseUrl}: ${probe.error}` }
  }
  const status = probe.response.status
  // Entra does not follow redirects (nor does the client): a base URL that redirects (to a sign-in page, another
  // host, a trailing slash) answers every request of the run the same way, so it is one line here, not 200.
  if (status >= 300 && status < 400 && status !== 304) return { kind: 'not-scim', reason: redirectLine(client, probe) }
  if (status === 401 || status === 403) {
    // A gateway that blocks requests without a User-Agent answers 401/403 too; Entra sends none, so that is a
    // defect for the flows (and diagnose) to name, not a refused token.
    const withAgent = await client.get('/Users', {
      query,
      headers: { 'User-Agent': 'Mozilla/5.0 (compatible; scim-preflight)' },
    })
    if (withAgent.response && withAgent.response.status < 300) return { kind: 'ready' }
    if (tokens) {
      return {
        kind: 'auth-only',
        reason: `the SCIM endpoint answered ${status} to the access token its own token endpoint issued (${requestLine(probe, { answer: false })}), so Entra could not provision (see authentication/issued-token-works)`,
      }
    }
    return {
      kind: 'refused',
      reason: `${client.baseUrl} refused the token: ${requestLine(probe, { answer: false })} answered ${answerLine(probe)}${challenge(probe)}; check --token (SCIM_TOKEN), the "Secret Token" Entra would send`,
    }
  }
  if (status >= 200 && status < 300 && !isListResponse(probe.data)) {
    return { kind: 'not-scim', reason: await notScim(client, probe, query) }
  }
  if (status === 404) {
    const found = await likelyBaseUrl(client, query)
    // A SCIM Error 404 with no SCIM endpoint elsewhere is the server's defect (404 to a query that matches nobody): the flows show it.
    if (found || !isScimError(probe.data)) return { kind: 'not-scim', reason: notScimLine(client, probe, found) }
  }
  return { kind: 'ready' }
}

/** Gets a token as Entra does; returns why the run cannot go on, or undefined once a token was issued. */
async function tokenProblem(client: ScimClient, tokens: TokenSource): Promise<Preflight | undefined> {
  const token = await tokens.token(client)
  if (token) return undefined
  const { tokenUrl } = tokens.settings
  if (tokens.unreachable)
    return {
      kind: 'unreachable',
      where: 'token',
      reason: `cannot reach the token endpoint ${tokenUrl}: ${tokens.problem}`,
    }
  const status = tokens.lastStatus
  if (status === 404 || status === 405) {
    return {
      kind: 'refused',
      reason: `the token URL ${tokenUrl} answered ${status} to Entra's client-credentials POST: it is not a token endpoint; check --token-url (SCIM_TOKEN_URL)`,
    }
  }
  // Federation: a refused assertion is a key, issuer, subject or audience the server does not trust (or a clock), the user's to fix.
  if (tokens.method === 'federation' && (status === 400 || status === 401 || status === 403))
    return { kind: 'refused', reason: federationRefusal(tokens) }
  if (status === 400 || status === 401 || status === 403) {
    // The same credentials in the body: if they work there, the token endpoint has a defect (Entra sends only the
    // Basic header, RFC 6749 §2.3.1) that the Authentication flow proves; if not, the credentials are wrong.
    const inBody = await tokens.request(client, { location: 'body' })
    if (!inBody.accessToken) {
      return {
        kind: 'refused',
        reason: `the token endpoint ${tokenUrl} refused the client credentials: ${(tokens.problem ?? '').replace(/^the token endpoint /, 'it ')}, and the same credentials in the request body; check --client-id and --client-secret (SCIM_CLIENT_ID, SCIM_CLIENT_SECRET)`,
      }
    }
  }
  return {
    kind: 'auth-only',
    reason: `no access token: ${tokens.problem}; Entra's Test Connection stops there too (see the Authentication checks)`,
  }
}

/** Why a 2xx answer is not a SCIM one, with the likely base URL when one answers on the same origin. */
async function notScim(client: ScimClient, probe: Exchange, query: [string, string][]): Promise<string> {
  return notScimLine(client, probe, await likelyBaseUrl(client, query))
}

function notScimLine(client: ScimClient, probe: Exchange, found: string | undefined): string {
  const hint = found
    ? `; ${found} answers as a SCIM endpoint: use --url ${found} (SCIM_BASE_URL)`
    : '; give the SCIM base URL, e.g. https://api.example.com/scim/v2 (Entra\'s "Tenant URL")'
  return `${client.baseUrl} is not a SCIM endpoint: ${requestLine(probe, { answer: false })} answered ${answerLine(probe)} with ${describeBody(probe)}${hint}`
}

function redirectLine(client: ScimClient, probe: Exchange): string {
  const location = probe.response!.headers.location
  let to = location ? ` to ${location.slice(0, 200)}` : ' with no Location'
  let fix = 'give the URL that answers SCIM requests itself'
  if (location) {
    const target = new URL(location, probe.request.url)
    if (/login|signin|sign-in|oauth|authorize|sso|saml|auth/i.test(target.pathname + target.search))
      to +=
        ' (a sign-in page: the endpoint sits behind a login that Entra cannot pass; let bearer tokens through to the SCIM path)'
    else if (target.pathname.endsWith('/Users') || target.pathname.endsWith('/Users/'))
      fix = `use --url ${target.origin}${target.pathname.replace(/\/Users\/?$/, '')} (SCIM_BASE_URL) if that is the SCIM endpoint`
  }
  return `${client.baseUrl} redirects: ${requestLine(probe, { answer: false })} answered ${answerLine(probe)}${to}. Entra does not follow redirects; ${fix}`
}

/** The first of the usual base paths (below the given path, then at the origin's root) that answers the query as SCIM. */
async function likelyBaseUrl(client: ScimClient, query: [string, string][]): Promise<string | undefined> {
  const base = new URL(client.baseUrl)
  const below = base.pathname.replace(/\/+$/, '')
  const candidates = [...new Set([...LIKELY_BASE_PATHS.map((p) => `${below}${p}`), ...LIKELY_BASE_PATHS])]
    .map((path) => `${base.origin}${path}`)
    .filter((url) => url !== client.baseUrl)
  // Same origin only, so the token goes nowhere the given URL did not already send it.
  for (const url of candidates) {
    const ex = await client.get(`${url}/Users`, { query })
    if (ex.response && ex.response.status < 300 && isListResponse(ex.data)) return url
  }
  return undefined
}

function isListResponse(body: unknown): boolean {
  if (!body || typeof body !== 'object' || Array.isArray(body)) return false
  const b = body as { schemas?: unknown; Resources?: unknown; totalResults?: unknown }
  return (Array.isArray(b.schemas) && b.schemas.includes(LIST_RESPONSE)) || 'Resources' in b || 'totalResults' in b
}

function isScimError(body: unknown): boolean {
  if (!body || typeof body !== 'object' || Array.isArray(body)) return false
  const b = body as { schemas?: unknown; detail?: unknown; scimType?: unknown }
  return (
    (Array.isArray(b.schemas) && b.schemas.includes(SCIM_ERROR)) ||
    typeof b.detail === 'string' ||
    typeof b.scimType === 'string'
  )
}

function challenge(ex: Exchange): string {
  const value = ex.response?.headers['www-authenticate']
  return value ? ` (WWW-Authenticate: ${value.slice(0, 120)})` : ''
}

/** What came back, in a few words: an HTML page and its title, JSON and its keys, a SCIM Error and its detail. */
export function describeBody(ex: Exchange): string {
  const res = ex.response!
  const type = res.headers['content-type'] ?? ''
  const text = res.rawText ?? ''
  if (/html/i.test(type) || /^\s*</.test(text)) {
    const title = /<title[^>]*>([^<]{1,80})/i.exec(text)?.[1]?.trim()
    return `an HTML page${title ? ` ("${title}")` : ''}`
  }
  if (res.body === undefined)
    return text ? `a ${type || 'non-JSON'} body ("${text.trim().slice(0, 60)}")` : 'an empty body'
  if (isScimError(res.body)) {
    const detail = (res.body as { detail?: unknown }).detail
    return `a SCIM Error${typeof detail === 'string' ? ` ("${detail.slice(0, 100)}")` : ''}`
  }
  if (Array.isArray(res.body)) return 'a JSON array, not a SCIM ListResponse'
  if (res.body && typeof res.body === 'object') {
    const keys = Object.keys(res.body).slice(0, 5)
    return `JSON that is not a SCIM ListResponse (${keys.length ? `keys: ${keys.join(', ')}` : 'an empty object'})`
  }
  return `JSON that is not a SCIM ListResponse (${JSON.stringify(res.body).slice(0, 40)})`
}
