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

export default defineFlow({
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
        `after ${describeRequest(again)}, the group lists ${short(m.duplicates)} more than once`,
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
