// Authentication: Entra's token request for OAuth 2.0 client credentials, then the token on the SCIM endpoint
// (Microsoft's SCIM tutorial, authorization; RFC 6749 §4.4, RFC 6750 §3). With a secret token only, just the challenge check runs.
// With a second secret, rotation; with a federation key, Entra's client-assertion request (RFC 7523) and the forged,
// expired and misaddressed assertions a server must refuse.
import { randomUUID } from 'node:crypto'
import { setTimeout as sleep } from 'node:timers/promises'
import {
  CheckFailure,
  CheckSkipped,
  expectJsonBody,
  expectStatus,
  expectTrue,
  requestLine,
  short,
  uses,
} from '../../helpers/suite/expect-scim.ts'
import { defineFlow, type ChecksOf } from '../define-flow.ts'
import type { FlowContext } from '../../helpers/suite/flow.ts'
import { generateSigningKey } from '../../helpers/client/assertion.ts'
import type { Exchange } from '../../helpers/model/exchange.ts'
import { lifetimeSeconds, type TokenAnswer, type TokenSource } from '../../helpers/client/oauth.ts'
import { FEDERATION_ONLY, OAUTH_ONLY } from './checks.ts'

/** Longest token lifetime the suite waits out to see the token refused; longer ones are not waited for. */
const MAX_EXPIRY_WAIT_S = 30
const GALLERY_MIN_S = 3600
const GALLERY_MAX_S = 6 * 3600

const NO_OAUTH =
  'OAuth client credentials are not configured: pass --token-url, --client-id and --client-secret (gallery onboarding requires them)'
const NO_SECRET = 'the run authenticated with workload identity federation (--wif-key) and no client secret'
const NO_FEDERATION =
  'workload identity federation is not configured: to test it, pass --wif-key key.pem with --wif-issuer and --wif-subject (SCIM_WIF_KEY, SCIM_WIF_ISSUER, SCIM_WIF_SUBJECT), the key and claims your server trusts'
const NO_SECOND_SECRET =
  'secret rotation not tested: pass a second active secret of the same client with --client-secret-2 (SCIM_CLIENT_SECRET_2), and the run shows that both get tokens that work'

const header = (ex: { response?: { headers: Record<string, string> } }, name: string): string =>
  ex.response?.headers[name] ?? ''
const challenges = (value: string, scheme: string): boolean =>
  new RegExp(`(^|,\\s*)${scheme}(\\s|,|$)`, 'i').test(value)

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
        throw new CheckSkipped(
          `${requestLine(invalid)}: the invalid token was not refused (see test-connection/rejects-wrong-token)`,
        )
      }
      const value = header(invalid, 'www-authenticate')
      expectTrue(
        invalid,
        challenges(value, 'Bearer'),
        `WWW-Authenticate is ${value ? `"${value}"` : 'absent'}; RFC 6750 §3 asks for a Bearer challenge`,
        'Bearer realm="…", error="invalid_token"',
        value || '(none)',
      )
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

    const withSecret = tokens.method === 'client-secret'
    const noSecret = (): never => {
      throw new CheckSkipped(NO_SECRET)
    }
    // The run's own request: with a secret, Entra's Basic request; with federation only, its client-assertion request.
    const issued = await tokens.request(ctx.scim)
    const answer = issued.exchange
    const tokenCheck = withSecret
      ? 'authentication/token-endpoint-accepts-basic-credentials'
      : 'authentication/federated-assertion-gets-working-token'
    // The same credentials in the form body: how Microsoft's validation sends them (and, when Basic is refused, the tell-tale).
    let bodyAnswer: TokenAnswer | undefined
    const inBodyRequest = async (): Promise<TokenAnswer> =>
      (bodyAnswer ??= await tokens.request(ctx.scim, { location: 'body' }))
    await ctx.check('authentication/token-endpoint-accepts-basic-credentials', async () => {
      if (!withSecret) noSecret()
      if (answer.response?.status === 200) return uses(answer)
      // Entra's error is specific when the endpoint reads credentials only from the body, so tell that case apart.
      const inBody = await inBodyRequest()
      uses(inBody.exchange)
      if (inBody.accessToken) {
        throw new CheckFailure(
          `${requestLine(answer)}: the token endpoint refused the client credentials in the Authorization: Basic header, but issued a token for the same credentials in the body (${requestLine(inBody.exchange)}). ` +
            'Entra sends them only in the Basic header (RFC 6749 §2.3.1: every token endpoint MUST support Basic), so Test Connection fails with CredentialValidationUnavailable: "Supported CredentialLocationInRequest is required…"',
          'client credentials read from Authorization: Basic',
          'client credentials read only from the request body',
        )
      }
      expectStatus(
        answer,
        200,
        "Entra's client-credentials request was refused, so Test Connection fails with CredentialValidationUnavailable (RFC 6749 §4.4.2)",
      )
    })

    const refused = (): never => {
      throw new CheckSkipped(`${requestLine(answer)}: no token was issued (see ${tokenCheck})`)
    }
    await ctx.check('authentication/token-response-is-bearer-token', () => {
      if (answer.response?.status !== 200) refused()
      const body = expectJsonBody<{ access_token?: unknown; token_type?: unknown }>(answer)
      const at = body.access_token
      expectTrue(
        answer,
        typeof at === 'string' && at !== '',
        `access_token is ${at === undefined ? 'absent' : `a ${typeof at}`} (RFC 6749 §5.1: REQUIRED)`,
        'a non-empty string',
        at === undefined ? 'absent' : typeof at,
      )
      expectTrue(
        answer,
        typeof body.token_type === 'string' && body.token_type.toLowerCase() === 'bearer',
        `token_type is ${short(body.token_type)}, expected "Bearer" (RFC 6749 §5.1: REQUIRED, case-insensitive)`,
        'Bearer',
        body.token_type ?? 'absent',
      )
    })

    const token = issued.accessToken
    const lifetime = lifetimeSeconds(issued.expiresIn)
    await ctx.check('authentication/token-response-has-expires-in', () => {
      if (!token) refused()
      const e = issued.expiresIn
      expectTrue(
        answer,
        typeof e === 'number' && Number.isFinite(e) && e > 0,
        `expires_in is ${short(e)}: the answer should state the lifetime in seconds, as a JSON number (RFC 6749 §5.1)`,
        'a positive number of seconds',
        e ?? 'absent',
      )
    })
    await ctx.check('authentication/token-lifetime-within-gallery-range', () => {
      if (!token) refused()
      if (lifetime === undefined)
        throw new CheckSkipped('the token answer states no lifetime (see authentication/token-response-has-expires-in)')
      expectTrue(
        answer,
        lifetime >= GALLERY_MIN_S && lifetime <= GALLERY_MAX_S,
        `expires_in is ${lifetime} s (${describeSeconds(lifetime)}); Microsoft's gallery checklist (2.2.6) asks for access tokens that live 60 minutes to 6 hours`,
        `${GALLERY_MIN_S}–${GALLERY_MAX_S} s`,
        lifetime,
      )
    })

    const used = token ? await ctx.scim.get('/Users', { query: filter, auth: { bearer: token } }) : undefined
    await ctx.check('authentication/issued-token-works', () => {
      if (!used) refused()
      expectStatus(
        used!,
        200,
        'The token came from the token endpoint a moment ago; Entra would fail Test Connection with SystemForCrossDomainIdentityManagementCredentialValidationFailure',
      )
    })

    await ctx.check('authentication/token-endpoint-accepts-body-credentials', async () => {
      if (!withSecret) noSecret()
      // Only the issuance: whether issued tokens work on the SCIM endpoint is authentication/issued-token-works.
      const inBody = await inBodyRequest()
      expectTrue(
        inBody.exchange,
        inBody.accessToken !== undefined,
        `the token endpoint issued no access token for client_id and client_secret in the form body (${describeAnswer(inBody.exchange)}), which is how Microsoft's Validate_Credentials_Test sends them`,
        '200 with an access_token',
        inBody.exchange.response?.status ?? 'no answer',
      )
    })

    const wrong = withSecret ? await tokens.request(ctx.scim, { clientSecret: `wrong-${guid}` }) : undefined
    await ctx.check('authentication/token-endpoint-refuses-wrong-secret', () => {
      if (!wrong) return noSecret()
      expectTrue(
        wrong.exchange,
        wrong.accessToken === undefined,
        'the token endpoint issued an access token for a wrong client secret',
        'no token (400 or 401 invalid_client)',
        wrong.exchange.response?.status,
      )
      expectStatus(wrong.exchange, [400, 401], 'The client secret was wrong')
    })
    await ctx.check('authentication/wrong-secret-responds-401-with-basic-challenge', () => {
      if (!wrong) return noSecret()
      expectStatus(
        wrong.exchange,
        401,
        'The client authenticated with the Authorization header, so RFC 6749 §5.2 requires 401 (400 invalid_client is for credentials in the body)',
      )
      const value = header(wrong.exchange, 'www-authenticate')
      expectTrue(
        wrong.exchange,
        challenges(value, 'Basic'),
        `WWW-Authenticate is ${value ? `"${value}"` : 'absent'}; RFC 6749 §5.2 requires a challenge in the scheme the client used (Basic)`,
        'Basic realm="…"',
        value || '(none)',
      )
    })

    await ctx.check('authentication/second-client-secret-works', async () => {
      if (!withSecret) noSecret()
      const second = tokens.settings.clientSecret2
      if (second === undefined) throw new CheckSkipped(NO_SECOND_SECRET)
      if (!token || used?.response?.status !== 200)
        throw new CheckSkipped('the first client secret gave no working token (see authentication/issued-token-works)')
      await expectWorkingToken(
        ctx,
        tokens,
        await tokens.request(ctx.scim, { clientSecret: second }),
        filter,
        'the second client secret (--client-secret-2)',
      )
      // Rotation means both at once: a server that keeps only the newest secret would now refuse the first.
      await expectWorkingToken(
        ctx,
        tokens,
        await tokens.request(ctx.scim),
        filter,
        'the first client secret, after the second was used',
      )
    })

    await federationChecks(ctx, tokens, withSecret ? undefined : { issued, used }, filter)

    await ctx.check('authentication/refuses-expired-token', async () => {
      if (!token || used?.response?.status !== 200)
        throw new CheckSkipped('no working access token to let expire (see authentication/issued-token-works)')
      if (lifetime === undefined)
        throw new CheckSkipped(
          'the token answer states no lifetime, so there is no expiry to test (see authentication/token-response-has-expires-in)',
        )
      if (lifetime > MAX_EXPIRY_WAIT_S) {
        throw new CheckSkipped(
          `the token lives ${describeSeconds(lifetime)}; the suite waits for expiry only up to ${MAX_EXPIRY_WAIT_S} s. ` +
            `To check it, let a test instance issue tokens that live a few seconds and run --only 'authentication/refuses-expired-token'`,
        )
      }
      await sleep((lifetime + 1) * 1000)
      const after = await ctx.scim.get('/Users', { query: filter, auth: { bearer: token } })
      expectStatus(
        after,
        401,
        `The token's expires_in was ${lifetime} s and ${lifetime + 1} s have passed (RFC 6750 §3.1: an expired token is invalid_token)`,
      )
    })
  },
})

type AuthContext = FlowContext<ChecksOf<'authentication'>>

/** The token request got an access token, and a SCIM query with it answered 200. */
async function expectWorkingToken(
  ctx: AuthContext,
  tokens: TokenSource,
  got: TokenAnswer,
  filter: [string, string][],
  what: string,
): Promise<void> {
  uses(got.exchange)
  if (!got.accessToken) {
    expectTrue(
      got.exchange,
      false,
      `the token request with ${what} got no access token (${describeAnswer(got.exchange)})`,
      '200 with an access_token',
      got.exchange.response?.status ?? 'no answer',
    )
  }
  const used = await ctx.scim.get('/Users', { query: filter, auth: { bearer: got.accessToken! } })
  expectStatus(used, 200, `The access token issued for ${what} was refused by the SCIM endpoint`)
}

function describeAnswer(ex: Exchange): string {
  if (!ex.response) return `no answer: ${ex.error}`
  const body = ex.response.body as { error?: unknown; error_description?: unknown } | undefined
  const error =
    typeof body?.error === 'string'
      ? `: ${body.error}${typeof body.error_description === 'string' ? ` "${body.error_description}"` : ''}`
      : ''
  return `${ex.response.status}${error}`
}

/**
 * Entra's federated token request (RFC 7523 §2.2) with the configured key and claims, then the assertions a server
 * must refuse: signed with another key, unsigned, expired, for another audience. `run` is the run's own federated
 * request when federation is its credential (no client secret), so it is not sent twice.
 */
async function federationChecks(
  ctx: AuthContext,
  tokens: TokenSource,
  run: { issued: TokenAnswer; used?: Exchange } | undefined,
  filter: [string, string][],
): Promise<void> {
  const fed = tokens.settings.federation
  if (!fed) {
    for (const id of FEDERATION_ONLY) {
      await ctx.check(id as ChecksOf<'authentication'>, () => {
        throw new CheckSkipped(NO_FEDERATION)
      })
    }
    return
  }
  const good = run?.issued ?? (await tokens.request(ctx.scim, { assertion: tokens.assertion() }))
  const used = run
    ? run.used
    : good.accessToken
      ? await ctx.scim.get('/Users', { query: filter, auth: { bearer: good.accessToken } })
      : undefined
  await ctx.check('authentication/federated-assertion-gets-working-token', () => {
    uses(good.exchange)
    expectTrue(
      good.exchange,
      good.accessToken !== undefined,
      `the client assertion signed with ${fed.keySource === 'generate' ? 'the generated key' : fed.keySource} (RS256, kid ${fed.kid}; iss ${fed.issuer}, sub ${fed.subject}, aud ${fed.audience}) got no access token (${describeAnswer(good.exchange)}). ` +
        'With workload identity federation Entra sends this request at Test Connection, and fails when it is refused. ' +
        'If your server was never set to trust this key, issuer, subject and audience, the setup is what is wrong: see --wif-issuer, --wif-subject, --wif-audience, --wif-kid',
      '200 with an access_token',
      good.exchange.response?.status ?? 'no answer',
    )
    expectStatus(
      used!,
      200,
      'The access token issued for the client assertion was refused by the SCIM endpoint; Entra would fail Test Connection with CredentialValidationFailure',
    )
  })

  // A server that refuses the good assertion refuses everything: the refusals below would prove nothing.
  const forged: [ChecksOf<'authentication'>, string, () => string][] = [
    [
      'authentication/federation-refuses-wrong-key',
      'signed with a key the server was never given (same kid and claims)',
      () => tokens.assertion({ key: generateSigningKey().privateKey }),
    ],
    [
      'authentication/federation-refuses-unsigned-assertion',
      'unsigned (alg "none", empty signature, the right claims)',
      () => tokens.assertion({ alg: 'none' }),
    ],
    [
      'authentication/federation-refuses-expired-assertion',
      'signed with the trusted key, but its exp passed 10 minutes ago',
      () => tokens.assertion({ expired: true }),
    ],
    [
      'authentication/federation-refuses-wrong-audience',
      'signed with the trusted key, but for another audience',
      () => tokens.assertion({ audience: fed.audience.startsWith('api://') ? `api://${randomUUID()}` : randomUUID() }),
    ],
  ]
  for (const [id, what, make] of forged) {
    const sent = good.accessToken ? await tokens.request(ctx.scim, { assertion: make() }) : undefined
    await ctx.check(id, () => {
      ctx.requirePassed(
        'authentication/federated-assertion-gets-working-token',
        'a server that refuses the good assertion refuses every other, which shows nothing',
      )
      const ex = sent!.exchange
      expectTrue(
        ex,
        sent!.accessToken === undefined,
        `the token endpoint issued an access token for a client assertion ${what}`,
        'no token (400 or 401 invalid_client)',
        ex.response?.status,
      )
      expectStatus(ex, [400, 401], `The client assertion was ${what}`)
    })
  }
}

function describeSeconds(s: number): string {
  if (s % 3600 === 0) return `${s / 3600} h`
  if (s % 60 === 0) return `${s / 60} min`
  return `${s} s`
}
