// Entra "Test Connection": a query for a random GUID on the matching attribute, for users and for groups.
// https://learn.microsoft.com/en-us/entra/identity/app-provisioning/use-scim-to-provision-users-and-groups#get-user-by-query---zero-results
import { queryGroups, queryUsers } from '../../helpers/steps/requests.ts'
import {
  CheckBlocked,
  dependsOn,
  expectEqual,
  expectJsonBody,
  expectSchema,
  expectStatus,
  expectTrue,
  requestLine,
} from '../../helpers/suite/expect-scim.ts'
import { defineFlow } from '../define-flow.ts'
import { defineChecks } from '../../helpers/model/check-info.ts'
import { CREDENTIALS_FAILURE, SERVICE_INCOMPATIBLE, TOKEN_SECURITY } from '../../helpers/suite/consequences.ts'
import { CAPTURES, entra, galleryChecklist, rfc6750, rfc7644 } from '../../helpers/model/refs.ts'

/** The claims this flow proves: each check with its level, the evidence for it, Entra's consequence and the fix. */
export const checks = defineChecks({
  'test-connection/users-filter-responds-200': {
    title: 'A filter on the matching attribute for a user that does not exist answers 200',
    severity: 'entra',
    evidence: {
      says: 'Test Connection and every cycle query a user that does not exist; a 404 is the "SCIM compliance issue" quarantine Microsoft names.',
      sources: [entra('tutorial', 'get-user-by-query---zero-results'), entra('quarantine')],
    },
    refs: [rfc7644('3.4.2'), entra('tutorial', 'get-user-by-query---zero-results'), entra('quarantine')],
    why: 'Entra queries a random GUID; a 404 here is the commonest quarantine cause Microsoft names.',
    entra: SERVICE_INCOMPATIBLE,
    fix: 'Answer a filter that matches nothing with 200 and an empty ListResponse, never 404 or 400.',
  },
  'test-connection/users-filter-returns-empty-list': {
    title: 'That answer is a ListResponse with totalResults 0',
    severity: 'entra',
    evidence: {
      says: "Microsoft's tutorial gives the empty ListResponse as the one correct answer to Test Connection's query.",
      sources: [entra('tutorial', 'get-user-by-query---zero-results'), entra('gallery-requirements')],
    },
    refs: [rfc7644('3.4.2'), entra('tutorial', 'get-user-by-query---zero-results')],
    entra: SERVICE_INCOMPATIBLE,
    fix: 'Return {"schemas":["urn:ietf:params:scim:api:messages:2.0:ListResponse"],"totalResults":0,"Resources":[]}.',
  },
  'test-connection/groups-filter-responds-200': {
    title: 'A displayName filter on /Groups for a group that does not exist answers 200 with an empty ListResponse',
    severity: 'entra',
    evidence: {
      says: 'Test Connection also queries /Groups; a 404 there has quarantined running jobs of users-only apps.',
      sources: [CAPTURES.groupsProbe, CAPTURES.scimServer],
    },
    refs: [rfc7644('3.4.2'), entra('quarantine')],
    why: 'Test Connection also queries /Groups: a 404 there fails it and has quarantined running jobs, even for apps that provision users only.',
    entra: SERVICE_INCOMPATIBLE,
    fix: 'Serve /Groups (an empty ListResponse is enough for a users-only app).',
  },
  'test-connection/rejects-missing-token': {
    title: 'A request without a bearer token is refused (401 or 403)',
    severity: 'security',
    evidence: {
      says: "Entra always sends a token, so it never meets this; an endpoint that serves requests without one is open to anyone who reaches it. RFC 6750 §3.1 and Microsoft's gallery security requirements (OAuth 2.0 bearer tokens, no anonymous access) require the refusal.",
      sources: [rfc6750('3.1'), rfc7644('2'), entra('gallery-requirements'), galleryChecklist('2.2.1')],
    },
    refs: [rfc7644('2'), rfc6750('3.1'), entra('tutorial', 'security-requirements')],
    why: 'Anyone who can reach the URL could read and change every user and group.',
    entra: TOKEN_SECURITY,
    fix: 'Require Authorization: Bearer on every SCIM endpoint and answer 401 when it is missing.',
  },
  'test-connection/rejects-wrong-token': {
    title: 'A request with a wrong bearer token is refused (401 or 403)',
    severity: 'security',
    evidence: {
      says: "Entra always sends the token it was given, so it never meets this; an endpoint that accepts any bearer token is open to anyone. RFC 6750 §3.1 (invalid_token) and Microsoft's gallery security requirements (OAuth 2.0 client credentials, tokens that expire) require the refusal.",
      sources: [rfc6750('3.1'), entra('gallery-requirements'), galleryChecklist('2.2.1')],
    },
    refs: [rfc6750('3.1'), rfc7644('2'), entra('tutorial', 'security-requirements')],
    why: "A server that accepts any token cannot revoke a customer's access, and anyone who guesses the URL gets in.",
    entra: TOKEN_SECURITY,
    fix: 'Validate the bearer token on every request and refuse one that does not match (401 with WWW-Authenticate: Bearer).',
  },
  'test-connection/wrong-token-responds-401': {
    title: 'A wrong bearer token is refused with 401, not 403',
    severity: 'rfc',
    evidence: {
      says: 'Entra is not shown to treat 403 differently from 401 for a refused token; RFC 6750 §3.1 gives 401 (invalid_token) for a token that is wrong, and 403 (insufficient_scope) for one that is valid but lacks rights.',
      sources: [rfc6750('3.1'), rfc7644('2')],
    },
    refs: [rfc6750('3.1'), rfc7644('2')],
    why: 'A 403 says "you may not", not "who are you": admins and tools look for a permissions problem instead of a wrong token.',
    entra: CREDENTIALS_FAILURE,
    fix: 'Answer a wrong or expired bearer token with 401 (and WWW-Authenticate: Bearer error="invalid_token"); keep 403 for a valid token without the right.',
  },
  'test-connection/no-accept-header-needed': {
    title: 'The endpoint answers JSON to a GET that carries no Accept and no User-Agent header, as Entra sends it',
    severity: 'entra',
    evidence: {
      says: "Entra's GET carries no SCIM Accept and no User-Agent; servers that require them answered 406 or 403 and failed Test Connection.",
      sources: [CAPTURES.acceptHeader, CAPTURES.userAgent],
    },
    refs: [rfc7644('3.1'), entra('tutorial', 'general')],
    why: 'Entra omits both headers; frameworks that negotiate on Accept answer 406 or HTML, WAFs answer 403.',
    entra: SERVICE_INCOMPATIBLE,
    fix: 'Do not require Accept or User-Agent; answer application/scim+json (or application/json) regardless.',
  },
})

export default defineFlow(checks, {
  id: 'test-connection',
  title: 'Test Connection',
  writes: false,
  async run(ctx) {
    const guid = ctx.data.guid()
    const users = await queryUsers(ctx, ctx.matchingAttribute, guid)
    await ctx.check('test-connection/users-filter-responds-200', () =>
      expectStatus(users, 200, 'a query that matches nobody is not an error'),
    )
    await ctx.check('test-connection/users-filter-returns-empty-list', () => {
      dependsOn(users, 'there is no ListResponse to read')
      expectSchema(users, 'list-response', 'ListResponse')
      expectEqual(users, 'totalResults', expectJsonBody<{ totalResults?: unknown }>(users).totalResults, 0)
    })
    await ctx.check('test-connection/no-accept-header-needed', () => {
      expectTrue(
        users,
        users.response !== undefined && ![406, 415].includes(users.response.status),
        'the endpoint refused a request that had no Accept header',
        'a JSON answer',
        users.response?.status,
      )
      expectJsonBody(users)
    })

    const groups = await queryGroups(ctx, guid)
    await ctx.check('test-connection/groups-filter-responds-200', () => {
      expectStatus(groups, 200, 'Test Connection queries /Groups too')
      expectEqual(groups, 'totalResults', expectJsonBody<{ totalResults?: unknown }>(groups).totalResults, 0)
    })

    const filter: [string, string][] = [['filter', `${ctx.matchingAttribute} eq "${guid}"`]]
    const anonymous = await ctx.scim.get('/Users', { query: filter, auth: 'none' })
    await ctx.check('test-connection/rejects-missing-token', () =>
      expectStatus(anonymous, [401, 403], 'no Authorization header was sent'),
    )
    const wrong = await ctx.scim.get('/Users', { query: filter, auth: { bearer: `wrong-${guid}` } })
    await ctx.check('test-connection/rejects-wrong-token', () =>
      expectStatus(wrong, [401, 403], 'the bearer token was wrong'),
    )
    await ctx.check('test-connection/wrong-token-responds-401', () => {
      const status = wrong.response?.status
      // A wrong token that got in is the security check's finding; which refusal it got is judged only when it was refused.
      if (status !== undefined && status < 400)
        throw new CheckBlocked(
          'test-connection/rejects-wrong-token',
          `blocked by test-connection/rejects-wrong-token: ${requestLine(wrong)}, so there is no refusal to judge`,
        )
      expectStatus(wrong, 401, 'the bearer token was wrong (RFC 6750 §3.1: invalid_token is 401)')
    })
  },
})
