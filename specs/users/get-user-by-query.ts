// Entra "Get User by query": the match query for a user that exists, and in other letter case.
// https://learn.microsoft.com/en-us/entra/identity/app-provisioning/use-scim-to-provision-users-and-groups#get-user-by-query
import { createUser, listResources, queryUsers, requireUserId } from '../../helpers/steps/requests.ts'
import { matchingValue } from '../../helpers/entra/profile.ts'
import { CheckFailure, dependsOn, expectStatus, expectTrue, requestLine } from '../../helpers/suite/expect-scim.ts'
import { defineFlow } from '../define-flow.ts'
import { validateListOf } from '../../helpers/model/scim-schema.ts'
import type { Exchange } from '../../helpers/model/exchange.ts'

function expectOnly(ex: Exchange, id: string): void {
  expectStatus(ex, 200)
  const ids = listResources(ex).map((r) => r.id)
  expectTrue(ex, ids.length === 1 && ids[0] === id, `expected exactly the user ${id}, found ${ids.length}`, [id], ids)
}

export default defineFlow({
  id: 'get-user-by-query',
  title: 'Get User by query',
  writes: true,
  async run(ctx) {
    const created = await createUser(ctx)
    const { person } = created
    const id = requireUserId(ctx, created)
    const found = await queryUsers(ctx, ctx.matchingAttribute, matchingValue(ctx.matchingAttribute, person))
    await ctx.check('get-user-by-query/finds-exactly-one', () => expectOnly(found, id))
    await ctx.check('get-user-by-query/response-is-list-response', () => {
      dependsOn(found, 'there is no ListResponse to validate')
      const errors = validateListOf('user', found.response?.body)
      if (errors.length)
        throw new CheckFailure(
          `${requestLine(found)}: not a valid ListResponse of Users: ${errors.slice(0, 5).join('; ')}`,
          'ListResponse of User resources',
          errors,
        )
    })
    const shouted = await queryUsers(ctx, 'userName', person.userName.toUpperCase())
    await ctx.check('get-user-by-query/matches-username-case-insensitively', async () => {
      await ctx.presume(
        'filter-finds-user',
        'a filter that finds no user in its own letter case says nothing about other cases',
      )
      expectOnly(shouted, id)
    })
  },
})
