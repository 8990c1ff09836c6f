// Every other mapped attribute, in Entra's update cycle: read the user, compare, one PATCH (as the dialect sends it)
// changing each mapped attribute that no other update flow changes (nickName, a fax number, costCenter, custom
// extension attributes, …), then the read back.
// Entra PATCHes whatever attribute its mapping says changed; a custom extension's URN is never added to `schemas`
// (https://learn.microsoft.com/en-us/entra/identity/app-provisioning/customize-application-attributes).
import { NOT_GENERATED } from '../../helpers/entra/attribute-types.ts'
import { extensionOf, getAttribute, ENTERPRISE_USER } from '../../helpers/entra/profile.ts'
import { createUser } from '../../helpers/steps/requests.ts'
import {
  changesFor,
  DEPARTMENT,
  EMPLOYEE_NUMBER,
  expectPatched,
  MOBILE_PHONE,
  readBody,
  updateLikeEntra,
  WORK_EMAIL,
  WORK_LOCALITY,
} from '../../helpers/steps/user-updates.ts'
import { CheckFailure, CheckSkipped, requestLine, short } from '../../helpers/suite/expect-scim.ts'
import { defineFlow } from '../define-flow.ts'
import { defineChecks } from '../../helpers/model/check-info.ts'
import { CHURN, UPDATE_REJECTED } from '../../helpers/suite/consequences.ts'
import { CAPTURES, entra, rfc7643, rfc7644 } from '../../helpers/model/refs.ts'
import { READ_BACK_WHY } from './shared-claims.ts'

/** The claims this flow proves: each check with its level, the evidence for it, Entra's consequence and the fix. */
export const checks = defineChecks({
  'update-user-mapped-attributes/responds-200-or-204': {
    title:
      'A PATCH changing every other mapped attribute (core, enterprise, custom extension), as the dialect sends it, answers 200 or 204',
    severity: 'entra',
    evidence: {
      says: 'Entra PATCHes every attribute its mapping writes when the source changes; a refused PATCH fails the update and it is retried every cycle.',
      sources: [entra('attribute-mappings'), entra('compatibility')],
    },
    refs: [rfc7644('3.5.2'), entra('attribute-mappings'), entra('compatibility')],
    why: 'Entra PATCHes any attribute its mapping writes once the source value changes; custom extension attributes arrive with their full URN path (or URN key), without the URN in "schemas".',
    entra: UPDATE_REJECTED,
    fix: 'Accept every attribute your /Schemas (or RFC 7643) describes in PATCH, with a path or as a key of a path-less value object, extension attributes by their URN path.',
  },
  'update-user-mapped-attributes/updates-every-attribute': {
    title: 'After that PATCH, GET shows every one of those attributes exactly as sent',
    severity: 'entra',
    evidence: {
      says: 'Entra reads the user back and compares it with what its mapping wrote; a value that comes back different is sent again every cycle.',
      sources: [entra('attribute-mappings'), CAPTURES.cycle],
    },
    refs: [rfc7644('3.5.2.3'), rfc7643('3.3'), entra('attribute-mappings')],
    why: READ_BACK_WHY,
    entra: CHURN,
    fix: 'Store every mapped attribute, custom extension attributes included, and return it under its schema URN; the message names each attribute that came back different.',
  },
})

/** What the other update flows change (and judge): userName, displayName and title; the multi-valued set; active; manager. */
const OWNED_ELSEWHERE = new Set([
  'userName',
  'displayName',
  'title',
  'active',
  WORK_EMAIL,
  'name.familyName',
  MOBILE_PHONE,
  WORK_LOCALITY,
  EMPLOYEE_NUMBER,
  DEPARTMENT,
])

const kindOf = (path: string): string => {
  const urn = extensionOf(path)
  return !urn ? 'core' : urn === ENTERPRISE_USER ? 'enterprise' : 'custom extension'
}

export default defineFlow(checks, {
  id: 'update-user-mapped-attributes',
  title: 'Update User [Other mapped attributes]',
  perDialect: true,
  writes: true,
  async run(ctx) {
    const paths = ctx.profile.attributes.filter((p) => !OWNED_ELSEWHERE.has(p) && !NOT_GENERATED(p))
    const created = await createUser(ctx)
    const id = ctx.require(created.id, 'the user could not be created (see Create User)')
    // Entra reads the user, compares, and PATCHes what differs: every change here differs from the created value.
    const updated = await updateLikeEntra(ctx, id, changesFor(ctx.profile, paths, ctx.data.person(), created.person))
    const changes = updated?.sent ?? []
    const none = `profile '${ctx.profile.name}' maps no attribute beyond those the other update flows change`

    await ctx.check('update-user-mapped-attributes/responds-200-or-204', () => {
      if (!updated) throw new CheckSkipped(none)
      expectPatched(updated)
    })
    await ctx.check('update-user-mapped-attributes/updates-every-attribute', () => {
      if (!updated) throw new CheckSkipped(none)
      const body = readBody(updated)
      const wrong = changes
        .map((c) => ({ ...c, got: getAttribute(body, c.path) }))
        .filter((c) => JSON.stringify(c.got) !== JSON.stringify(c.value))
      if (wrong.length > 0) {
        const list = wrong
          .map((c) => `${c.path} (${kindOf(c.path)}): sent ${short(c.value)}, got ${short(c.got)}`)
          .join('; ')
        throw new CheckFailure(
          `${requestLine(updated.read)}: ${wrong.length} of the ${changes.length} mapped attributes the PATCH changed came back different: ${list}. Entra re-sends each of them every cycle`,
          Object.fromEntries(wrong.map((c) => [c.path, c.value])),
          Object.fromEntries(wrong.map((c) => [c.path, c.got])),
        )
      }
      return `${changes.length} attributes changed and read back: ${changes.map((c) => c.path).join(', ')}`
    })
  },
})
