// Entra "Update Group [Non-member attributes]": rename with a path (legacy) or path-less (aadOptscim062020),
// and replace externalId the same way, each read back. https://learn.microsoft.com/en-us/entra/identity/app-provisioning/use-scim-to-provision-users-and-groups#update-group-non-member-attributes
import { createGroup, describeRequest, requireGroupId } from '../../helpers/steps/groups.ts'
import { groupPath } from '../../helpers/entra/group-body.ts'
import { dependsOn, expectEqual, expectJsonBody, expectStatus } from '../../helpers/suite/expect-scim.ts'
import { defineFlow } from '../define-flow.ts'
import { groupUpdate } from '../../helpers/entra/patch-ops.ts'

export default defineFlow({
  id: 'update-group-non-member-attributes',
  title: 'Update Group [Non-member attributes]',
  perDialect: true,
  writes: true,
  groups: true,
  async run(ctx) {
    const group = await createGroup(ctx)
    const id = requireGroupId(ctx, group)
    const read = () => ctx.scim.get(groupPath(id), { query: [['excludedAttributes', 'members']] })

    const newName = `${group.displayName} renamed`
    const rename = await ctx.scim.patch(
      groupPath(id),
      groupUpdate(ctx.dialect, [{ path: 'displayName', value: newName }]),
    )
    await ctx.check('update-group-non-member-attributes/responds-200-or-204', () => expectStatus(rename, [200, 204]))
    const renamed = await read()
    await ctx.check('update-group-non-member-attributes/renames-group', () => {
      dependsOn(rename, 'the group was never renamed')
      expectStatus(renamed, 200)
      expectEqual(
        renamed,
        'displayName',
        expectJsonBody<{ displayName?: unknown }>(renamed).displayName,
        newName,
        `after ${describeRequest(rename)}`,
      )
    })

    const newExternalId = ctx.data.groupExternalId()
    const replace = await ctx.scim.patch(
      groupPath(id),
      groupUpdate(ctx.dialect, [{ path: 'externalId', value: newExternalId }]),
    )
    const after = await read()
    await ctx.check('update-group-non-member-attributes/replaces-external-id', () => {
      expectStatus(replace, [200, 204])
      expectStatus(after, 200)
      expectEqual(
        after,
        'externalId',
        expectJsonBody<{ externalId?: unknown }>(after).externalId,
        newExternalId,
        `after ${describeRequest(replace)}`,
      )
    })
  },
})
