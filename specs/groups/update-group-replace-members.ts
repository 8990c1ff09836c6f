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
import { defineChecks } from '../../helpers/model/check-info.ts'
import { capture, entra, rfc7644 } from '../../helpers/model/refs.ts'

/** The claims this flow proves: each check with its level, the evidence for it, Entra's consequence and the fix. */
export const checks = defineChecks({
  'update-group-replace-members/keeps-the-sent-member': {
    title:
      'A PATCH {"op":"replace","path":"members"} carrying only the member just changed is accepted and leaves that member in the group',
    severity: 'entra',
    evidence: {
      says: "Entra was captured sending a members replace with only the user it had just changed (Snipe-IT, 2026; reproduced by Infisical); Entra reads no members back, so a group the server empties instead loses everyone's access silently.",
      sources: [
        capture(
          "grokability/snipe-it #19096 (Entra's members replace with one member, 2026)",
          'https://github.com/grokability/snipe-it/issues/19096',
        ),
        capture(
          'Infisical/infisical PR #6525 (Entra sends replace for membership updates)',
          'https://github.com/Infisical/infisical/pull/6525',
        ),
      ],
    },
    refs: [rfc7644('3.5.2.3'), entra('tutorial', 'update-group-add-members')],
    why: 'Entra means "add these"; RFC 7644 §3.5.2.3 reads "exactly these". Both keep the member sent; a server that ends with no member loses even the user Entra was adding. The check\'s message says which reading the server applied.',
    entra: {
      code: 'none (Entra logs the update as a success)',
      effect:
        "Entra records the membership change as done, but the group ends without the member it sent: its users silently lose the group's access until the membership changes in Entra again.",
      presumes: 'accepted',
    },
    fix: 'Apply a members replace by setting the members to the list sent (RFC 7644 §3.5.2.3), never to an empty list; and honour excludedAttributes=members on group reads, so Entra sends Add instead.',
  },
})

export default defineFlow(checks, {
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
