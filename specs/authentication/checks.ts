// Authentication (Microsoft's SCIM tutorial, authorization and requirements): the token endpoint as Entra calls it for OAuth 2.0
// client credentials, and how the SCIM endpoint treats tokens. Gallery onboarding requires client credentials (Microsoft's app gallery user-provisioning requirements; the validation checklist).
import { defineChecks, type EntraConsequence } from '../../helpers/model/check-info.ts'
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

export const authenticationChecks = defineChecks({
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
      'A second active client secret of the same client also gets an access token that works, and the first still does (secret rotation)',
    severity: 'gallery',
    evidence: {
      says: "Microsoft's gallery requirements ask that customers can rotate secrets: several active secrets at once, then the old one deleted. A running job uses one secret.",
      sources: [entra('gallery-requirements'), galleryChecklist('2.2.5')],
    },
    refs: [entra('gallery-requirements'), galleryChecklist('2.2.5'), rfc6749('2.3.1')],
    why: 'Rotation without an outage needs the new secret to work while the old one still does; it is tested only with --client-secret-2.',
    entra: ROTATION,
    fix: 'Let a client hold more than one active secret: accept any of them at the token endpoint until the customer deletes the old one.',
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
export const OAUTH_ONLY = Object.keys(authenticationChecks).filter(
  (id) => id !== 'authentication/invalid-token-answer-has-www-authenticate',
)

/** The checks that need a client secret (the Basic request, a wrong secret, rotation): skipped with federation only. */
export const CLIENT_SECRET_ONLY = [
  'authentication/token-endpoint-accepts-basic-credentials',
  'authentication/token-endpoint-accepts-body-credentials',
  'authentication/token-endpoint-refuses-wrong-secret',
  'authentication/wrong-secret-responds-401-with-basic-challenge',
  'authentication/second-client-secret-works',
] as const

/** The checks that need workload identity federation (--wif-key). */
export const FEDERATION_ONLY = Object.keys(authenticationChecks).filter((id) => id.startsWith('authentication/federat'))

/** The rotation check: skipped, and the gallery checklist says so, without --client-secret-2. */
export const ROTATION_CHECK = 'authentication/second-client-secret-works'
