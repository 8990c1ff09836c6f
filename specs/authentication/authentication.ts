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
import { defineFlow, type ClaimedId } from '../define-flow.ts'
import type { FlowContext } from '../../helpers/suite/flow.ts'
import { untrustedSigningKey } from '../../helpers/client/assertion.ts'
import type { Exchange } from '../../helpers/model/exchange.ts'
import { lifetimeSeconds, type TokenAnswer, type TokenSource } from '../../helpers/client/oauth.ts'

import { defineChecks } from '../../helpers/model/check-info.ts'
import type { EntraConsequence } from '../../helpers/model/check-info.ts'
import {
  CREDENTIALS_FAILURE,
  GALLERY_AUTH,
  NO_ACCESS_TOKEN,
  OAUTH_INTEROP,
  TOKEN_SECURITY,
} from '../../helpers/suite/consequences.ts'
import {
  CAPTURES,
  entra,
  galleryChecklist,
  msValidation,
  rfc6749,
  rfc6750,
  rfc7523,
  rfc7644,
  rfc8725,
  wifGuide,
} from '../../helpers/model/refs.ts'

const FEDERATION_NO_TOKEN: EntraConsequence = {
  code: 'CredentialValidationUnavailable',
  effect:
    'With workload identity federation Entra gets no access token: Test Connection fails and no SCIM request is sent.',
}

const FORGED_ASSERTION: EntraConsequence = {
  code: 'none (Entra is unaffected)',
  effect:
    'Entra provisions normally, but anyone who can reach the token endpoint can mint access tokens to the SCIM API: a security defect a gallery review or a customer audit finds.',
}

const VALIDATION_CREDENTIALS: EntraConsequence = {
  code: "none at run time (Microsoft's validation)",
  effect:
    "Provisioning works (Entra sends the Basic header), but Microsoft's validation Logic App sends client_id and client_secret in the form body, so its Validate_Credentials_Test fails.",
}

const ROTATION: EntraConsequence = {
  code: 'none at run time (gallery onboarding review)',
  effect:
    'Provisioning works with one secret, but a customer cannot rotate it without an outage: Microsoft’s gallery requirements ask for several active secrets.',
}

/** The claims this flow proves: each check with its level, the evidence for it, Entra's consequence and the fix. */
export const checks = defineChecks({
  'authentication/token-endpoint-accepts-basic-credentials': {
    title:
      "The token endpoint answers 200 to Entra's request: a form-encoded grant_type=client_credentials with the client id and secret in an Authorization: Basic header",
    severity: 'entra',
    evidence: {
      says: 'Entra requests its token form-encoded with the client in a Basic header; a token endpoint that reads only the body fails Test Connection with CredentialValidationUnavailable.',
      sources: [CAPTURES.scimServer, entra('gallery-requirements')],
    },
    refs: [rfc6749('2.3.1'), rfc6749('4.4.2'), entra('gallery-requirements')],
    why: 'Entra sends the client credentials only in the Basic header; RFC 6749 makes Basic the one method every token endpoint MUST support.',
    entra: NO_ACCESS_TOKEN,
    fix: 'Read client_id and client_secret from "Authorization: Basic base64(urlencode(id):urlencode(secret))" and accept an application/x-www-form-urlencoded body.',
  },
  'authentication/token-response-is-bearer-token': {
    title: 'The token answer is JSON with a non-empty access_token and token_type "Bearer" (any case)',
    severity: 'entra',
    evidence: {
      says: 'Entra sends the issued access_token as a Bearer token on every SCIM request; without one it has no credential.',
      sources: [wifGuide, rfc6749('5.1')],
    },
    refs: [rfc6749('5.1'), rfc6750('4')],
    why: 'Entra sends the access token as "Authorization: Bearer <access_token>"; token_type compares case-insensitively.',
    entra: NO_ACCESS_TOKEN,
    fix: 'Answer {"access_token":"…","token_type":"Bearer","expires_in":3600} with Content-Type application/json.',
  },
  'authentication/token-response-has-expires-in': {
    title: "The token answer states the token's lifetime in expires_in, as a number of seconds",
    severity: 'gallery',
    evidence: {
      says: "Microsoft's gallery checklist and validation read the lifetime from expires_in; a running job does not need it.",
      sources: [galleryChecklist('2.2.6'), msValidation('Validate_Credentials_Test')],
    },
    refs: [rfc6749('5.1'), galleryChecklist('2.2.6')],
    why: "RFC 6749 recommends it; without it neither Entra nor Microsoft's gallery review can tell the lifetime.",
    entra: GALLERY_AUTH,
    fix: 'Add "expires_in": <seconds> (a JSON number) to the token answer.',
  },
  'authentication/token-lifetime-within-gallery-range': {
    title: 'Access tokens live between 60 minutes and 6 hours (expires_in 3600–21600)',
    severity: 'gallery',
    evidence: {
      says: 'Gallery onboarding requires access tokens of 60 minutes to 6 hours; a running job works with any lifetime.',
      sources: [galleryChecklist('2.2.6'), msValidation('Validate_Credentials_Test')],
    },
    refs: [galleryChecklist('2.2.6'), entra('gallery-requirements')],
    why: "A gallery-onboarding requirement (Microsoft's checklist marks it required for listing), not a runtime one.",
    entra: GALLERY_AUTH,
    fix: 'Issue access tokens that expire after one to six hours, and say so in expires_in.',
  },
  'authentication/issued-token-works': {
    title: 'The SCIM endpoint accepts the access token its token endpoint issued',
    severity: 'entra',
    evidence: {
      says: 'Every SCIM request of a client-credentials job carries the issued token; a 401 to it fails Test Connection and quarantines the job (CredentialValidationFailure).',
      sources: [CAPTURES.credentialFailure, entra('quarantine')],
    },
    refs: [rfc6750('2.1'), rfc7644('2'), entra('tutorial', 'security-requirements')],
    entra: CREDENTIALS_FAILURE,
    fix: 'Validate bearer tokens on the SCIM endpoint against the issuer of the token endpoint (same signing key or token store).',
  },
  'authentication/token-endpoint-refuses-wrong-secret': {
    title: 'The token endpoint issues no token for a wrong client secret (it answers 400 or 401)',
    severity: 'rfc',
    evidence: {
      says: 'Entra sends only the configured secret and reads only the status of a refusal; refusing a wrong secret protects the endpoint, it is not something Entra exercises.',
      sources: [rfc6749('2.3.1'), rfc6749('5.2')],
    },
    refs: [rfc6749('4.4.2'), rfc6749('5.2')],
    why: 'The authorization server MUST authenticate the client before issuing a token.',
    entra: TOKEN_SECURITY,
    fix: 'Compare the client secret (constant-time) and answer 401 {"error":"invalid_client"} when it does not match.',
  },
  'authentication/wrong-secret-responds-401-with-basic-challenge': {
    title: 'A wrong client secret sent in the Basic header gets 401 with a WWW-Authenticate: Basic challenge',
    severity: 'rfc',
    evidence: {
      says: 'Entra reads only the status of a refused token request, so the 401-with-challenge form is an RFC rule Entra does not exercise.',
      sources: [rfc6749('5.2')],
    },
    refs: [rfc6749('5.2')],
    why: 'RFC 6749 §5.2 allows 400 invalid_client only for credentials in the body; a client that used the Authorization header MUST get 401 and a challenge in its scheme.',
    entra: OAUTH_INTEROP,
    fix: 'Answer a failed Basic client authentication with 401, WWW-Authenticate: Basic realm="…" and {"error":"invalid_client"}.',
  },
  'authentication/refuses-expired-token': {
    title: 'An access token is refused with 401 once the lifetime in expires_in has passed',
    severity: 'gallery',
    evidence: {
      says: 'Gallery onboarding accepts only short-lived tokens, which means they must stop working; Entra itself renews tokens before they expire.',
      sources: [galleryChecklist('2.2.6'), entra('gallery-requirements')],
    },
    refs: [rfc6750('3.1'), rfc6749('5.1'), galleryChecklist('2.2.6')],
    why: 'A token honoured past its lifetime is a long-lived token in disguise, which gallery onboarding no longer accepts. Checked only when the token lives at most 30 s (a test configuration), so no run waits an hour.',
    entra: TOKEN_SECURITY,
    fix: 'Reject tokens whose expiry has passed with 401 and WWW-Authenticate: Bearer error="invalid_token".',
  },
  'authentication/invalid-token-answer-has-www-authenticate': {
    title: 'A request with an invalid bearer token is answered with a WWW-Authenticate: Bearer challenge',
    severity: 'rfc',
    evidence: {
      says: 'Entra reads only the 401; the challenge header is an RFC 6750 rule for OAuth resource servers.',
      sources: [rfc6750('3')],
    },
    refs: [rfc6750('3'), rfc6750('3.1'), rfc7644('2')],
    why: 'RFC 6750 requires the challenge of OAuth resource servers; Entra reads only the 401, so a missing challenge breaks no provisioning.',
    entra: OAUTH_INTEROP,
    fix: 'Add WWW-Authenticate: Bearer realm="…", error="invalid_token" to 401 answers for a bad or expired token.',
  },
  'authentication/token-endpoint-accepts-body-credentials': {
    title:
      "The token endpoint also issues a token when client_id and client_secret come in the form body, as Microsoft's validation sends them",
    severity: 'gallery',
    evidence: {
      says: "Microsoft's validation Logic App (Validate_Credentials_Test, mandatory) posts client_id and client_secret in the form body, with no Basic header; Entra itself uses the header.",
      sources: [msValidation('Validate_Credentials_Test'), rfc6749('2.3.1')],
    },
    refs: [rfc6749('2.3.1'), msValidation('Validate_Credentials_Test')],
    why: "RFC 6749 lets a server accept body credentials (it MAY); Microsoft's gallery validation relies on it.",
    entra: VALIDATION_CREDENTIALS,
    fix: 'Read client_id and client_secret from the application/x-www-form-urlencoded body as well as from the Authorization: Basic header.',
  },
  'authentication/second-client-secret-works': {
    title:
      'A second active client secret of the same client (or the secret of a second client id) also gets an access token that works, and the first still does (secret rotation)',
    severity: 'gallery',
    evidence: {
      says: "Microsoft's gallery requirements ask that customers can rotate secrets: several active secrets at once, then the old one deleted, or a new client ID and secret. A running job uses one secret.",
      sources: [entra('gallery-requirements'), galleryChecklist('2.2.5')],
    },
    refs: [entra('gallery-requirements'), galleryChecklist('2.2.5'), rfc6749('2.3.1')],
    why: 'Rotation without an outage needs the new secret to work while the old one still does; it is tested only with --client-secret-2 (and --client-id-2 when the new secret comes with a new client id).',
    entra: ROTATION,
    fix: 'Let a client hold more than one active secret (or issue a second client id and secret): accept either at the token endpoint until the customer deletes the old one.',
  },
  'authentication/federated-assertion-gets-working-token': {
    title:
      'A client assertion signed as Entra signs it (RFC 7523: RS256, kid, iss, sub, aud, exp) gets an access token, and the SCIM endpoint accepts that token',
    severity: 'entra',
    evidence: {
      says: 'With workload identity federation Entra posts this client assertion at Test Connection and for every token, then sends the issued access token as a Bearer token.',
      sources: [wifGuide, rfc7523('2.2')],
    },
    refs: [rfc7523('2.2'), rfc7523('3'), wifGuide],
    why: 'Checked with the key, issuer, subject and audience given with --wif-key, --wif-issuer, --wif-subject and --wif-audience: the ones your server is set to trust.',
    entra: FEDERATION_NO_TOKEN,
    fix: 'Accept grant_type=client_credentials with client_assertion_type=urn:ietf:params:oauth:client-assertion-type:jwt-bearer: verify the RS256 signature with the trusted key (by kid), then iss, sub, aud and exp; demand no claim Entra does not send (such as jti).',
  },
  'authentication/federation-refuses-wrong-key': {
    title: 'A client assertion with the right claims but signed with another key gets no token',
    severity: 'security',
    evidence: {
      says: "Entra always signs with its tenant's key, so it never sends this; Microsoft's federation guide has the vendor verify the signature against the trusted keys, and without that anyone can mint tokens.",
      sources: [wifGuide, rfc7523('3')],
    },
    refs: [rfc7523('3'), wifGuide, entra('gallery-requirements')],
    why: 'The signature is the only thing that ties the assertion to Entra: every claim in it can be written by anyone.',
    entra: FORGED_ASSERTION,
    fix: "Verify the assertion's signature with the trusted public key (Entra's JWKS, found by kid) and answer 400 or 401 invalid_client when it does not verify.",
  },
  'authentication/federation-refuses-unsigned-assertion': {
    title: 'An unsigned client assertion (alg "none") gets no token',
    severity: 'security',
    evidence: {
      says: 'Entra signs every assertion RS256, so it never sends alg "none"; a server that takes the algorithm from the token\'s own header accepts one anyone can write.',
      sources: [rfc8725('3.1'), wifGuide],
    },
    refs: [rfc8725('2.1'), rfc8725('3.1'), rfc7523('3')],
    why: 'The classic JWT flaw: a library that honours alg "none" skips the signature altogether.',
    entra: FORGED_ASSERTION,
    fix: "Accept only RS256 (the algorithm Entra signs with), fixed in your verification code rather than read from the token's header.",
  },
  'authentication/federation-refuses-expired-assertion': {
    title: 'A correctly signed client assertion whose exp passed 10 minutes ago gets no token',
    severity: 'gallery',
    evidence: {
      says: "Entra sends fresh assertions (valid 65 minutes), so it never sends an expired one; Microsoft's federation guide has the vendor check exp and nbf.",
      sources: [wifGuide, rfc7523('3')],
    },
    refs: [rfc7523('3'), wifGuide],
    why: 'RFC 7523 §3: the server MUST reject a JWT whose expiration time has passed; an old assertion that still works is a replayable credential.',
    entra: TOKEN_SECURITY,
    fix: 'Refuse assertions whose exp has passed (allow a minute or so of clock skew) with 400 or 401 invalid_client.',
  },
  'authentication/federation-refuses-wrong-audience': {
    title: 'A correctly signed client assertion meant for another audience gets no token',
    severity: 'gallery',
    evidence: {
      says: "Entra sends the audience the vendor configured, so it never sends another; Microsoft's federation guide has the vendor check aud.",
      sources: [wifGuide, rfc7523('3')],
    },
    refs: [rfc7523('3'), wifGuide],
    why: 'RFC 7523 §3: the server MUST reject a JWT that does not name it as audience; otherwise a token Entra issued for another application opens this one.',
    entra: TOKEN_SECURITY,
    fix: 'Compare aud with your own audience (the application id, or api://<id>) and refuse any other with 400 or 401 invalid_client.',
  },
})

/** The checks that need OAuth client credentials; with a secret token only they are skipped. */
export const OAUTH_ONLY = Object.keys(checks).filter(
  (id) => id !== 'authentication/invalid-token-answer-has-www-authenticate',
)

/** The checks that need workload identity federation (--wif-key). */
export const FEDERATION_ONLY = Object.keys(checks).filter((id) => id.startsWith('authentication/federat'))

/** The checks that need a client secret (the Basic request, a wrong secret, rotation): skipped with federation only. */
export const CLIENT_SECRET_ONLY = [
  'authentication/token-endpoint-accepts-basic-credentials',
  'authentication/token-endpoint-accepts-body-credentials',
  'authentication/token-endpoint-refuses-wrong-secret',
  'authentication/wrong-secret-responds-401-with-basic-challenge',
  'authentication/second-client-secret-works',
] as const

/** The rotation check: skipped, and the gallery checklist says so, without --client-secret-2. */
export const ROTATION_CHECK = 'authentication/second-client-secret-works'

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
  'secret rotation not tested: pass a second active secret of the same client with --client-secret-2 (SCIM_CLIENT_SECRET_2; with --client-id-2 when rotation issues a new client id), and the run shows that both get tokens that work'

const header = (ex: { response?: { headers: Record<string, string> } }, name: string): string =>
  ex.response?.headers[name] ?? ''
const challenges = (value: string, scheme: string): boolean =>
  new RegExp(`(^|,\\s*)${scheme}(\\s|,|$)`, 'i').test(value)

export default defineFlow(checks, {
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
        await ctx.check(id as ClaimedId<typeof checks>, () => {
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
        await tokens.request(ctx.scim, {
          clientSecret: second,
          ...(tokens.settings.clientId2 ? { clientId: tokens.settings.clientId2 } : {}),
        }),
        filter,
        tokens.settings.clientId2
          ? 'the second client (--client-id-2 with --client-secret-2)'
          : 'the second client secret (--client-secret-2)',
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

type AuthContext = FlowContext<ClaimedId<typeof checks>>

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
      await ctx.check(id as ClaimedId<typeof checks>, () => {
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
  const forged: [ClaimedId<typeof checks>, string, () => string][] = [
    [
      'authentication/federation-refuses-wrong-key',
      'signed with a key the server was never given (same kid and claims)',
      () => tokens.assertion({ key: untrustedSigningKey().privateKey }),
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
