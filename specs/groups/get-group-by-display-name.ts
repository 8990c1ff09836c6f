// Entra "Get Group by displayName": the match query for a group that exists, and in other letter case.
// https://learn.microsoft.com/en-us/entra/identity/app-provisioning/use-scim-to-provision-users-and-groups#get-group-by-displayname
import { createGroup, requireGroupId } from '../../helpers/steps/groups.ts'
import { groupPath } from '../../helpers/entra/group-body.ts'
import { createUser, listResources, queryGroups, requireUserId } from '../../helpers/steps/requests.ts'
import type { Exchange } from '../../helpers/model/exchange.ts'
import { dependsOn, expectStatus, expectTrue, short } from '../../helpers/suite/expect-scim.ts'
import { defineFlow } from '../define-flow.ts'
import { addMembers } from '../../helpers/entra/patch-ops.ts'

function expectOnly(ex: Exchange, id: string): void {
  expectStatus(ex, 200)
  const ids = listResources(ex).map((r) => r.id)
  expectTrue(ex, ids.length === 1 && ids[0] === id, `expected exactly the group ${id}, found ${ids.length}`, [id], ids)
}

export default defineFlow({
  id: 'get-group-by-display-name',
  title: 'Get Group by displayName',
  writes: true,
  groups: true,
  async run(ctx) {
    const group = await createGroup(ctx)
    const id = requireGroupId(ctx, group)
    const member = requireUserId(ctx, await createUser(ctx), 'the member user')
    const added = await ctx.scim.patch(groupPath(id), addMembers(ctx.dialect, [member]))
    ctx.require(
      added.response && added.response.status < 300,
      'the member could not be added',
      'update-group-add-members/responds-200-or-204',
    )

    const found = await queryGroups(ctx, group.displayName)
    await ctx.check('get-group-by-display-name/finds-exactly-one', () => expectOnly(found, id))
    await ctx.check('get-group-by-display-name/excludes-members', () => {
      dependsOn(found, 'there is no ListResponse to look at')
      expectStatus(found, 200)
      const listed = listResources(found).filter((r) =>
        Array.isArray(r.members) ? r.members.length > 0 : r.members !== undefined && r.members !== null,
      )
      expectTrue(
        found,
        listed.length === 0,
        `the ListResponse carries members though excludedAttributes=members was sent: ${short(listed[0]?.members)}`,
        'no members attribute',
        listed[0]?.members,
      )
    })
    const shouted = await queryGroups(ctx, group.displayName.toUpperCase())
    await ctx.check('get-group-by-display-name/matches-case-insensitively', () => expectOnly(shouted, id))
  },
})
