// The group requests of Microsoft's validation that Entra does not send: a group name with parentheses, and
// membership read from the displayName filter response (Logic App template, GroupTests_Workflow.json).
import { createGroup, requireGroupId } from '../../helpers/steps/groups.ts'
import { groupPath } from '../../helpers/entra/group-body.ts'
import { createUser, listResources, requireUserId } from '../../helpers/steps/requests.ts'
import { addMembers } from '../../helpers/entra/patch-ops.ts'
import type { Exchange } from '../../helpers/model/exchange.ts'
import { dependsOn, expectStatus, expectTrue, short, uses } from '../../helpers/suite/expect-scim.ts'
import { defineFlow } from '../define-flow.ts'
import { defineChecks } from '../../helpers/model/check-info.ts'
import { GALLERY_ONLY } from '../../helpers/suite/consequences.ts'
import { msValidation, rfc7643, rfc7644 } from '../../helpers/model/refs.ts'
import { logicAppWorkflow } from './shared-claims.ts'

/** The claims this flow proves: each check with its level, the evidence for it, Entra's consequence and the fix. */
export const checks = defineChecks({
  'validation-groups/finds-name-with-parentheses': {
    title:
      "A displayName filter finds a group whose name holds parentheses, as Microsoft's validation names it (LACreateGroup-(…))",
    severity: 'gallery',
    evidence: {
      says: 'Microsoft\'s validation creates groups named LACreateGroup-(<8 hex>) and finds them with GET /Groups?filter=displayName eq "…", the parentheses sent raw; Entra\'s own group names rarely hold them.',
      sources: [logicAppWorkflow('GroupTests_Workflow.json', 'Create_Group_Test'), msValidation('Create_Group_Test')],
    },
    refs: [rfc7644('3.4.2.2')],
    why: 'A filter parser that reads "(" inside a quoted value as grouping answers 400 or finds nothing, and Create_Group_Test fails.',
    entra: GALLERY_ONLY,
    fix: "Parse the filter's quoted value as a string: parentheses, brackets and quotes escaped with a backslash belong to the value, not to the filter grammar.",
  },
  'validation-groups/filter-lists-members': {
    title: 'GET /Groups?filter=displayName eq "…" without excludedAttributes lists the group\'s members',
    severity: 'gallery',
    evidence: {
      says: "Microsoft's validation reads membership from Resources[0].members of the displayName filter response (no excludedAttributes); Entra itself always excludes members.",
      sources: [
        logicAppWorkflow('GroupTests_Workflow.json', 'Group_Update_Add_Member_Test'),
        msValidation('Group_Update_Add_Member_Test'),
      ],
    },
    refs: [rfc7643('4.2'), rfc7644('3.4.2')],
    why: 'A server that leaves members out of filtered lists fails Group_Update_Add_Member_Test, though the member was added.',
    entra: GALLERY_ONLY,
    fix: 'Return "members" (value and display of each member) in group resources of a filtered GET /Groups unless excludedAttributes=members is asked for.',
  },
})

/** `GET /Groups?filter=displayName eq "…"` with no excludedAttributes, as the validation's group tests send it. */
const filterByName = (
  ctx: { scim: { get: (path: string, o: { query: [string, string][] }) => Promise<Exchange> } },
  name: string,
): Promise<Exchange> => ctx.scim.get('/Groups', { query: [['filter', `displayName eq "${name}"`]] })

export default defineFlow(checks, {
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
