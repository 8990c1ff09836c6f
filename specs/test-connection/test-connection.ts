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

export default defineFlow({
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
