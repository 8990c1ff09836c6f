// Entra "Get Group by displayName": the match query for a group that exists, and in other letter case.
// https://learn.microsoft.com/en-us/entra/identity/app-provisioning/use-scim-to-provision-users-and-groups#get-group-by-displayname
import { createGroup, requireGroupId } from '../../helpers/steps/groups.ts'
import { groupPath } from '../../helpers/entra/group-body.ts'
import { createUser, expectFindsOnly, listResources, queryGroups, requireUserId } from '../../helpers/steps/requests.ts'
import { dependsOn, expectStatus, expectTrue, short } from '../../helpers/suite/expect-scim.ts'
import { defineFlow } from '../define-flow.ts'
import { addMembers } from '../../helpers/entra/patch-ops.ts'
import { defineChecks } from '../../helpers/model/check-info.ts'
import { MEMBERS_IN_RESPONSE } from '../../helpers/suite/consequences.ts'
import { CAPTURES, entra, rfc7643, rfc7644 } from '../../helpers/model/refs.ts'
import { DUPLICATE_GROUP } from './shared-claims.ts'

/** The claims this flow proves: each check with its level, the evidence for it, Entra's consequence and the fix. */
export const checks = defineChecks({
  'get-group-by-display-name/finds-exactly-one': {
    title: 'The displayName query of an existing group finds exactly that group',
    severity: 'entra',
    evidence: {
      says: "Entra matches groups with this query (Microsoft's example); two results stop it.",
      sources: [entra('tutorial', 'get-group-by-displayname'), entra('error-codes')],
    },
    refs: [rfc7644('3.4.2.2'), entra('tutorial', 'get-group-by-displayname')],
    entra: DUPLICATE_GROUP,
    fix: 'Support `displayName eq` filters on /Groups and return only the groups that match.',
  },
  'get-group-by-display-name/excludes-members': {
    title: 'The displayName query with excludedAttributes=members lists the group without its members',
    severity: 'entra',
    evidence: {
      says: "Entra's query carries excludedAttributes=members; members in the answer are a named cause of MultipleEntriesInResponse.",
      sources: [entra('tutorial', 'get-group-by-displayname'), entra('error-codes')],
    },
    refs: [rfc7644('3.4.2.5'), entra('tutorial', 'get-group-by-displayname')],
    entra: MEMBERS_IN_RESPONSE,
    fix: 'Apply excludedAttributes to every resource of a ListResponse too.',
  },
  'get-group-by-display-name/matches-case-insensitively': {
    title: 'displayName matches in any letter case (group displayName is caseExact false)',
    severity: 'gallery',
    evidence: {
      says: "Microsoft's SCIM Validator queries groups in other letter case; Entra queries with the name it provisioned.",
      sources: [CAPTURES.scimServer, entra('scim-validator'), rfc7643('8.7.1')],
    },
    refs: [rfc7643('8.7.1'), rfc7644('3.4.2.2'), entra('scim-validator')],
    why: 'A case-sensitive match makes Entra miss a group whose name differs only in case, and try to create it again.',
    entra: DUPLICATE_GROUP,
    fix: 'Compare displayName case-insensitively in filters.',
  },
})

export default defineFlow(checks, {
  id: 'get-group-by-display-name',
  title: 'Get Group by displayName',
  writes: true,
  groups: true,
  async run(ctx) {
    const group = await createGroup(ctx)
    const id = requireGroupId(ctx, group)
    const member = requireUserId(ctx, await createUser(ctx), 'the member user')
    const added = await ctx.scim.patch(groupPath(id), addMembers(ctx.dialect, [member]))
    ctx.require(
      added.response && added.response.status < 300,
      'the member could not be added',
      'update-group-add-members/responds-200-or-204',
    )

    const found = await queryGroups(ctx, group.displayName)
    await ctx.check('get-group-by-display-name/finds-exactly-one', () =>
      expectFindsOnly(found, id, 'group', 'the filter on displayName'),
    )
    await ctx.check('get-group-by-display-name/excludes-members', () => {
      dependsOn(found, 'there is no ListResponse to look at')
      expectStatus(found, 200)
      const listed = listResources(found).filter((r) =>
        Array.isArray(r.members) ? r.members.length > 0 : r.members !== undefined && r.members !== null,
      )
      expectTrue(
        found,
        listed.length === 0,
        `the ListResponse carries members though excludedAttributes=members was sent: ${short(listed[0]?.members)}`,
        'no members attribute',
        listed[0]?.members,
      )
    })
    const shouted = await queryGroups(ctx, group.displayName.toUpperCase())
    await ctx.check('get-group-by-display-name/matches-case-insensitively', () =>
      expectFindsOnly(shouted, id, 'group', 'the displayName in upper case'),
    )
  },
})
