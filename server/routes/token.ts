// OAuth 2.0 client-credentials token endpoint (RFC 6749 §4.4), answering Entra's token request: a form body
// with grant_type=client_credentials and the client id and secret in an Authorization: Basic header, or, with
// workload identity federation, the client id and a signed JWT client assertion (RFC 7523 §2.2).
import { createPublicKey, randomBytes, verify } from 'node:crypto'
import { CLIENT_ASSERTION_TYPE, decodeJwt, type TrustedFederation } from '../../helpers/client/assertion.ts'
import type { ServerRequest, ServerResponse } from '../http.ts'
import type { Policy } from '../policy.ts'

export const TOKEN_PATH = '/oauth2/token'

export interface OAuthClient {
  clientId: string
  /** Absent: the client authenticates only with federation. */
  clientSecret?: string
  /** A second active secret of the same client (rotation). */
  clientSecret2?: string
  /** The id clientSecret2 belongs to when rotation issues a new client id and secret (default: clientId). */
  clientId2?: string
  federation?: TrustedFederation
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
const tokenJson = (
  status: number,
  body: Record<string, unknown>,
  headers: Record<string, string> = {},
): ServerResponse => ({
  status,
  body,
  headers: {
    'Content-Type': 'application/json;charset=UTF-8',
    'Cache-Control': 'no-store',
    Pragma: 'no-cache',
    ...headers,
  },
})

export function tokenRoute(
  req: ServerRequest,
  client: OAuthClient,
  policy: Policy,
  issued: IssuedTokens,
): ServerResponse {
  if (req.method !== 'POST')
    return tokenJson(
      405,
      { error: 'invalid_request', error_description: 'the token endpoint accepts POST only' },
      { Allow: 'POST' },
    )
  if (!/^application\/x-www-form-urlencoded\s*(;|$)/i.test(req.headers['content-type'] ?? '')) {
    return tokenJson(400, {
      error: 'invalid_request',
      error_description: 'the body must be application/x-www-form-urlencoded',
    })
  }
  const form = (req.body ?? {}) as Record<string, string>
  if (form.client_assertion !== undefined || form.client_assertion_type !== undefined) {
    // RFC 6749 §5.2: a client that did not use the Authorization header gets 400 invalid_client.
    const problem = assertionProblem(form, client, policy)
    if (problem) return tokenJson(400, { error: 'invalid_client', error_description: problem })
  } else {
    const sent = policy.clientCredentials(req.headers.authorization, form)
    // A second client id (rotation by a new client) has the second secret; the same id has both.
    const second = client.clientId2 ?? client.clientId
    const secrets = policy.activeClientSecrets(
      [
        sent?.id === client.clientId ? client.clientSecret : undefined,
        sent?.id === second ? client.clientSecret2 : undefined,
      ].filter((s): s is string => s !== undefined),
    )
    // RFC 6749 §5.2: a client that authenticated with the Authorization header gets 401 and a challenge in its scheme.
    if (!sent || !secrets.some((s) => policy.clientSecretMatches(sent.secret, s))) {
      return tokenJson(
        401,
        { error: 'invalid_client', error_description: 'client authentication failed' },
        { 'WWW-Authenticate': 'Basic realm="scim-preflight", charset="UTF-8"' },
      )
    }
  }
  if (form.grant_type === undefined)
    return tokenJson(400, { error: 'invalid_request', error_description: 'grant_type is missing' })
  if (form.grant_type !== 'client_credentials') {
    return tokenJson(400, {
      error: 'unsupported_grant_type',
      error_description: 'only client_credentials is supported',
    })
  }
  const lifetime = policy.tokenLifetimeSeconds
  return tokenJson(200, {
    access_token: issued.issue(lifetime),
    token_type: 'Bearer',
    expires_in: lifetime,
    ...(form.scope ? { scope: form.scope } : {}),
  })
}

/** Seconds of clock skew allowed on exp and nbf, as JWT libraries commonly do. */
const CLOCK_SKEW_S = 60

/** The keys an assertion may verify with: the one key, or of a key set the one its kid names (each, without a kid). */
function candidateKeys(trust: TrustedFederation, kid: unknown, policy: Policy): string[] {
  if (!trust.keys) return [trust.publicKeyPem]
  if (!policy.chooseAssertionKeyByKid) return [trust.keys[0]!.publicKeyPem]
  if (typeof kid !== 'string') return trust.keys.map((k) => k.publicKeyPem)
  return trust.keys.filter((k) => k.kid === kid).map((k) => k.publicKeyPem)
}

/** Why a client assertion is refused (RFC 7523 §3; Microsoft's federation guide), or undefined when it is good. */
function assertionProblem(form: Record<string, string>, client: OAuthClient, policy: Policy): string | undefined {
  const trust = client.federation
  if (!trust) return 'this client does not authenticate with client assertions'
  if (form.client_assertion_type !== CLIENT_ASSERTION_TYPE)
    return `client_assertion_type must be ${CLIENT_ASSERTION_TYPE}`
  if (form.client_id !== undefined && form.client_id !== client.clientId)
    return 'client_id is not the client the assertion is trusted for'
  const jwt = decodeJwt(form.client_assertion ?? '')
  if (!jwt) return 'client_assertion is not a JWT'
  if (!policy.verifyAssertionSignature) return undefined
  const alg = jwt.header.alg
  if (typeof alg !== 'string' || !policy.assertionAlgorithms.includes(alg))
    return `the assertion's algorithm ${JSON.stringify(alg)} is not accepted (RS256 only)`
  const keys = candidateKeys(trust, jwt.header.kid, policy)
  if (alg !== 'none' && keys.length === 0)
    return `the assertion's kid ${JSON.stringify(jwt.header.kid)} names no key of the trusted key set`
  // A fault that lets "none" through skips the signature, as the libraries that had this bug did.
  if (
    alg !== 'none' &&
    !keys.some((pem) => verify('sha256', Buffer.from(jwt.signingInput), createPublicKey(pem), jwt.signature))
  )
    return "the assertion's signature does not verify with the trusted key"
  const c = jwt.claims
  const now = Math.floor(Date.now() / 1000)
  if (c.iss !== trust.issuer) return "the assertion's issuer (iss) is not trusted"
  if (c.sub !== trust.subject) return "the assertion's subject (sub) is not trusted"
  const audiences = Array.isArray(c.aud) ? c.aud : [c.aud]
  if (policy.checkAssertionAudience && !audiences.includes(trust.audience))
    return "the assertion's audience (aud) is not this server"
  if (typeof c.exp !== 'number') return 'the assertion has no exp'
  if (policy.honourAssertionExpiry && c.exp + CLOCK_SKEW_S < now) return 'the assertion has expired'
  if (typeof c.nbf === 'number' && c.nbf - CLOCK_SKEW_S > now) return 'the assertion is not valid yet (nbf)'
  if (policy.requireAssertionJti && typeof c.jti !== 'string') return 'the assertion has no jti'
  return undefined
}
