// Entra "Delete Group": 204, then the group is gone (404), and a second delete answers 404 too.
// https://learn.microsoft.com/en-us/entra/identity/app-provisioning/use-scim-to-provision-users-and-groups#delete-group
import { createGroup, requireGroupId } from '../../helpers/steps/groups.ts'
import { groupPath } from '../../helpers/entra/group-body.ts'
import { dependsOn, expectStatus } from '../../helpers/suite/expect-scim.ts'
import { defineFlow } from '../define-flow.ts'
import { defineChecks } from '../../helpers/model/check-info.ts'
import { entra, rfc7644 } from '../../helpers/model/refs.ts'

/** The claims this flow proves: each check with its level, the evidence for it, Entra's consequence and the fix. */
export const checks = defineChecks({
  'delete-group/responds-204': {
    title: 'DELETE /Groups/{id} answers 204 No Content',
    severity: 'rfc',
    evidence: {
      says: "Microsoft's tutorial shows 204, and RFC 7644 §3.6 requires it; no source shows Entra refusing a 200.",
      sources: [rfc7644('3.6'), entra('tutorial', 'delete-group')],
    },
    refs: [rfc7644('3.6'), entra('tutorial', 'delete-group')],
    entra: { code: 'UnprocessableEntity', effect: 'Entra cannot confirm the deletion and retries it every cycle.' },
    fix: 'Answer a successful DELETE with 204 and no body.',
  },
  'delete-group/get-after-delete-responds-404': {
    title: 'After the delete, GET /Groups/{id} answers 404',
    severity: 'rfc',
    evidence: {
      says: "Entra never reads a group it deleted (the DELETE is the last request it sends for it), and Microsoft's gallery requirements allow soft delete; 404 after a DELETE is the RFC 7644 §3.6 rule.",
      sources: [rfc7644('3.6'), entra('how-provisioning-works'), entra('tutorial', 'delete-group')],
    },
    refs: [rfc7644('3.6'), entra('tutorial', 'delete-group')],
    entra: {
      code: 'none: Entra logs the delete as a success',
      effect: 'The group stays in the app though Entra believes it deleted it.',
    },
    fix: 'Delete the group (or hide it from every operation): RFC 7644 requires 404 for a deleted resource.',
  },
  'delete-group/second-delete-responds-404': {
    title: 'Deleting the same group again answers 404',
    severity: 'rfc',
    evidence: {
      says: 'What Entra does with a DELETE of a group already gone is not documented; RFC 7644 §3.6 requires 404.',
      sources: [rfc7644('3.6')],
    },
    refs: [rfc7644('3.6'), rfc7644('3.12')],
    entra: {
      code: 'none: Entra treats 404 on DELETE as already deleted',
      effect: 'An answer other than 404 hides that the group is gone, or fails a retried delete.',
    },
    fix: 'Answer 404 for every operation on a deleted group, DELETE included.',
  },
})

export default defineFlow(checks, {
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
