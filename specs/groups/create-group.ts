// Entra "Create Group": the displayName query finds nothing, then POST with Entra's body; then a duplicate name.
// https://learn.microsoft.com/en-us/entra/identity/app-provisioning/use-scim-to-provision-users-and-groups#create-group
import { createGroup, newGroupName } from '../../helpers/steps/groups.ts'
import { entraGroupBody } from '../../helpers/entra/group-body.ts'
import { queryGroups } from '../../helpers/steps/requests.ts'
import { dependsOn, expectEqual, expectJsonBody, expectStatus, expectTrue } from '../../helpers/suite/expect-scim.ts'
import { defineFlow } from '../define-flow.ts'

export default defineFlow({
  id: 'create-group',
  title: 'Create Group',
  writes: true,
  groups: true,
  async run(ctx) {
    const displayName = newGroupName(ctx)
    const query = await queryGroups(ctx, displayName)
    await ctx.check('create-group/query-finds-nothing', () => {
      expectStatus(query, 200, 'a displayName that matches no group is not an error')
      expectEqual(query, 'totalResults', expectJsonBody<{ totalResults?: unknown }>(query).totalResults, 0)
    })

    const created = await createGroup(ctx, displayName)
    const res = created.exchange
    await ctx.check('create-group/responds-201', () => expectStatus(res, 201))
    await ctx.check('create-group/returns-id', () => {
      dependsOn(res, 'no group was created')
      const id = expectJsonBody<{ id?: unknown }>(res).id
      expectTrue(res, typeof id === 'string' && id !== '', 'the answer has no string id', 'a non-empty string', id)
    })
    await ctx.check('create-group/echoes-display-name-and-external-id', () => {
      dependsOn(res, 'no group was created')
      const body = expectJsonBody<{ displayName?: unknown; externalId?: unknown }>(res)
      expectEqual(res, 'displayName', body.displayName, displayName)
      expectEqual(
        res,
        'externalId',
        body.externalId,
        created.externalId,
        "Entra sends the group's objectId as externalId",
      )
    })

    // A second group under the same name, as Microsoft's validator sends it: another objectId, one displayName.
    const duplicate = await ctx.scim.post('/Groups', entraGroupBody(displayName, ctx.data.groupExternalId()))
    const dupId = (duplicate.response?.body as { id?: unknown } | undefined)?.id
    if (duplicate.response && duplicate.response.status < 300 && typeof dupId === 'string')
      ctx.created.add('Group', dupId, `${displayName} (duplicate)`)
    await ctx.check('create-group/rejects-duplicate-display-name', () => {
      dependsOn(res, 'there is no first group to duplicate')
      expectStatus(duplicate, 409, 'a group with this displayName exists')
    })
  },
})
