// The group requests of Microsoft's validation that Entra does not send: a group name with parentheses, and
// membership read from the displayName filter response (Logic App template, GroupTests_Workflow.json).
import { createGroup, requireGroupId } from '../../helpers/steps/groups.ts'
import { groupPath } from '../../helpers/entra/group-body.ts'
import { createUser, listResources, requireUserId } from '../../helpers/steps/requests.ts'
import { addMembers } from '../../helpers/entra/patch-ops.ts'
import type { Exchange } from '../../helpers/model/exchange.ts'
import { dependsOn, expectStatus, expectTrue, short, uses } from '../../helpers/suite/expect-scim.ts'
import { defineFlow } from '../define-flow.ts'

/** `GET /Groups?filter=displayName eq "…"` with no excludedAttributes, as the validation's group tests send it. */
const filterByName = (
  ctx: { scim: { get: (path: string, o: { query: [string, string][] }) => Promise<Exchange> } },
  name: string,
): Promise<Exchange> => ctx.scim.get('/Groups', { query: [['filter', `displayName eq "${name}"`]] })

export default defineFlow({
  id: 'validation-groups',
  title: "Group tests (Microsoft's validation)",
  writes: true,
  groups: true,
  async run(ctx) {
    // Run-prefixed (cleanup finds it), then the validation's own shape: LACreateGroup-(<8 hex>).
    const name = `${ctx.data.groupName().split(' ')[0]}-LACreateGroup-(${ctx.data.guid().slice(0, 8)})`
    const group = await createGroup(ctx, name)
    const id = requireGroupId(ctx, group)
    const member = requireUserId(ctx, await createUser(ctx), 'the member user')
    const added = await ctx.scim.patch(groupPath(id), addMembers(ctx.dialect, [member]))
    ctx.require(
      added.response && added.response.status < 300,
      'the member could not be added',
      'update-group-add-members/responds-200-or-204',
    )

    const found = await filterByName(ctx, name)
    await ctx.check('validation-groups/finds-name-with-parentheses', () => {
      expectStatus(found, 200)
      const ids = listResources(found).map((r) => r.id)
      expectTrue(
        found,
        ids.length === 1 && ids[0] === id,
        `the filter for "${name}" found ${ids.length} group(s), not the one created`,
        [id],
        ids,
      )
    })
    await ctx.check('validation-groups/filter-lists-members', async () => {
      dependsOn(found, 'there is no ListResponse to look at')
      ctx.requirePassed('validation-groups/finds-name-with-parentheses', 'the filter did not find the group')
      await ctx.presume('membership-readable', 'a listing can be judged only against a path that shows the members')
      // The Add is cited too: a member missing from the listing may be an Add the server accepted and never applied,
      // which the runner's diagnosis of accepted PATCHes then names.
      uses(added)
      const members = listResources(found)[0]?.members
      const values = Array.isArray(members)
        ? members.map((m) => (m && typeof m === 'object' ? (m as { value?: unknown }).value : undefined))
        : []
      expectTrue(
        found,
        values.includes(member),
        `Resources[0].members of the filter response does not hold the member just added (${short(members)})`,
        [member],
        members,
      )
    })
  },
})
