// Entra "Get Group": read a group by id without its members, the only way Entra reads a group by id.
// https://learn.microsoft.com/en-us/entra/identity/app-provisioning/use-scim-to-provision-users-and-groups#get-group
import { createGroup, requireGroupId } from '../../helpers/steps/groups.ts'
import { groupPath } from '../../helpers/entra/group-body.ts'
import { createUser, requireUserId } from '../../helpers/steps/requests.ts'
import {
  dependsOn,
  expectEqual,
  expectJsonBody,
  expectStatus,
  expectTrue,
  short,
} from '../../helpers/suite/expect-scim.ts'
import { defineFlow } from '../define-flow.ts'
import { addMembers } from '../../helpers/entra/patch-ops.ts'
import { defineChecks } from '../../helpers/model/check-info.ts'
import { INVALID_ANCHOR, MEMBERS_IN_RESPONSE } from '../../helpers/suite/consequences.ts'
import { entra, rfc7644 } from '../../helpers/model/refs.ts'

/** The claims this flow proves: each check with its level, the evidence for it, Entra's consequence and the fix. */
export const checks = defineChecks({
  'get-group/returns-the-group': {
    title: "GET /Groups/{id}?excludedAttributes=members answers 200 with the group's id, displayName and externalId",
    severity: 'entra',
    evidence: {
      says: "Entra reads groups by id with excludedAttributes=members (Microsoft's example).",
      sources: [entra('tutorial', 'get-group')],
    },
    refs: [rfc7644('3.4.1'), entra('tutorial', 'get-group')],
    entra: INVALID_ANCHOR,
    fix: 'Serve every group by the id returned at creation, with the attributes it was created with.',
  },
  'get-group/excludes-members': {
    title: 'GET /Groups/{id}?excludedAttributes=members answers without the members',
    severity: 'entra',
    evidence: {
      says: 'Microsoft requires excludedAttributes=members; its error reference names members in the answer as a cause of MultipleEntriesInResponse.',
      sources: [entra('tutorial', 'get-group'), entra('error-codes')],
    },
    refs: [rfc7644('3.4.2.5'), entra('tutorial', 'get-group')],
    why: 'Microsoft requires excludedAttributes=members; an empty members array is the same as none (RFC 7643 §2.5).',
    entra: MEMBERS_IN_RESPONSE,
    fix: 'Honour excludedAttributes: leave "members" out of the answer when it is excluded.',
  },
  'get-group/unknown-id-responds-404': {
    title: 'GET /Groups/{id} for an id that does not exist answers 404',
    severity: 'rfc',
    evidence: {
      says: 'No source shows what Entra does with a GET of an unknown group id; 404 for it is RFC 7644 §3.4.1.',
      sources: [rfc7644('3.4.1'), rfc7644('3.12')],
    },
    refs: [rfc7644('3.4.1'), rfc7644('3.12')],
    entra: INVALID_ANCHOR,
    fix: 'Answer 404 for an unknown group id (not 200 with an empty body).',
  },
})

export default defineFlow(checks, {
  id: 'get-group',
  title: 'Get Group',
  writes: true,
  groups: true,
  async run(ctx) {
    const unknown = await ctx.scim.get(groupPath(ctx.data.guid()), { query: [['excludedAttributes', 'members']] })
    await ctx.check('get-group/unknown-id-responds-404', () => expectStatus(unknown, 404))

    const group = await createGroup(ctx)
    const id = requireGroupId(ctx, group)
    // A member makes excludedAttributes observable: an empty list would look the same as an excluded one.
    const member = requireUserId(ctx, await createUser(ctx), 'the member user')
    const added = await ctx.scim.patch(groupPath(id), addMembers(ctx.dialect, [member]))
    ctx.require(
      added.response && added.response.status < 300,
      'the member could not be added',
      'update-group-add-members/responds-200-or-204',
    )

    const got = await ctx.scim.get(groupPath(id), { query: [['excludedAttributes', 'members']] })
    await ctx.check('get-group/returns-the-group', () => {
      expectStatus(got, 200)
      const body = expectJsonBody<{ id?: unknown; displayName?: unknown; externalId?: unknown }>(got)
      expectEqual(got, 'id', body.id, id)
      expectEqual(got, 'displayName', body.displayName, group.displayName)
      expectEqual(got, 'externalId', body.externalId, group.externalId)
    })
    await ctx.check('get-group/excludes-members', () => {
      dependsOn(got, 'there is no group to look at')
      const members = expectJsonBody<{ members?: unknown }>(got).members
      // RFC 7643 §2.5: an empty array is the same as an unassigned attribute.
      const listed = Array.isArray(members) ? members.length > 0 : members !== undefined && members !== null
      expectTrue(
        got,
        !listed,
        `the answer lists the members though excludedAttributes=members was sent: ${short(members)}`,
        'no members attribute',
        members,
      )
    })
  },
})
