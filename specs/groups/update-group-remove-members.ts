// Entra "Update Group [Remove Members]": legacy "Remove" with a value array, or remove on members[value eq "…"],
// and the lower-case "remove" with a value array that Azure was captured sending; only that member may go. https://learn.microsoft.com/en-us/entra/identity/app-provisioning/use-scim-to-provision-users-and-groups#update-group-remove-members
import {
  groupWithUsers,
  describeRequest,
  expectMembership,
  memberPaths,
  membershipFound,
  queryMembership,
  readMembers,
  type Membership,
} from '../../helpers/steps/groups.ts'
import { groupPath } from '../../helpers/entra/group-body.ts'
import { CheckBlocked, CheckFailure, expectStatus, requestLine, uses } from '../../helpers/suite/expect-scim.ts'
import { defineFlow } from '../define-flow.ts'
import { addMembers, removeMember, removeMemberCaptured } from '../../helpers/entra/patch-ops.ts'
import { defineChecks } from '../../helpers/model/check-info.ts'
import { CAPTURES, entra, rfc7644 } from '../../helpers/model/refs.ts'
import { MEMBERSHIP_DRIFT, MEMBERS_LOST, PATCH_REFUSED } from './shared-claims.ts'

/** The claims this flow proves: each check with its level, the evidence for it, Entra's consequence and the fix. */
export const checks = defineChecks({
  'update-group-remove-members/responds-200-or-204': {
    title: 'A PATCH removing one member answers 204 (or 200)',
    severity: 'entra',
    evidence: {
      says: 'Entra removes members with Remove on members and a value array (captured, either letter case), or members[value eq …] with the flag.',
      sources: [CAPTURES.removeLowerCase, entra('compatibility')],
    },
    refs: [rfc7644('3.5.2.2'), entra('tutorial', 'update-group-remove-members'), entra('compatibility')],
    why: 'Legacy Entra sends "Remove" on members with a value array; with aadOptscim062020 a remove on members[value eq "…"].',
    entra: PATCH_REFUSED,
    fix: 'Accept both forms of member removal.',
  },
  'update-group-remove-members/removes-the-member': {
    title: 'After the removal, the member is no longer in the group: not listed, and not found by the membership query',
    severity: 'entra',
    evidence: {
      says: 'Entra removes members by PATCH and does not read them back; a removed user keeping membership keeps access.',
      sources: [entra('tutorial', 'update-group-remove-members'), CAPTURES.removeLowerCase],
    },
    refs: [rfc7644('3.5.2.2'), entra('tutorial', 'update-group-remove-members')],
    why: 'A removal answered 204 whose member stays in the group leaves a user Entra took out of the group with its access.',
    entra: MEMBERSHIP_DRIFT,
    fix: 'Remove the member named in the value array or in the value filter.',
  },
  'update-group-remove-members/keeps-other-members': {
    title: 'Removing one member keeps every other member',
    severity: 'entra',
    evidence: {
      says: 'Entra\'s value-array removal emptied groups on servers that read it as "remove all" (captured in production).',
      sources: [CAPTURES.removeEmptiesGroup, CAPTURES.removeLowerCase],
    },
    refs: [entra('compatibility'), rfc7644('3.5.2.2'), entra('tutorial', 'update-group-remove-members')],
    why: 'Legacy Entra names the member in "value" with path "members"; read to the letter of RFC 7644 that removes all members.',
    entra: MEMBERS_LOST,
    fix: 'For a remove on "members" with a value array, remove only the listed members; empty the group only when no value is sent.',
  },
  'update-group-remove-members/removing-absent-member-keeps-group': {
    title: 'Removing a user who is not a member answers 204 or 200 (or 400 noTarget) and changes nothing',
    severity: 'rfc',
    evidence: {
      says: 'No source shows Entra removing a member that is not there; RFC 7644 §3.5.2.2 and §3.12 set the answer.',
      sources: [rfc7644('3.5.2.2'), rfc7644('3.12')],
    },
    refs: [rfc7644('3.5.2.2'), rfc7644('3.12')],
    why: 'Entra removes members it believes are there; a 404 tells it the group itself is gone.',
    entra: PATCH_REFUSED,
    fix: 'Ignore a removal whose member is not in the group (or answer 400 noTarget); never answer 404 or 5xx for an existing group.',
  },
  'update-group-remove-members/removes-by-lower-case-value-array': {
    title: 'A lower-case "remove" on "members" with a value array removes exactly the listed member',
    severity: 'entra',
    evidence: {
      says: "Azure was captured removing a member in this form; a server that ignores it leaves the removed user with the group's access.",
      sources: [CAPTURES.removeLowerCase],
    },
    refs: [CAPTURES.removeLowerCase, rfc7644('3.5.2.2'), entra('tutorial', 'update-group-remove-members')],
    why: 'Azure was captured removing a member with {"op":"remove","path":"members","value":[{"value":"<id>"}]}: the legacy value-array form with a lower-case op. A server that ignores it leaves the user in the group; one that reads it as "remove all" empties it.',
    entra: MEMBERSHIP_DRIFT,
    fix: 'Compare op case-insensitively and, for a remove on "members" with a value array, remove exactly the listed members.',
  },
})

const WHY_LOST = {
  legacy:
    'Entra\'s legacy removal names the member in "value" on path "members"; a server that ignores the value removes every member.',
  aadOptscim062020: 'The filter members[value eq "…"] selects one member; only that one may be removed.',
} as const

export default defineFlow(checks, {
  id: 'update-group-remove-members',
  title: 'Update Group [Remove Members]',
  perDialect: true,
  writes: true,
  groups: true,
  async run(ctx) {
    const { id, users } = await groupWithUsers(ctx, 4)
    const [gone, ...rest] = users as [string, string, string, string]
    const [stay1, stay2, outsider] = rest as [string, string, string]
    const added = await ctx.scim.patch(groupPath(id), addMembers(ctx.dialect, [gone, stay1, stay2]))
    const before = await readMembers(ctx, id, users, [gone, stay1, stay2]).catch((err: unknown) => err as Error)
    // Without a read path, Entra's removals are still sent and judged by their answers; their read-backs are blocked.
    const unverifiable = before instanceof CheckBlocked
    ctx.require(
      added.response &&
        added.response.status < 300 &&
        (unverifiable || [gone, stay1, stay2].every((u) => !(before instanceof Error) && before.ids.has(u))),
      'the three members could not be added (see Update Group [Add Members])',
    )
    const paths = unverifiable ? undefined : await memberPaths(ctx)

    const remove = await ctx.scim.patch(groupPath(id), removeMember(ctx.dialect, gone))
    await ctx.check('update-group-remove-members/responds-200-or-204', () => expectStatus(remove, [200, 204]))
    const after = await readMembers(ctx, id, users).catch((err: unknown) => err as Error)
    // Whatever the list shows, the membership query says whether the removed user still has the group: a server that
    // hides the member from the list but keeps it leaves the user's access in place.
    const stillMember = await queryMembership(ctx, id, gone)
    const read = (): Membership => {
      if (after instanceof Error) throw after
      return after
    }
    await ctx.check('update-group-remove-members/removes-the-member', () => {
      // The query decides only where it was not found broken in this run.
      if (!unverifiable && (!paths || paths.query) && membershipFound(stillMember)) {
        uses(remove, stillMember)
        throw new CheckFailure(
          `after ${describeRequest(remove)}, the membership query still finds ${gone} in the group (${requestLine(stillMember)}): the removed user keeps the group's access`,
          { member: false },
          { member: true },
        )
      }
      expectMembership(read(), [], [gone], remove)
    })
    await ctx.check('update-group-remove-members/keeps-other-members', () => {
      const m = read()
      uses(remove, ...m.exchanges)
      const lost = [stay1, stay2].filter((u) => !m.ids.has(u))
      if (lost.length > 0) {
        throw new CheckFailure(
          `other members were lost: ${describeRequest(remove)} was meant to remove only ${gone}, but ${lost.length} of the 2 other members ` +
            `(${lost.join(', ')}) are no longer in the group (read back with ${requestLine(m.exchanges[0]!)}). ${WHY_LOST[ctx.dialect]}`,
          { members: [stay1, stay2] },
          { members: [...m.ids].sort() },
        )
      }
    })

    const kept = after instanceof Error ? [] : [stay1, stay2].filter((u) => after.ids.has(u))
    const absent = await ctx.scim.patch(groupPath(id), removeMember(ctx.dialect, outsider))
    await ctx.check('update-group-remove-members/removing-absent-member-keeps-group', async () => {
      const status = absent.response?.status
      // RFC 7644 §3.5.2: a filter that selects nothing may be answered 400 noTarget.
      const noTarget =
        status === 400 && (absent.response?.body as { scimType?: unknown } | undefined)?.scimType === 'noTarget'
      if (!noTarget) expectStatus(absent, [200, 204], 'the user is not a member, but the group exists')
      expectMembership(await readMembers(ctx, id, users), kept, [outsider], absent)
    })

    // Azure's captured form (apache/directory-scimple PR #447): the one removal Entra sends whose op case is not the dialect's.
    const captured =
      kept.length === 2 || unverifiable ? await ctx.scim.patch(groupPath(id), removeMemberCaptured(stay1)) : undefined
    const afterCaptured = captured ? await readMembers(ctx, id, users).catch((err: unknown) => err as Error) : undefined
    await ctx.check('update-group-remove-members/removes-by-lower-case-value-array', () => {
      if (captured)
        expectStatus(
          captured,
          [200, 204],
          'Azure removes one member with {"op":"remove","path":"members","value":[{"value":…}]}',
        )
      ctx.requirePassed(
        'update-group-remove-members/keeps-other-members',
        'the captured removal needs two members left to remove one of',
      )
      if (!captured || !afterCaptured)
        throw new CheckBlocked(
          'update-group-remove-members/keeps-other-members',
          'the two other members were not both in the group, so the captured removal was not sent',
        )
      expectStatus(
        captured,
        [200, 204],
        'Azure removes one member with {"op":"remove","path":"members","value":[{"value":…}]}',
      )
      if (afterCaptured instanceof Error) throw afterCaptured
      expectMembership(afterCaptured, [stay2], [stay1], captured)
    })
  },
})
