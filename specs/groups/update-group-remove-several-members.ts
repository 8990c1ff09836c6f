// Several members removed in one PATCH, in each dialect's shape (legacy: one Remove whose value names them all; the
// flag: one members[value eq "…"] operation per member). Microsoft's gallery requirements and validation recommend
// multi-member PATCHes; no capture shows the running service removing several at once, so this is Gallery.
import { describeRequest, expectMembership, groupWithUsers, readMembers } from '../../helpers/steps/groups.ts'
import { groupPath } from '../../helpers/entra/group-body.ts'
import { addMembers, removeMembers } from '../../helpers/entra/patch-ops.ts'
import { CheckFailure, expectStatus } from '../../helpers/suite/expect-scim.ts'
import { defineFlow } from '../define-flow.ts'
import { defineChecks } from '../../helpers/model/check-info.ts'
import { entra, msValidation, rfc7644 } from '../../helpers/model/refs.ts'
import { MEMBERSHIP_DRIFT } from './shared-claims.ts'

/** The claims this flow proves: each check with its level, the evidence for it, Entra's consequence and the fix. */
export const checks = defineChecks({
  'update-group-remove-several-members/removes-exactly-those-members': {
    title:
      'One PATCH removing two members (legacy: one value array; aadOptscim062020: two members[value eq] operations) removes both and keeps the third',
    severity: 'gallery',
    evidence: {
      says: "Microsoft's gallery requirements recommend updating several memberships in one PATCH and its validation checks multi-member PATCHes; no capture shows the provisioning service removing several members at once.",
      sources: [entra('gallery-requirements'), msValidation('Group_Update_Remove_Member_Test')],
    },
    refs: [rfc7644('3.5.2.2'), entra('gallery-requirements')],
    why: "A handler that reads only the first element of the value array, or only the first operation, leaves the others with the group's access.",
    entra: MEMBERSHIP_DRIFT,
    fix: 'Remove every member the value array names, and apply every operation of the PATCH.',
  },
})

export default defineFlow(checks, {
  id: 'update-group-remove-several-members',
  title: 'Update Group [Remove several members]',
  perDialect: true,
  writes: true,
  groups: true,
  async run(ctx) {
    const { id, users } = await groupWithUsers(ctx, 3)
    const [a, b, stay] = users as [string, string, string]
    const added = await ctx.scim.patch(groupPath(id), addMembers(ctx.dialect, [a, b, stay]))
    const before = await readMembers(ctx, id, users).catch(() => undefined)
    ctx.require(
      added.response && added.response.status < 300 && users.every((u) => before?.ids.has(u)),
      'the three members could not be added (see Update Group [Add Members])',
    )
    const removed = await ctx.scim.patch(groupPath(id), removeMembers(ctx.dialect, [a, b]))
    const after = await readMembers(ctx, id, users, []).catch((err: unknown) => err as Error)

    await ctx.check('update-group-remove-several-members/removes-exactly-those-members', () => {
      expectStatus(removed, [200, 204])
      if (after instanceof Error) throw after
      const left = [a, b].filter((u) => after.ids.has(u))
      if (left.length > 0 && after.ids.has(stay)) {
        throw new CheckFailure(
          `after ${describeRequest(removed)}, ${left.join(' and ')} ${left.length === 1 ? 'is' : 'are'} still in the group: only part of the removal was applied`,
          { members: [stay] },
          { members: [...after.ids].sort() },
        )
      }
      expectMembership(after, [stay], [a, b], removed)
    })
  },
})
