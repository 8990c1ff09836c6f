// OAuth 2.0 client credentials as Entra uses them (Microsoft's SCIM tutorial, authorization: OAuth client credentials): a form-encoded POST
// with grant_type=client_credentials and the client id and secret in an Authorization: Basic header (RFC 6749 §2.3.1, §4.4);
// with workload identity federation, the client id and a signed JWT client assertion in the body instead (RFC 7523 §2.2).
import {
  ASSERTION_ALG,
  buildAssertion,
  CLIENT_ASSERTION_TYPE,
  type AssertionVariant,
  type FederationSettings,
} from './assertion.ts'
import type { Exchange } from '../model/exchange.ts'
import { redact } from './redact.ts'
import type { ScimClient } from './scim-client.ts'

/** OAuth 2.0 client credentials as given; without tokenUrl (built-in endpoint only) the endpoint's own token URL is used. */
export interface ClientCredentials {
  tokenUrl?: string
  clientId: string
  /** Absent with workload identity federation: the client then authenticates with a signed assertion. */
  clientSecret?: string
  scope?: string
  /** A second secret of the same client, to show that secrets can be rotated (gallery requirement). */
  clientSecret2?: string
  /** The id of a second client that --client-secret-2 belongs to (rotation by a new client id and secret). */
  clientId2?: string
  federation?: FederationSettings
}

export type OAuthSettings = ClientCredentials & { tokenUrl: string }

/** What one token request gave: the recorded exchange (secrets redacted) and the fields the checks read. */
export interface TokenAnswer {
  exchange: Exchange
  /** The issued access token, when the answer was 200 with a non-empty string access_token. */
  accessToken?: string
  /** expires_in as sent (a number per RFC 6749 §5.1; undefined when absent). */
  expiresIn?: unknown
  tokenType?: unknown
}

// RFC 6749 Appendix B: form encoding keeps only RFC 3986 unreserved characters and sends space as "+".
export function formEncode(value: string): string {
  return encodeURIComponent(value)
    .replace(/[!'()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`)
    .replace(/%20/g, '+')
}

/** `Basic base64(urlencode(id):urlencode(secret))`, as RFC 6749 §2.3.1 builds client credentials. */
export function basicAuthorization(clientId: string, clientSecret: string): string {
  return `Basic ${Buffer.from(`${formEncode(clientId)}:${formEncode(clientSecret)}`, 'utf8').toString('base64')}`
}

/** Seconds from an expires_in value, accepting a numeric string only for caching (the check is stricter). */
export function lifetimeSeconds(expiresIn: unknown): number | undefined {
  const n = typeof expiresIn === 'string' && /^\d+$/.test(expiresIn) ? Number(expiresIn) : expiresIn
  return typeof n === 'number' && Number.isFinite(n) && n > 0 ? n : undefined
}

// Without expires_in we cannot know the lifetime (RFC 6749 §5.1 leaves it to documentation): refresh often.
const UNKNOWN_LIFETIME_S = 300

/**
 * Requests and caches access tokens. Every token it sees, and the client secret, join `secrets`, which the
 * SCIM client redacts from every record.
 */
export class TokenSource {
  readonly secrets = new Set<string>()
  /** How the run's own token requests authenticate: the client secret when there is one, else federation. */
  readonly method: 'client-secret' | 'federation'
  /** Why the last attempt gave no token, in words (undefined while tokens are coming). */
  problem?: string
  /** The last attempt got no HTTP answer at all (DNS, refused, TLS, timeout). */
  unreachable = false
  /** The HTTP status of the last attempt's answer (undefined without one). */
  lastStatus?: number
  private cached?: { token: string; refreshAt: number }
  private pending?: Promise<string | undefined>

  constructor(readonly settings: OAuthSettings) {
    // The body form of a request carries the secret form-encoded, which differs from it when it has symbols.
    for (const s of [settings.clientSecret, settings.clientSecret2]) if (s) this.secrets.add(s).add(formEncode(s))
    const key = settings.federation?.privateKey
    if (key) this.secrets.add(key.export({ type: 'pkcs8', format: 'pem' }).toString())
    this.method = settings.clientSecret !== undefined ? 'client-secret' : 'federation'
  }

  /** A client assertion signed as Entra signs one (or a deliberately wrong one); it joins the secrets before it is sent. */
  assertion(variant: AssertionVariant = {}): string {
    if (!this.settings.federation)
      throw new Error('TokenSource.assertion: no federation configured (a bug in scim-preflight)')
    const jwt = buildAssertion(this.settings.federation, variant)
    this.secrets.add(jwt)
    return jwt
  }

  /** A cached token while it has some life left, else a new one; undefined when the endpoint gave none. */
  token(client: ScimClient): Promise<string | undefined> {
    if (this.cached && Date.now() < this.cached.refreshAt) return Promise.resolve(this.cached.token)
    this.pending ??= this.refresh(client).finally(() => {
      this.pending = undefined
    })
    return this.pending
  }

  /**
   * One token request exactly as Entra sends it (or, with `location: 'body'`, the form Entra never sends).
   * Recorded through the client's sink once the issued token is known, so the record never carries it.
   */
  async request(
    client: ScimClient,
    how: { clientSecret?: string; clientId?: string; location?: 'header' | 'body'; assertion?: string } = {},
  ): Promise<TokenAnswer> {
    const { tokenUrl, scope } = this.settings
    const clientId = how.clientId ?? this.settings.clientId
    const secret = how.clientSecret ?? this.settings.clientSecret
    const form: [string, string][] = [['grant_type', 'client_credentials']]
    const headers: Record<string, string> = { 'Content-Type': 'application/x-www-form-urlencoded' }
    if (how.assertion !== undefined || secret === undefined) {
      // Microsoft's federation guide: client_id, then the assertion and its type, then scope; no secret, no Basic.
      form.push(
        ['client_id', clientId],
        ['client_assertion_type', CLIENT_ASSERTION_TYPE],
        ['client_assertion', how.assertion ?? this.assertion()],
      )
      if (scope) form.push(['scope', scope])
    } else if (how.location === 'body') {
      if (scope) form.push(['scope', scope])
      form.push(['client_id', clientId], ['client_secret', secret])
    } else {
      if (scope) form.push(['scope', scope])
      headers.Authorization = basicAuthorization(clientId, secret)
      this.secrets.add(headers.Authorization.slice('Basic '.length))
    }
    const body = form.map(([k, v]) => `${formEncode(k)}=${formEncode(v)}`).join('&')
    // Not a write to the SCIM endpoint: allowed in --read-only, as Entra needs a token before any GET.
    const raw = await client
      .fork({ sink: undefined, readOnly: false, role: 'token' })
      .request('POST', tokenUrl, { auth: 'none', headers, body, callerRecords: true })
    const answer = raw.response?.body as
      { access_token?: unknown; token_type?: unknown; expires_in?: unknown } | undefined
    const issued =
      raw.response?.status === 200 && typeof answer?.access_token === 'string' && answer.access_token !== ''
        ? answer.access_token
        : undefined
    if (issued) this.secrets.add(issued)
    const exchange = redact(raw, [...this.secrets])
    // A redacted copy is still the sender's exchange: the check that asked for the token cites it.
    if (exchange !== raw) Object.defineProperty(exchange, 'sender', { value: raw.sender, enumerable: false })
    // On the wire whatever the sink: the run's record (HAR) shows every token request, secrets redacted.
    client.emit(exchange)
    return { exchange, accessToken: issued, expiresIn: answer?.expires_in, tokenType: answer?.token_type }
  }

  private async refresh(client: ScimClient): Promise<string | undefined> {
    const answer = await this.request(client)
    this.unreachable = !answer.exchange.response
    this.lastStatus = answer.exchange.response?.status
    if (!answer.accessToken) {
      this.cached = undefined
      this.problem = describeRefusal(answer.exchange)
      return undefined
    }
    this.problem = undefined
    const lifetime = lifetimeSeconds(answer.expiresIn) ?? UNKNOWN_LIFETIME_S
    // Renew a little before expiry so no request carries a token that dies in flight.
    this.cached = { token: answer.accessToken, refreshAt: Date.now() + (lifetime - Math.min(60, lifetime / 10)) * 1000 }
    return answer.accessToken
  }
}

/**
 * Why the run's own federated token request got no token, as one line for the preflight: with the assertion's
 * header and claims, since a wrong key, issuer, subject or audience on either side is the usual reason.
 */
export function federationRefusal(tokens: TokenSource): string {
  const f = tokens.settings.federation!
  const what = `a client assertion (${ASSERTION_ALG}, kid ${f.kid}, iss ${f.issuer}, sub ${f.subject}, aud ${f.audience}) signed with ${f.keySource === 'generate' ? 'a generated key' : f.keySource}`
  return (
    `the token endpoint ${tokens.settings.tokenUrl} refused ${what}: ${(tokens.problem ?? '').replace(/^the token endpoint /, 'it ').replace(/ to Entra's client-credentials request$/, '')}; ` +
    "check that your server trusts this key (--wif-key, or the kid in --wif-kid), issuer (--wif-issuer), subject (--wif-subject) and audience (--wif-audience), and that this machine's clock is right (the assertion is valid from now for 65 minutes)"
  )
}

function describeRefusal(ex: Exchange): string {
  if (!ex.response) return `the token endpoint could not be reached: ${ex.error}`
  const body = ex.response.body as { error?: unknown; error_description?: unknown } | undefined
  const error =
    typeof body?.error === 'string'
      ? ` (${body.error}${typeof body.error_description === 'string' ? `: ${body.error_description}` : ''})`
      : ''
  return ex.response.status === 200
    ? 'the token endpoint answered 200 without an access_token'
    : `the token endpoint answered ${ex.response.status}${error} to Entra's client-credentials request`
}
