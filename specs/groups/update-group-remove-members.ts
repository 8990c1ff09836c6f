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

const WHY_LOST = {
  legacy:
    'Entra\'s legacy removal names the member in "value" on path "members"; a server that ignores the value removes every member.',
  aadOptscim062020: 'The filter members[value eq "…"] selects one member; only that one may be removed.',
} as const

export default defineFlow({
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
