// Authentication: Entra's token request for OAuth 2.0 client credentials, then the token on the SCIM endpoint
// (Microsoft's SCIM tutorial, authorization; RFC 6749 §4.4, RFC 6750 §3). With a secret token only, just the challenge check runs.
import { setTimeout as sleep } from 'node:timers/promises'
import { CheckFailure, CheckSkipped, expectJsonBody, expectStatus, expectTrue, requestLine, short, uses } from '../../helpers/suite/expect-scim.ts'
import { defineFlow, type ChecksOf } from '../define-flow.ts'
import { lifetimeSeconds } from '../../helpers/client/oauth.ts'
import { OAUTH_ONLY } from './checks.ts'

/** Longest token lifetime the suite waits out to see the token refused; longer ones are not waited for. */
const MAX_EXPIRY_WAIT_S = 30
const GALLERY_MIN_S = 3600
const GALLERY_MAX_S = 6 * 3600

const NO_OAUTH = 'OAuth client credentials are not configured: pass --token-url, --client-id and --client-secret (gallery onboarding requires them)'

const header = (ex: { response?: { headers: Record<string, string> } }, name: string): string => ex.response?.headers[name] ?? ''
const challenges = (value: string, scheme: string): boolean => new RegExp(`(^|,\\s*)${scheme}(\\s|,|$)`, 'i').test(value)

export default defineFlow({
  id: 'authentication',
  title: 'Authentication',
  writes: false,
  checksCredentials: true,
  async run(ctx) {
    const guid = ctx.data.guid()
    const filter: [string, string][] = [['filter', `${ctx.matchingAttribute} eq "${guid}"`]]

    const invalid = await ctx.scim.get('/Users', { query: filter, auth: { bearer: `invalid-${guid}` } })
    await ctx.check('authentication/invalid-token-answer-has-www-authenticate', () => {
      if (!invalid.response || invalid.response.status < 400) {
        throw new CheckSkipped(`${requestLine(invalid)}: the invalid token was not refused (see test-connection/rejects-wrong-token)`)
      }
      const value = header(invalid, 'www-authenticate')
      expectTrue(invalid, challenges(value, 'Bearer'), `WWW-Authenticate is ${value ? `"${value}"` : 'absent'}; RFC 6750 §3 asks for a Bearer challenge`, 'Bearer realm="…", error="invalid_token"', value || '(none)')
    })

    const tokens = ctx.tokens
    if (!tokens) {
      for (const id of OAUTH_ONLY) {
        await ctx.check(id as ChecksOf<'authentication'>, () => {
          throw new CheckSkipped(NO_OAUTH)
        })
      }
      return
    }

    const issued = await tokens.request(ctx.scim)
    const answer = issued.exchange
    await ctx.check('authentication/token-endpoint-accepts-basic-credentials', async () => {
      if (answer.response?.status === 200) return uses(answer)
      // Entra's error is specific when the endpoint reads credentials only from the body, so tell that case apart.
      const inBody = await tokens.request(ctx.scim, { location: 'body' })
      uses(inBody.exchange)
      if (inBody.accessToken) {
        throw new CheckFailure(
          `${requestLine(answer)}: the token endpoint refused the client credentials in the Authorization: Basic header, but issued a token for the same credentials in the body (${requestLine(inBody.exchange)}). ` +
            'Entra sends them only in the Basic header (RFC 6749 §2.3.1: every token endpoint MUST support Basic), so Test Connection fails with CredentialValidationUnavailable: "Supported CredentialLocationInRequest is required…"',
          'client credentials read from Authorization: Basic',
          'client credentials read only from the request body',
        )
      }
      expectStatus(answer, 200, 'Entra\'s client-credentials request was refused, so Test Connection fails with CredentialValidationUnavailable (RFC 6749 §4.4.2)')
    })

    const refused = (): never => {
      throw new CheckSkipped(`${requestLine(answer)}: no token was issued (see authentication/token-endpoint-accepts-basic-credentials)`)
    }
    await ctx.check('authentication/token-response-is-bearer-token', () => {
      if (answer.response?.status !== 200) refused()
      const body = expectJsonBody<{ access_token?: unknown; token_type?: unknown }>(answer)
      const at = body.access_token
      expectTrue(answer, typeof at === 'string' && at !== '', `access_token is ${at === undefined ? 'absent' : `a ${typeof at}`} (RFC 6749 §5.1: REQUIRED)`, 'a non-empty string', at === undefined ? 'absent' : typeof at)
      expectTrue(answer, typeof body.token_type === 'string' && body.token_type.toLowerCase() === 'bearer', `token_type is ${short(body.token_type)}, expected "Bearer" (RFC 6749 §5.1: REQUIRED, case-insensitive)`, 'Bearer', body.token_type ?? 'absent')
    })

    const token = issued.accessToken
    const lifetime = lifetimeSeconds(issued.expiresIn)
    await ctx.check('authentication/token-response-has-expires-in', () => {
      if (!token) refused()
      const e = issued.expiresIn
      expectTrue(answer, typeof e === 'number' && Number.isFinite(e) && e > 0, `expires_in is ${short(e)}: the answer should state the lifetime in seconds, as a JSON number (RFC 6749 §5.1)`, 'a positive number of seconds', e ?? 'absent')
    })
    await ctx.check('authentication/token-lifetime-within-gallery-range', () => {
      if (!token) refused()
      if (lifetime === undefined) throw new CheckSkipped('the token answer states no lifetime (see authentication/token-response-has-expires-in)')
      expectTrue(answer, lifetime >= GALLERY_MIN_S && lifetime <= GALLERY_MAX_S,
        `expires_in is ${lifetime} s (${describeSeconds(lifetime)}); Microsoft's gallery checklist (2.2.6) asks for access tokens that live 60 minutes to 6 hours`,
        `${GALLERY_MIN_S}–${GALLERY_MAX_S} s`, lifetime)
    })

    const used = token ? await ctx.scim.get('/Users', { query: filter, auth: { bearer: token } }) : undefined
    await ctx.check('authentication/issued-token-works', () => {
      if (!used) refused()
      expectStatus(used!, 200, 'The token came from the token endpoint a moment ago; Entra would fail Test Connection with SystemForCrossDomainIdentityManagementCredentialValidationFailure')
    })

    const wrong = await tokens.request(ctx.scim, { clientSecret: `wrong-${guid}` })
    await ctx.check('authentication/token-endpoint-refuses-wrong-secret', () => {
      expectTrue(wrong.exchange, wrong.accessToken === undefined, 'the token endpoint issued an access token for a wrong client secret', 'no token (400 or 401 invalid_client)', wrong.exchange.response?.status)
      expectStatus(wrong.exchange, [400, 401], 'The client secret was wrong')
    })
    await ctx.check('authentication/wrong-secret-responds-401-with-basic-challenge', () => {
      expectStatus(wrong.exchange, 401, 'The client authenticated with the Authorization header, so RFC 6749 §5.2 requires 401 (400 invalid_client is for credentials in the body)')
      const value = header(wrong.exchange, 'www-authenticate')
      expectTrue(wrong.exchange, challenges(value, 'Basic'), `WWW-Authenticate is ${value ? `"${value}"` : 'absent'}; RFC 6749 §5.2 requires a challenge in the scheme the client used (Basic)`, 'Basic realm="…"', value || '(none)')
    })

    await ctx.check('authentication/refuses-expired-token', async () => {
      if (!token || used?.response?.status !== 200) throw new CheckSkipped('no working access token to let expire (see authentication/issued-token-works)')
      if (lifetime === undefined) throw new CheckSkipped('the token answer states no lifetime, so there is no expiry to test (see authentication/token-response-has-expires-in)')
      if (lifetime > MAX_EXPIRY_WAIT_S) {
        throw new CheckSkipped(`the token lives ${describeSeconds(lifetime)}; the suite waits for expiry only up to ${MAX_EXPIRY_WAIT_S} s. ` +
          `To check it, let a test instance issue tokens that live a few seconds and run --only 'authentication/refuses-expired-token'`)
      }
      await sleep((lifetime + 1) * 1000)
      const after = await ctx.scim.get('/Users', { query: filter, auth: { bearer: token } })
      expectStatus(after, 401, `The token's expires_in was ${lifetime} s and ${lifetime + 1} s have passed (RFC 6750 §3.1: an expired token is invalid_token)`)
    })
  },
})

function describeSeconds(s: number): string {
  if (s % 3600 === 0) return `${s / 3600} h`
  if (s % 60 === 0) return `${s / 60} min`
  return `${s} s`
}
