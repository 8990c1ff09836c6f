// Test Connection (MicrosoftDocs/azure-docs#94189; Broadcom KB 430118): what Entra asks when the admin clicks "Test Connection", and in every cycle.
import { defineChecks } from '../../helpers/suite/check-info.ts'
import { CREDENTIALS_FAILURE, SERVICE_INCOMPATIBLE } from '../../helpers/suite/consequences.ts'
import { CAPTURES, entra, rfc6750, rfc7644 } from '../../helpers/suite/refs.ts'

export const testConnectionChecks = defineChecks({
  'test-connection/users-filter-responds-200': {
    title: 'A filter on the matching attribute for a user that does not exist answers 200',
    severity: 'entra',
    evidence: { says: 'Test Connection and every cycle query a user that does not exist; a 404 is the "SCIM compliance issue" quarantine Microsoft names.', sources: [entra('tutorial', 'get-user-by-query---zero-results'), entra('quarantine')] },
    refs: [rfc7644('3.4.2'), entra('tutorial', 'get-user-by-query---zero-results'), entra('quarantine')],
    why: 'Entra queries a random GUID; a 404 here is the commonest quarantine cause Microsoft names.',
    entra: SERVICE_INCOMPATIBLE,
    fix: 'Answer a filter that matches nothing with 200 and an empty ListResponse, never 404 or 400.',
  },
  'test-connection/users-filter-returns-empty-list': {
    title: 'That answer is a ListResponse with totalResults 0',
    severity: 'entra',
    evidence: { says: 'Microsoft\'s tutorial gives the empty ListResponse as the one correct answer to Test Connection\'s query.', sources: [entra('tutorial', 'get-user-by-query---zero-results'), entra('gallery-requirements')] },
    refs: [rfc7644('3.4.2'), entra('tutorial', 'get-user-by-query---zero-results')],
    entra: SERVICE_INCOMPATIBLE,
    fix: 'Return {"schemas":["urn:ietf:params:scim:api:messages:2.0:ListResponse"],"totalResults":0,"Resources":[]}.',
  },
  'test-connection/groups-filter-responds-200': {
    title: 'A displayName filter on /Groups for a group that does not exist answers 200 with an empty ListResponse',
    severity: 'entra',
    evidence: { says: 'Test Connection also queries /Groups; a 404 there has quarantined running jobs of users-only apps.', sources: [CAPTURES.groupsProbe, CAPTURES.scimServer] },
    refs: [rfc7644('3.4.2'), entra('quarantine')],
    why: 'Test Connection also queries /Groups: a 404 there fails it and has quarantined running jobs, even for apps that provision users only.',
    entra: SERVICE_INCOMPATIBLE,
    fix: 'Serve /Groups (an empty ListResponse is enough for a users-only app).',
  },
  'test-connection/rejects-missing-token': {
    title: 'A request without a bearer token is refused with 401',
    severity: 'rfc',
    evidence: { says: 'Entra always sends a token, so it never exercises this; it is the endpoint\'s own protection (RFC 7644 §2, RFC 6750 §3.1).', sources: [rfc7644('2'), rfc6750('3.1')] },
    refs: [rfc7644('2'), rfc6750('3.1')],
    entra: CREDENTIALS_FAILURE,
    fix: 'Require Authorization: Bearer on every SCIM endpoint and answer 401 when it is missing.',
  },
  'test-connection/rejects-wrong-token': {
    title: 'A request with a wrong bearer token is refused with 401',
    severity: 'entra',
    evidence: { says: 'Entra keeps sending a token after it expired or was rotated; only a 401 makes it report CredentialValidationFailure and quarantine with "invalid credentials", which tells the admin what to fix.', sources: [CAPTURES.tokenExpiry, CAPTURES.credentialFailure] },
    refs: [rfc7644('2'), rfc6750('3.1'), entra('tutorial', 'security-requirements')],
    why: 'Entra reads 401 as "invalid credentials"; 403, 500 or an HTML page instead sends admins the wrong way.',
    entra: CREDENTIALS_FAILURE,
    fix: 'Validate the token and answer 401 (with WWW-Authenticate: Bearer) when it does not match.',
  },
  'test-connection/no-accept-header-needed': {
    title: 'The endpoint answers JSON to a GET that carries no Accept and no User-Agent header, as Entra sends it',
    severity: 'entra',
    evidence: { says: 'Entra\'s GET carries no SCIM Accept and no User-Agent; servers that require them answered 406 or 403 and failed Test Connection.', sources: [CAPTURES.acceptHeader, CAPTURES.userAgent] },
    refs: [rfc7644('3.1'), entra('tutorial', 'general')],
    why: 'Entra omits both headers; frameworks that negotiate on Accept answer 406 or HTML, WAFs answer 403.',
    entra: SERVICE_INCOMPATIBLE,
    fix: 'Do not require Accept or User-Agent; answer application/scim+json (or application/json) regardless.',
  },
})
