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

export default defineFlow({
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
