// Several operations in one PATCH (RFC 7644 §3.5.2: applied in order), two of them on the same attribute:
// legacy Entra sends one operation per changed attribute in a single request.
// https://learn.microsoft.com/en-us/entra/identity/app-provisioning/application-provisioning-config-problem-scim-compatibility
import { createUser, requireUserId } from '../../helpers/steps/requests.ts'
import { CheckFailure, CheckSkipped, requestLine, short } from '../../helpers/suite/expect-scim.ts'
import { defineFlow } from '../define-flow.ts'
import { patchOp, type Operation } from '../../helpers/entra/patch-ops.ts'
import { getAttribute } from '../../helpers/entra/profile.ts'
import {
  EMPLOYEE_NUMBER,
  expectPatched,
  newValue,
  patchAndRead,
  readBody,
  sameValue,
  WORK_EMAIL,
} from '../../helpers/steps/user-updates.ts'
import { isMapped } from '../../helpers/entra/profile.ts'
import { isolationSummary, sendAlone, type Isolation, type Unit } from '../../helpers/steps/isolate.ts'
import { defineChecks } from '../../helpers/model/check-info.ts'
import { CHURN, UPDATE_REJECTED } from '../../helpers/suite/consequences.ts'
import { entra, rfc7644 } from '../../helpers/model/refs.ts'

/** The claims this flow proves: each check with its level, the evidence for it, Entra's consequence and the fix. */
export const checks = defineChecks({
  'update-user-multiple-operations/responds-200-or-204': {
    title: 'A PATCH with several operations, two on the same attribute, answers 200 or 204',
    severity: 'rfc',
    evidence: {
      says: "Entra sends one operation per changed attribute, never two on one attribute (Microsoft's example bodies); the SCIM Validator sends that only as a preview test. RFC 7644 §3.5.2 sets the rule.",
      sources: [rfc7644('3.5.2'), entra('compatibility')],
    },
    refs: [rfc7644('3.5.2'), entra('compatibility')],
    entra: UPDATE_REJECTED,
    fix: 'Accept any number of operations in one PATCH, including several on one attribute.',
  },
  'update-user-multiple-operations/applies-every-operation': {
    title: 'Every operation of the PATCH takes effect, not only the first or the last',
    severity: 'rfc',
    evidence: {
      says: "Entra sends one operation per changed attribute, never two on one attribute (Microsoft's example bodies); the SCIM Validator sends that only as a preview test. RFC 7644 §3.5.2 sets the rule.",
      sources: [rfc7644('3.5.2'), entra('compatibility')],
    },
    refs: [rfc7644('3.5.2')],
    why: 'Legacy Entra sends one operation per changed attribute in a single PATCH.',
    entra: CHURN,
    fix: 'Apply each operation of the Operations array.',
  },
  'update-user-multiple-operations/applies-operations-in-order': {
    title:
      'Operations are applied in the order sent: of two replaces of one attribute the second wins, and a remove then add leaves the added value',
    severity: 'rfc',
    evidence: {
      says: "Entra sends one operation per changed attribute, never two on one attribute (Microsoft's example bodies); the SCIM Validator sends that only as a preview test. RFC 7644 §3.5.2 sets the rule.",
      sources: [rfc7644('3.5.2'), entra('compatibility')],
    },
    refs: [rfc7644('3.5.2')],
    why: 'RFC 7644 §3.5.2: operations are applied sequentially in the order they appear in the array.',
    entra: CHURN,
    fix: 'Apply the operations one after the other, in array order.',
  },
})

export default defineFlow(checks, {
  id: 'update-user-multiple-operations',
  title: 'Update User [Several operations]',
  perDialect: true,
  writes: true,
  async run(ctx) {
    const op = (name: string): string =>
      ctx.dialect === 'legacy' ? name.charAt(0).toUpperCase() + name.slice(1) : name
    const created = await createUser(ctx)
    const id = requireUserId(ctx, created)
    const fresh = ctx.data.person()
    const mapped = (p: string) => isMapped(ctx.profile, p) && p !== ctx.matchingAttribute
    const ops: Operation[] = []
    // The operations of each attribute, to be sent alone when the bundle goes wrong.
    const units: Unit[] = []
    const unit = (path: string, label: string, mine: Operation[]) =>
      units.push({ change: { path, value: expected[path] }, label, body: patchOp(...mine) })
    // Expected end state per attribute; the ops on displayName and employeeNumber only end right if applied in order.
    const expected: Record<string, unknown> = {}
    const ordered: string[] = []
    if (mapped('displayName')) {
      const last = newValue('displayName', fresh, created.person)
      const mine = [
        { op: op('replace'), path: 'displayName', value: `${String(last)} (first)` },
        { op: op('replace'), path: 'displayName', value: last },
      ]
      ops.push(...mine)
      expected.displayName = last
      unit('displayName', `${op('replace')} displayName twice`, mine)
      ordered.push('displayName')
    }
    if (mapped(EMPLOYEE_NUMBER)) {
      const value = newValue(EMPLOYEE_NUMBER, fresh, created.person)
      const mine = [
        { op: op('remove'), path: EMPLOYEE_NUMBER },
        { op: op('add'), path: EMPLOYEE_NUMBER, value },
      ]
      ops.push(...mine)
      expected[EMPLOYEE_NUMBER] = value
      unit(EMPLOYEE_NUMBER, `${op('remove')} then ${op('add')} ${EMPLOYEE_NUMBER}`, mine)
      ordered.push(EMPLOYEE_NUMBER)
    }
    if (mapped(WORK_EMAIL)) {
      expected[WORK_EMAIL] = newValue(WORK_EMAIL, fresh, created.person)
      const mine = [{ op: op('replace'), path: WORK_EMAIL, value: expected[WORK_EMAIL] }]
      ops.push(...mine)
      unit(WORK_EMAIL, `${op('replace')} ${WORK_EMAIL}`, mine)
    }
    ctx.require(
      ops.length >= 2,
      `profile '${ctx.profile.name}' maps too few of displayName, ${EMPLOYEE_NUMBER}, ${WORK_EMAIL}`,
    )
    const updated = await patchAndRead(ctx, id, patchOp(...ops))
    // Refused, or some attribute not at its end value: each attribute's operations alone say which one the server
    // refuses (the suite's diagnosis; Entra sends them together). It explains the failures below, it judges nothing.
    const status = updated.patch.response?.status
    const body =
      updated.read.response?.status === 200 ? (updated.read.response.body as Record<string, unknown>) : undefined
    const wentWrong =
      status === undefined ||
      status < 200 ||
      status >= 300 ||
      !body ||
      units.some((u) => !sameValue(u.change.path, getAttribute(body, u.change.path), u.change.value))
    const isolation: Isolation | undefined = wentWrong
      ? await (async () => {
          const alone = await sendAlone(ctx, created, units)
          return { bundle: updated, alone, refused: alone.filter((a) => a.update && a.problem !== undefined) }
        })()
      : undefined
    const explained = (body: () => void) => () => {
      try {
        body()
      } catch (err) {
        if (err instanceof CheckFailure && isolation)
          throw new CheckFailure(
            `${err.message}.${isolationSummary(isolation)}`,
            err.expected,
            err.actual,
            err.about,
            err.observed,
          )
        throw err
      }
    }

    const differing = (paths: string[]) => {
      const body = readBody(updated)
      return paths
        .filter((p) => !sameValue(p, getAttribute(body, p), expected[p]))
        .map((p) => `${p}: ${short(getAttribute(body, p))}, expected ${short(expected[p])}`)
    }
    await ctx.check(
      'update-user-multiple-operations/responds-200-or-204',
      explained(() => expectPatched(updated)),
    )
    await ctx.check(
      'update-user-multiple-operations/applies-every-operation',
      explained(() => {
        const unordered = Object.keys(expected).filter((p) => !ordered.includes(p))
        // An attribute touched twice counts as applied when it changed at all; its end value is the order check.
        const untouched = ordered.filter((p) => getAttribute(readBody(updated), p) === getAttribute(created.body, p))
        const wrong = [...differing(unordered), ...untouched.map((p) => `${p}: unchanged`)]
        if (wrong.length)
          throw new CheckFailure(
            `${requestLine(updated.read)}: ${wrong.length} operation(s) of ${requestLine(updated.patch)} did not take effect: ${wrong.join('; ')}`,
            expected,
            wrong,
          )
      }),
    )
    await ctx.check(
      'update-user-multiple-operations/applies-operations-in-order',
      explained(() => {
        if (ordered.length === 0)
          throw new CheckSkipped(`profile '${ctx.profile.name}' maps neither displayName nor ${EMPLOYEE_NUMBER}`)
        const wrong = differing(ordered)
        if (wrong.length)
          throw new CheckFailure(
            `${requestLine(updated.read)}: the operations were not applied in array order: ${wrong.join('; ')}`,
            expected,
            wrong,
          )
      }),
    )
  },
})
