// Entra's group PATCH `replace` on `members` carrying only the member just changed (captured: grokability/snipe-it
// #19096, 2026; reproduced in Infisical PR #6525). Entra means "add these"; RFC 7644 §3.5.2.3 reads it as "exactly
// these", which leaves one member per group. Either way the member sent must be in the group afterwards. Entra sends it
// when a group read with excludedAttributes=members still lists members (Infisical), so get-group/excludes-members is
// what keeps a server out of it. Sent as captured (lower-case op) once per run.
import { describeRequest, expectMembership, groupWithUsers, readMembers } from '../../helpers/steps/groups.ts'
import { groupPath } from '../../helpers/entra/group-body.ts'
import { addMembers, replaceMembersCaptured } from '../../helpers/entra/patch-ops.ts'
import { expectStatus } from '../../helpers/suite/expect-scim.ts'
import { defineFlow } from '../define-flow.ts'

export default defineFlow({
  id: 'update-group-replace-members',
  title: 'Update Group [Replace Members]',
  writes: true,
  groups: true,
  async run(ctx) {
    const { id, users } = await groupWithUsers(ctx, 3)
    const [a, b, changed] = users as [string, string, string]
    const added = await ctx.scim.patch(groupPath(id), addMembers(ctx.dialect, [a, b]))
    const before = await readMembers(ctx, id, users, [a, b]).catch(() => undefined)
    ctx.require(
      added.response && added.response.status < 300 && [a, b].every((u) => before?.ids.has(u)),
      'the two members could not be added (see Update Group [Add Members])',
    )
    const replaced = await ctx.scim.patch(groupPath(id), replaceMembersCaptured([changed]))
    const after = await readMembers(ctx, id, users, [changed]).catch((err: unknown) => err as Error)

    await ctx.check('update-group-replace-members/keeps-the-sent-member', () => {
      expectStatus(replaced, [200, 204], 'Entra sends this replace with the member it just changed')
      if (after instanceof Error) throw after
      expectMembership(after, [changed], [], replaced)
      const lost = [a, b].filter((u) => !after.ids.has(u))
      // Both readings keep the member sent; which one the server applied decides what Entra's delta does to the group.
      return lost.length === 0
        ? `${describeRequest(replaced)} was applied as Entra means it (an add): ${a} and ${b} stayed members`
        : `${describeRequest(replaced)} was applied as RFC 7644 §3.5.2.3 reads it (the exact list): ${lost.join(' and ')} left the group. ` +
            'Entra means "add these" and sends this only when a group read with excludedAttributes=members still lists members; ' +
            'with get-group/excludes-members passing it sends Add, otherwise every membership change would leave one member in the group.'
    })
  },
})
