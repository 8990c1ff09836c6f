// Entra "Delete Group": 204, then the group is gone (404), and a second delete answers 404 too.
// https://learn.microsoft.com/en-us/entra/identity/app-provisioning/use-scim-to-provision-users-and-groups#delete-group
import { createGroup, requireGroupId } from '../../helpers/steps/groups.ts'
import { groupPath } from '../../helpers/entra/group-body.ts'
import { dependsOn, expectStatus } from '../../helpers/suite/expect-scim.ts'
import { defineFlow } from '../define-flow.ts'

export default defineFlow({
  id: 'delete-group',
  title: 'Delete Group',
  writes: true,
  groups: true,
  async run(ctx) {
    const group = await createGroup(ctx)
    const id = requireGroupId(ctx, group)
    const deleted = await ctx.scim.delete(groupPath(id))
    if (deleted.response?.status === 204) ctx.created.forget('Group', id)
    await ctx.check('delete-group/responds-204', () => expectStatus(deleted, 204))
    const got = await ctx.scim.get(groupPath(id), { query: [['excludedAttributes', 'members']] })
    await ctx.check('delete-group/get-after-delete-responds-404', () => {
      dependsOn(deleted, 'the group was never deleted')
      expectStatus(got, 404, 'the group was deleted')
    })
    const again = await ctx.scim.delete(groupPath(id))
    await ctx.check('delete-group/second-delete-responds-404', () => {
      dependsOn(deleted, 'the group was never deleted')
      expectStatus(again, 404, 'the group was already deleted')
    })
  },
})
