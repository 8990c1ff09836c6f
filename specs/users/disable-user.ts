// Entra "Disable User": active false as the dialect sends it ("False" in legacy, false with the flag), the
// disabled user read back by id and by the matching filter, then re-enabled.
// https://learn.microsoft.com/en-us/entra/identity/app-provisioning/use-scim-to-provision-users-and-groups#disable-user
import { createUser, listResources, queryUsers, requireUserId } from '../../helpers/steps/requests.ts'
import { matchingValue } from '../../helpers/entra/profile.ts'
import {
  CheckFailure,
  CheckSkipped,
  dependsOn,
  expectStatus,
  requestLine,
  short,
} from '../../helpers/suite/expect-scim.ts'
import { defineFlow } from '../define-flow.ts'
import { patchOp, setActive } from '../../helpers/entra/patch-ops.ts'
import { expectPatched, patchAndRead, readBody } from '../../helpers/steps/user-updates.ts'

function expectActive(where: string, user: Record<string, unknown>, expected: boolean): void {
  if (user.active !== expected) {
    const hint =
      typeof user.active === 'string'
        ? ' (a string: RFC 7643 §2.3.2 wants a JSON boolean)'
        : user.active === undefined
          ? " (Microsoft's validator requires active on a disabled user)"
          : ''
    throw new CheckFailure(
      `${where}: active is ${short(user.active)}, expected ${expected}${hint}`,
      expected,
      user.active,
    )
  }
}

export default defineFlow({
  id: 'disable-user',
  title: 'Disable User',
  perDialect: true,
  writes: true,
  async run(ctx) {
    ctx.require(
      ctx.profile.attributes.includes('active'),
      `profile '${ctx.profile.name}' does not map active, so Entra never disables a user`,
    )
    const created = await createUser(ctx)
    const id = requireUserId(ctx, created)
    const disabled = await patchAndRead(ctx, id, setActive(ctx.dialect, false))
    const found = await queryUsers(ctx, ctx.matchingAttribute, matchingValue(ctx.matchingAttribute, created.person))
    const enabled = await patchAndRead(ctx, id, setActive(ctx.dialect, true))
    // Legacy Entra sends what the admin's active expression emits: captured as the lower-case string "false" (scimmy #86).
    const lowerCase =
      ctx.dialect === 'legacy'
        ? ([
            await patchAndRead(ctx, id, patchOp({ op: 'Replace', path: 'active', value: 'false' })),
            await patchAndRead(ctx, id, patchOp({ op: 'Replace', path: 'active', value: 'true' })),
          ] as const)
        : undefined

    await ctx.check('disable-user/responds-200-or-204', () => expectPatched(disabled, enabled))
    await ctx.check('disable-user/get-returns-disabled-user', () =>
      expectActive(requestLine(disabled.read), readBody(disabled), false),
    )
    await ctx.check('disable-user/filter-returns-disabled-user', async () => {
      await ctx.presume('filter-finds-user', 'a filter that finds no user cannot show whether a disabled one is hidden')
      // The filter can show a disabled user only if the user was disabled: a refused PATCH, or one the read-back shows
      // had no effect, blocks this check rather than failing it with a fix about filters.
      dependsOn(disabled.patch, 'the user was never disabled')
      const readBack =
        disabled.read.response?.status === 200
          ? (disabled.read.response.body as { active?: unknown } | undefined)?.active
          : undefined
      if (readBack !== undefined && readBack !== false)
        ctx.requirePassed(
          'disable-user/get-returns-disabled-user',
          `the user reads back active ${short(readBack)}, so the filter cannot show a disabled user`,
        )
      expectStatus(found, 200)
      const list = listResources(found)
      if (list.length !== 1 || list[0]!.id !== id) {
        throw new CheckFailure(
          `${requestLine(found)}: the filter found ${list.length} user(s) after the disable, expected exactly the disabled user ${id}`,
          [id],
          list.map((u) => u.id),
        )
      }
      expectActive(requestLine(found), list[0]!, false)
    })
    await ctx.check('disable-user/re-enables-user', () =>
      expectActive(requestLine(enabled.read), readBody(enabled), true),
    )
    await ctx.check('disable-user/accepts-lower-case-string-booleans', () => {
      if (!lowerCase)
        throw new CheckSkipped(
          'aadOptscim062020 sends active as a JSON boolean; the lower-case strings come from a legacy-dialect mapping expression',
        )
      const [off, on] = lowerCase
      // Judged on its own PATCHes: whether "False" works is responds-200-or-204's finding.
      expectPatched(off, on)
      expectActive(requestLine(off.read), readBody(off), false)
      expectActive(requestLine(on.read), readBody(on), true)
    })
  },
})
