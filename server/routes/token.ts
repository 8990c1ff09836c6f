// OAuth 2.0 client-credentials token endpoint (RFC 6749 §4.4), answering Entra's token request: a form body
// with grant_type=client_credentials and the client id and secret in an Authorization: Basic header.
import { randomBytes } from 'node:crypto'
import type { ServerRequest, ServerResponse } from '../http.ts'
import type { Policy } from '../policy.ts'

export const TOKEN_PATH = '/oauth2/token'

export interface OAuthClient {
  clientId: string
  clientSecret: string
  /** expires_in of issued tokens (default one hour); a few seconds lets the expiry check run. */
  tokenLifetimeSeconds?: number
}

/** Every access token this endpoint issues starts so (faults recognise them by it). */
export const TOKEN_PREFIX = 'at-'

/** Access tokens the endpoint issued, with their expiry (ms since epoch). */
export class IssuedTokens {
  private readonly tokens = new Map<string, number>()

  issue(lifetimeSeconds: number): string {
    const now = Date.now()
    // Tokens long expired are forgotten so a long-running `serve` does not grow without bound.
    for (const [t, expiresAt] of this.tokens) if (expiresAt < now - 600_000) this.tokens.delete(t)
    const token = `${TOKEN_PREFIX}${randomBytes(24).toString('base64url')}`
    this.tokens.set(token, now + lifetimeSeconds * 1000)
    return token
  }

  /** Whether the Authorization header carries a token this endpoint issued (and, when expiry counts, still live). */
  accepts(authorization: string | undefined, honourExpiry: boolean): boolean {
    const token = /^Bearer (\S+)$/.exec(authorization ?? '')?.[1]
    const expiresAt = token === undefined ? undefined : this.tokens.get(token)
    return expiresAt !== undefined && (!honourExpiry || Date.now() < expiresAt)
  }

  list(): string[] {
    return [...this.tokens.keys()]
  }
}

// RFC 6749 §5.1/§5.2: JSON answers that must not be cached. The body stays an object so faults can rewrite it.
const tokenJson = (status: number, body: Record<string, unknown>, headers: Record<string, string> = {}): ServerResponse => ({
  status,
  body,
  headers: { 'Content-Type': 'application/json;charset=UTF-8', 'Cache-Control': 'no-store', Pragma: 'no-cache', ...headers },
})

export function tokenRoute(req: ServerRequest, client: OAuthClient, policy: Policy, issued: IssuedTokens): ServerResponse {
  if (req.method !== 'POST') return tokenJson(405, { error: 'invalid_request', error_description: 'the token endpoint accepts POST only' }, { Allow: 'POST' })
  if (!/^application\/x-www-form-urlencoded\s*(;|$)/i.test(req.headers['content-type'] ?? '')) {
    return tokenJson(400, { error: 'invalid_request', error_description: 'the body must be application/x-www-form-urlencoded' })
  }
  const form = (req.body ?? {}) as Record<string, string>
  const sent = policy.clientCredentials(req.headers.authorization, form)
  // RFC 6749 §5.2: a client that authenticated with the Authorization header gets 401 and a challenge in its scheme.
  if (!sent || sent.id !== client.clientId || !policy.clientSecretMatches(sent.secret, client.clientSecret)) {
    return tokenJson(401, { error: 'invalid_client', error_description: 'client authentication failed' }, { 'WWW-Authenticate': 'Basic realm="scim-preflight", charset="UTF-8"' })
  }
  if (form.grant_type === undefined) return tokenJson(400, { error: 'invalid_request', error_description: 'grant_type is missing' })
  if (form.grant_type !== 'client_credentials') {
    return tokenJson(400, { error: 'unsupported_grant_type', error_description: 'only client_credentials is supported' })
  }
  const lifetime = policy.tokenLifetimeSeconds
  return tokenJson(200, {
    access_token: issued.issue(lifetime),
    token_type: 'Bearer',
    expires_in: lifetime,
    ...(form.scope ? { scope: form.scope } : {}),
  })
}
