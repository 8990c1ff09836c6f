// The reference SCIM endpoint: in-memory, both Entra PATCH dialects, bearer token; optionally started with
// faults (one named defect each) so the self-tests can prove every check able to fail.
import http from 'node:http'
import https from 'node:https'
import type { AddressInfo } from 'node:net'
import type { Fault } from './faults/define-fault.ts'
import { HttpError, scimError, SCIM_JSON, type ServerRequest, type ServerResponse } from './http.ts'
import { cleanPolicy, type Policy } from './policy.ts'
import { discoveryRoute } from './routes/discovery.ts'
import { groupsRoute } from './routes/groups.ts'
import { IssuedTokens, TOKEN_PATH, tokenRoute, type OAuthClient } from './routes/token.ts'
import { usersRoute } from './routes/users.ts'
import { Store } from './store.ts'

export const BASE_PATH = '/scim/v2'
const MAX_REQUEST_BYTES = 5 * 1024 * 1024
const LOG_LIMIT = 10_000

export interface StartOptions {
  port?: number
  host?: string
  token: string
  faults?: readonly Fault[]
  store?: Store
  /** Also serve an OAuth 2.0 client-credentials token endpoint at /oauth2/token for this client. */
  oauth?: OAuthClient
  /** Serve HTTPS with this certificate (PEM) instead of plain HTTP: the TLS tests. */
  tls?: { key: string | Buffer; cert: string | Buffer }
}

export interface LoggedRequest {
  method: string
  url: string
  status: number
}

export interface RequestLog {
  /** Requests per method since start (every request, however many). */
  counts: Record<string, number>
  /** The latest requests, at most 10,000. */
  entries: LoggedRequest[]
}

export interface RunningServer {
  /** The SCIM base URL, e.g. http://127.0.0.1:8080/scim/v2 */
  url: string
  token: string
  /** The token endpoint's URL, when started with `oauth`. */
  tokenUrl?: string
  /** Every access token the token endpoint issued and still remembers (tests scan reports for them). */
  readonly issuedTokens: string[]
  store: Store
  log: RequestLog
  close(): Promise<void>
}

export async function startServer(options: StartOptions): Promise<RunningServer> {
  const faults = options.faults ?? []
  const lifetime = options.oauth?.tokenLifetimeSeconds
  const policy: Policy = Object.assign(
    {},
    cleanPolicy,
    lifetime ? { tokenLifetimeSeconds: lifetime } : {},
    ...faults.map((f) => f.policy ?? {}),
  )
  const store = options.store ?? new Store()
  const log: RequestLog = { counts: {}, entries: [] }
  const issued = new IssuedTokens()
  let base = ''

  const answer = (req: ServerRequest, route: (req: ServerRequest) => ServerResponse): ServerResponse => {
    for (const f of faults) {
      const intercepted = f.intercept?.(req)
      if (intercepted) return intercepted
    }
    let res = route(req)
    for (const f of faults) if (f.rewriteResponse) res = f.rewriteResponse(req, res)
    return res
  }

  const route = (req: ServerRequest): ServerResponse => {
    try {
      const authorization = req.headers.authorization
      if (
        !policy.authenticate(authorization, options.token) &&
        !issued.accepts(authorization, policy.honourTokenExpiry)
      ) {
        // RFC 6750 §3.1: a presented but unusable token is "invalid_token"; a missing one gets the bare challenge.
        const challenge =
          authorization === undefined
            ? 'Bearer realm="scim-preflight"'
            : 'Bearer realm="scim-preflight", error="invalid_token"'
        return scimError(401, 'A valid bearer token is required', undefined, { 'WWW-Authenticate': challenge })
      }
      const [, endpoint, id, extra] = req.path.split('/')
      if (extra !== undefined) return scimError(404, `No endpoint ${req.path}`)
      const decodedId = id === undefined || id === '' ? undefined : decodeURIComponent(id)
      switch (endpoint) {
        case 'Users':
          return usersRoute(req, decodedId, store, policy, base)
        case 'Groups':
          return groupsRoute(req, decodedId, store, policy, base)
        case 'ServiceProviderConfig':
        case 'Schemas':
        case 'ResourceTypes':
          return discoveryRoute(req, endpoint, decodedId, base)
        default:
          return scimError(404, `No endpoint ${req.path}`)
      }
    } catch (err) {
      if (err instanceof HttpError) return err.response
      return scimError(500, `Internal error: ${(err as Error).message}`)
    }
  }

  const handler: http.RequestListener = (incoming, outgoing) => {
    const chunks: Buffer[] = []
    let size = 0
    incoming.on('data', (c: Buffer) => {
      size += c.length
      if (size <= MAX_REQUEST_BYTES) chunks.push(c)
    })
    incoming.on('end', () => {
      const url = new URL(incoming.url ?? '/', 'http://localhost')
      let res: ServerResponse
      if (url.pathname === TOKEN_PATH && options.oauth) {
        const client = options.oauth
        const form = Object.fromEntries(new URLSearchParams(Buffer.concat(chunks).toString('utf8')))
        const req: ServerRequest = {
          method: incoming.method ?? 'GET',
          path: TOKEN_PATH,
          query: url.searchParams,
          headers: incoming.headers as Record<string, string | undefined>,
          body: form,
        }
        res = answer(req, (r) => tokenRoute(r, client, policy, issued))
      } else if (!url.pathname.startsWith(BASE_PATH)) {
        res = scimError(404, `The SCIM base path is ${BASE_PATH}`)
      } else if (size > MAX_REQUEST_BYTES) {
        res = scimError(413, `Request bodies are limited to ${MAX_REQUEST_BYTES} bytes`)
      } else {
        const text = Buffer.concat(chunks).toString('utf8')
        let body: unknown
        let parseError: string | undefined
        if (text.length > 0) {
          try {
            body = JSON.parse(text)
          } catch (err) {
            parseError = (err as Error).message
          }
        }
        const req: ServerRequest = {
          method: incoming.method ?? 'GET',
          path: url.pathname.slice(BASE_PATH.length).replace(/\/+$/, '') || '/',
          query: url.searchParams,
          headers: incoming.headers as Record<string, string | undefined>,
          body,
        }
        res = parseError ? scimError(400, `The body is not JSON: ${parseError}`, 'invalidSyntax') : answer(req, route)
      }
      log.counts[incoming.method ?? 'GET'] = (log.counts[incoming.method ?? 'GET'] ?? 0) + 1
      if (log.entries.length >= LOG_LIMIT) log.entries.shift()
      log.entries.push({ method: incoming.method ?? 'GET', url: incoming.url ?? '/', status: res.status })
      send(outgoing, res)
    })
  }
  const server = options.tls
    ? https.createServer({ key: options.tls.key, cert: options.tls.cert }, handler)
    : http.createServer(handler)
  server.keepAliveTimeout = 30_000

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject)
    server.listen(options.port ?? 0, options.host ?? '127.0.0.1', () => resolve())
  })
  const { port } = server.address() as AddressInfo
  const host = options.host && options.host !== '0.0.0.0' ? options.host : '127.0.0.1'
  const origin = `${options.tls ? 'https' : 'http'}://${host.includes(':') ? `[${host}]` : host}:${port}`
  base = `${origin}${BASE_PATH}`
  return {
    url: base,
    token: options.token,
    ...(options.oauth ? { tokenUrl: `${origin}${TOKEN_PATH}` } : {}),
    get issuedTokens() {
      return issued.list()
    },
    store,
    log,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections()
        server.close(() => resolve())
      }),
  }
}

function send(outgoing: http.ServerResponse, res: ServerResponse): void {
  const headers: Record<string, string> = { ...res.headers }
  let payload: string | Buffer | undefined
  if (typeof res.body === 'string' || Buffer.isBuffer(res.body)) {
    payload = res.body
  } else if (res.body !== undefined) {
    payload = JSON.stringify(res.body)
    if (!Object.keys(headers).some((h) => h.toLowerCase() === 'content-type')) headers['Content-Type'] = SCIM_JSON
  }
  // An explicit length spares chunked framing: one write per answer, and clients need not parse chunks.
  if (payload !== undefined) headers['Content-Length'] = String(Buffer.byteLength(payload))
  outgoing.writeHead(res.status, headers)
  outgoing.end(payload)
}
