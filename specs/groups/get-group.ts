// Entra "Get Group": read a group by id without its members, the only way Entra reads a group by id.
// https://learn.microsoft.com/en-us/entra/identity/app-provisioning/use-scim-to-provision-users-and-groups#get-group
import { createGroup, requireGroupId } from '../../helpers/steps/groups.ts'
import { groupPath } from '../../helpers/entra/group-body.ts'
import { createUser, requireUserId } from '../../helpers/steps/requests.ts'
import {
  dependsOn,
  expectEqual,
  expectJsonBody,
  expectStatus,
  expectTrue,
  short,
} from '../../helpers/suite/expect-scim.ts'
import { defineFlow } from '../define-flow.ts'
import { addMembers } from '../../helpers/entra/patch-ops.ts'

export default defineFlow({
  id: 'get-group',
  title: 'Get Group',
  writes: true,
  groups: true,
  async run(ctx) {
    const unknown = await ctx.scim.get(groupPath(ctx.data.guid()), { query: [['excludedAttributes', 'members']] })
    await ctx.check('get-group/unknown-id-responds-404', () => expectStatus(unknown, 404))

    const group = await createGroup(ctx)
    const id = requireGroupId(ctx, group)
    // A member makes excludedAttributes observable: an empty list would look the same as an excluded one.
    const member = requireUserId(ctx, await createUser(ctx), 'the member user')
    const added = await ctx.scim.patch(groupPath(id), addMembers(ctx.dialect, [member]))
    ctx.require(
      added.response && added.response.status < 300,
      'the member could not be added',
      'update-group-add-members/responds-200-or-204',
    )

    const got = await ctx.scim.get(groupPath(id), { query: [['excludedAttributes', 'members']] })
    await ctx.check('get-group/returns-the-group', () => {
      expectStatus(got, 200)
      const body = expectJsonBody<{ id?: unknown; displayName?: unknown; externalId?: unknown }>(got)
      expectEqual(got, 'id', body.id, id)
      expectEqual(got, 'displayName', body.displayName, group.displayName)
      expectEqual(got, 'externalId', body.externalId, group.externalId)
    })
    await ctx.check('get-group/excludes-members', () => {
      dependsOn(got, 'there is no group to look at')
      const members = expectJsonBody<{ members?: unknown }>(got).members
      // RFC 7643 §2.5: an empty array is the same as an unassigned attribute.
      const listed = Array.isArray(members) ? members.length > 0 : members !== undefined && members !== null
      expectTrue(
        got,
        !listed,
        `the answer lists the members though excludedAttributes=members was sent: ${short(members)}`,
        'no members attribute',
        members,
      )
    })
  },
})
