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
import { defineChecks } from '../../helpers/model/check-info.ts'
import { ACCESS_KEPT, CHURN, DISABLED_INVISIBLE, UPDATE_REJECTED } from '../../helpers/suite/consequences.ts'
import { CAPTURES, entra, rfc7643, rfc7644 } from '../../helpers/model/refs.ts'

/** The claims this flow proves: each check with its level, the evidence for it, Entra's consequence and the fix. */
export const checks = defineChecks({
  'disable-user/responds-200-or-204': {
    title: 'PATCH of active (false, then true), as the dialect sends it, answers 200 or 204',
    severity: 'entra',
    evidence: {
      says: 'Entra disables with Replace active "False" (legacy) or replace false; captured as the string "false" too.',
      sources: [entra('compatibility'), CAPTURES.activeString],
    },
    refs: [rfc7644('3.5.2'), entra('tutorial', 'disable-user'), entra('compatibility')],
    why: 'Without aadOptscim062020 Entra sends "Replace" with the string "False"; with it, "replace" and false.',
    entra: UPDATE_REJECTED,
    fix: 'Accept active as a boolean or as the strings "True"/"False" (any case), under "Replace" or "replace".',
  },
  'disable-user/get-returns-disabled-user': {
    title: 'GET /Users/{id} still returns a disabled user, with active false (a boolean)',
    severity: 'entra',
    evidence: {
      says: 'Entra disables users going out of scope and reads them back by id; a disabled user read as active keeps access.',
      sources: [entra('how-provisioning-works'), entra('tutorial', 'disable-user')],
    },
    refs: [rfc7643('4.1.1'), entra('tutorial', 'disable-user')],
    why: 'Entra reads a disabled user back by id; "False" read as true, or a 404, leaves access in place or breaks the anchor.',
    entra: ACCESS_KEPT,
    fix: 'Store active as the boolean the value means ("False" is false) and keep serving the user; return active as a JSON boolean.',
  },
  'disable-user/filter-returns-disabled-user': {
    title: 'The matching filter still finds a disabled user, with active false',
    severity: 'entra',
    evidence: {
      says: 'Microsoft requires that a user is returned whether or not it is active; Entra matches disabled users every cycle.',
      sources: [
        entra('tutorial', 'understand-the-microsoft-entra-scim-implementation'),
        entra('tutorial', 'disable-user'),
      ],
    },
    refs: [rfc7644('3.4.2.2'), entra('tutorial', 'disable-user'), entra('scim-validator')],
    why: 'Microsoft\'s SCIM Validator fails "Disable User" when a later filter response lacks active.',
    entra: DISABLED_INVISIBLE,
    fix: 'Do not hide inactive users from filters; return them with "active": false.',
  },
  'disable-user/re-enables-user': {
    title: 'After a PATCH setting active back to true, GET shows active true',
    severity: 'entra',
    evidence: {
      says: 'A user back in scope is re-enabled by the same PATCH with true ("True" in the legacy dialect); a server that keeps it disabled locks the user out.',
      sources: [entra('tutorial', 'understand-the-microsoft-entra-scim-implementation'), entra('compatibility')],
    },
    refs: [rfc7644('3.5.2.3'), entra('tutorial', 'disable-user')],
    why: 'A user coming back into scope is re-enabled by the same PATCH with true ("True" in the legacy dialect).',
    entra: CHURN,
    fix: 'Let active go from false back to true.',
  },
  'disable-user/accepts-lower-case-string-booleans': {
    title:
      'Replace active with the lower-case strings "false" and "true" (legacy dialect) disables and re-enables the user',
    severity: 'entra',
    evidence: {
      says: 'Entra was captured unassigning a user with {"op": "Replace", "path": "active", "value": "false"}: the legacy dialect sends the string the admin\'s mapping expression emits, and a 400 left the user active.',
      sources: [CAPTURES.activeString, entra('attribute-mappings')],
    },
    refs: [rfc7643('2.3.2'), rfc7644('3.5.2.3'), CAPTURES.activeString],
    why: 'A Switch([IsSoftDeleted], , "false", "true", …) expression, which vendor guides have told admins to use, gives lower-case strings.',
    entra: {
      ...UPDATE_REJECTED,
      effect: 'The disable fails: the unassigned user keeps access while Entra retries the update every cycle.',
    },
    fix: 'Read active case-insensitively from the strings "true"/"false" as well as from JSON booleans, and return a JSON boolean.',
  },
})

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

export default defineFlow(checks, {
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
