// Entra "Update Group [Add Members]": one member, several in one PATCH, one already there; read back by id
// and by the membership query. https://learn.microsoft.com/en-us/entra/identity/app-provisioning/use-scim-to-provision-users-and-groups#update-group-add-members
import {
  groupWithUsers,
  describeRequest,
  expectMembership,
  queryMembership,
  readMembers,
} from '../../helpers/steps/groups.ts'
import { groupPath } from '../../helpers/entra/group-body.ts'
import { listResources } from '../../helpers/steps/requests.ts'
import { CheckFailure, expectStatus, expectTrue, requestLine, short, uses } from '../../helpers/suite/expect-scim.ts'
import { defineFlow } from '../define-flow.ts'
import { addMembers } from '../../helpers/entra/patch-ops.ts'
import { defineChecks } from '../../helpers/model/check-info.ts'
import { CAPTURES, entra, rfc7643, rfc7644 } from '../../helpers/model/refs.ts'
import { MEMBERSHIP_DRIFT, MEMBERS_LOST, PATCH_REFUSED } from './shared-claims.ts'

/** The claims this flow proves: each check with its level, the evidence for it, Entra's consequence and the fix. */
export const checks = defineChecks({
  'update-group-add-members/responds-200-or-204': {
    title: 'A PATCH adding one member answers 204 (or 200)',
    severity: 'entra',
    evidence: {
      says: "Entra adds members with this PATCH, $ref null (Microsoft's example).",
      sources: [entra('tutorial', 'update-group-add-members')],
    },
    refs: [rfc7644('3.5.2.1'), entra('tutorial', 'update-group-add-members')],
    why: 'Entra sends {"op":"Add","path":"members","value":[{"$ref":null,"value":"<user id>"}]}; "$ref" is null.',
    entra: PATCH_REFUSED,
    fix: 'Accept Add on "members" with an array of {value} objects whose $ref is null, in any op letter case.',
  },
  'update-group-add-members/adds-the-member': {
    title: 'After the add, the group lists the new member',
    severity: 'entra',
    evidence: {
      says: 'Entra adds members by PATCH and does not read them back; a member not added silently lacks access.',
      sources: [entra('tutorial', 'update-group-add-members')],
    },
    refs: [rfc7644('3.5.2.1'), entra('tutorial', 'update-group-add-members')],
    entra: MEMBERSHIP_DRIFT,
    fix: 'Add every {value} of an Add on "members" to the group.',
  },
  'update-group-add-members/adds-several-members-in-one-patch': {
    title: 'One PATCH adding several members adds all of them',
    severity: 'entra',
    evidence: {
      says: "Entra puts several members in one Add operation (captured), as Microsoft's gallery requirements ask servers to accept.",
      sources: [CAPTURES.scimServer, entra('gallery-requirements')],
    },
    refs: [rfc7644('3.5.2.1'), entra('gallery-requirements')],
    why: 'Entra batches member additions into one Add operation; a server that keeps only the first loses the rest.',
    entra: MEMBERSHIP_DRIFT,
    fix: "Add every value of the operation's array, not just the first.",
  },
  'update-group-add-members/lists-members': {
    title: 'GET /Groups/{id} lists the members the membership query finds',
    severity: 'rfc',
    evidence: {
      says: 'Entra reads groups with excludedAttributes=members and never needs the list; returning members by default is RFC 7643 §4.2 and §8.7.1.',
      sources: [rfc7643('4.2'), rfc7643('8.7.1')],
    },
    refs: [rfc7643('4.2'), rfc7643('8.7.1'), entra('tutorial', 'get-group')],
    why: "Entra never reads a group's member list (it asks with excludedAttributes=members), so provisioning works; but RFC 7643 returns members by default, and admins and other clients reading the group see it empty.",
    entra: {
      code: 'none: Entra does not read member lists',
      effect: 'Provisioning is unaffected; anyone else reading the group through SCIM sees no members.',
    },
    fix: 'Return the stored members in GET /Groups/{id} (unless excludedAttributes=members asks otherwise).',
  },
  'update-group-add-members/keeps-existing-members': {
    title: 'Adding members keeps the members the group already had',
    severity: 'entra',
    evidence: {
      says: 'Entra adds members one PATCH at a time; a server that replaces the list drops everyone else, and Entra never re-adds them.',
      sources: [entra('tutorial', 'update-group-add-members')],
    },
    refs: [rfc7644('3.5.2.1')],
    why: 'RFC 7644: add on a multi-valued attribute appends; only "replace" replaces the list.',
    entra: MEMBERS_LOST,
    fix: 'Treat Add on "members" as an append, never as a replacement of the member list.',
  },
  'update-group-add-members/adding-existing-member-succeeds': {
    title: 'Adding a member who is already in the group succeeds and leaves the group unchanged',
    severity: 'rfc',
    evidence: {
      says: 'RFC 7644 §3.5.2.1 says an add of a value already present SHOULD succeed without change; no source shows Entra re-adding members.',
      sources: [rfc7644('3.5.2.1')],
    },
    refs: [rfc7644('3.5.2.1')],
    why: 'RFC 7644: if the target already contains the value, no change SHOULD be made and success SHOULD be returned.',
    entra: PATCH_REFUSED,
    fix: 'Answer 204 (or 200) and keep a single entry for the member.',
  },
  'update-group-add-members/member-query-finds-group': {
    title:
      'GET /Groups?filter=id eq "…" and members eq "…"&attributes=id finds the group for a member, and not for a non-member',
    severity: 'rfc',
    evidence: {
      says: 'Only old Microsoft text documents the membership query; current use is not shown, so it is the RFC 7644 §3.4.2.2 filter rule.',
      sources: [rfc7644('3.4.2.2'), entra('tutorial', 'group-operations')],
    },
    refs: [rfc7644('3.4.2.2'), entra('tutorial', 'group-operations')],
    why: 'Microsoft lists "querying groups by ID and by member"; Entra has been seen checking membership this way.',
    entra: {
      code: 'SystemForCrossDomainIdentityManagementServiceIncompatible',
      effect: 'Where Entra checks membership by query, it cannot tell whether the user is in the group.',
    },
    fix: 'Support `and`, `id eq` and `members eq` in /Groups filters, with attributes=id.',
  },
})

export default defineFlow(checks, {
  id: 'update-group-add-members',
  title: 'Update Group [Add Members]',
  perDialect: true,
  writes: true,
  groups: true,
  async run(ctx) {
    const { id, users } = await groupWithUsers(ctx, 4)
    const [u1, u2, u3, outsider] = users as [string, string, string, string]
    const add = (ids: string[]) => ctx.scim.patch(groupPath(id), addMembers(ctx.dialect, ids))

    const one = await add([u1])
    await ctx.check('update-group-add-members/responds-200-or-204', () => expectStatus(one, [200, 204]))
    const first = await readMembers(ctx, id, users, [u1]).catch((err: unknown) => err as Error)
    await ctx.check('update-group-add-members/adds-the-member', () => {
      if (first instanceof Error) throw first
      expectMembership(first, [u1], [u2, u3, outsider], one)
    })
    // Reported once, here: the other member checks read through the membership query and judge what is stored.
    await ctx.check('update-group-add-members/lists-members', async () => {
      await ctx.presume('membership-readable', 'a listing can be judged only against a path that shows the members')
      ctx.requirePassed(
        'update-group-add-members/adds-the-member',
        'a member must be in the group before its listing can be judged',
      )
      if (first instanceof Error) throw first
      uses(one, ...first.exchanges)
      if (first.unlisted.length > 0) {
        const how = first.via === 'groups' ? "the members' own groups show" : 'the membership query finds'
        throw new CheckFailure(
          `${requestLine(first.exchanges[0]!)} lists no members, though ${how} ${short(first.unlisted)} in the group ` +
            `(${requestLine(first.exchanges[1]!)}): the server stores members it does not list`,
          { members: [{ value: u1 }] },
          { members: [] },
        )
      }
    })

    const several = await add([u2, u3])
    const afterSeveral = await readMembers(ctx, id, users, [u2, u3]).catch((err: unknown) => err as Error)
    await ctx.check('update-group-add-members/adds-several-members-in-one-patch', () => {
      expectStatus(several, [200, 204])
      if (afterSeveral instanceof Error) throw afterSeveral
      expectMembership(afterSeveral, [u2, u3], [outsider], several)
    })
    await ctx.check('update-group-add-members/keeps-existing-members', () => {
      if (afterSeveral instanceof Error) throw afterSeveral
      expectMembership(afterSeveral, [u1], [], several)
    })

    const again = await add([u1])
    await ctx.check('update-group-add-members/adding-existing-member-succeeds', async () => {
      expectStatus(again, [200, 204], 'the user is already a member: RFC 7644 asks for success and no change')
      const m = await readMembers(ctx, id, users, [u1])
      expectMembership(m, [u1, u2, u3], [outsider], again)
      expectTrue(
        m.exchanges[0],
        m.duplicates.length === 0,
        // The finding first (a cause is titled by the message's first sentence), the request after it.
        `the group lists ${short(m.duplicates)} more than once after a member it already had was added again. Sent: ${describeRequest(again)}`,
        'each member once',
        m.duplicates,
      )
    })

    const member = await queryMembership(ctx, id, u1)
    const nonMember = await queryMembership(ctx, id, outsider)
    await ctx.check('update-group-add-members/member-query-finds-group', async () => {
      await ctx.presume(
        'membership-readable',
        'a query that finds no group says nothing when no path shows what the group holds',
      )
      expectStatus(member, 200)
      const ids = listResources(member).map((r) => r.id)
      expectTrue(
        member,
        ids.length === 1 && ids[0] === id,
        `expected the group ${id} for its member, found ${short(ids)}`,
        [id],
        ids,
      )
      expectStatus(nonMember, 200)
      const others = listResources(nonMember).map((r) => r.id)
      expectTrue(
        nonMember,
        others.length === 0,
        `expected no group for a user who is not a member, found ${short(others)}`,
        [],
        others,
      )
    })
  },
})
