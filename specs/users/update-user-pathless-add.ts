// Entra's path-less add (aadOptscim062020): attributes the user had no value for, folded into one operation without a
// path whose keys are dotted sub-attribute paths and full extension URNs, as captured from Azure/Entra
// (thomaspoignant/scim-patch #132, pond/scimitar #123, grokability/snipe-it #19095). Legacy Entra sends one Add per
// attribute, with a path, so this flow judges nothing in the legacy dialect.
import { createUser, requireUserId } from '../../helpers/steps/requests.ts'
import { patchOp } from '../../helpers/entra/patch-ops.ts'
import { valueFor } from '../../helpers/entra/profile.ts'
import { DEPARTMENT, expectPatched, expectReadBack, patchAndRead, readBody } from '../../helpers/steps/user-updates.ts'
import { isMapped } from '../../helpers/entra/profile.ts'
import { CheckFailure, requestLine } from '../../helpers/suite/expect-scim.ts'
import { defineFlow } from '../define-flow.ts'

const PATHS = ['name.givenName', 'name.familyName', DEPARTMENT]

export default defineFlow({
  id: 'update-user-pathless-add',
  title: 'Update User [Path-less add]',
  perDialect: true,
  writes: true,
  async run(ctx) {
    ctx.require(
      ctx.dialect !== 'legacy',
      'the legacy dialect sends one Add per attribute, with a path; the path-less add is the aadOptscim062020 shape',
    )
    const paths = PATHS.filter((p) => isMapped(ctx.profile, p))
    ctx.require(paths.length > 0, `profile '${ctx.profile.name}' does not map ${PATHS.join(', ')}`)
    // Entra sends Add for attributes the user had no value for: this user is created without them.
    const created = await createUser(ctx, ctx.data.person(), paths)
    const id = requireUserId(ctx, created)
    const fresh = ctx.data.person()
    const value = Object.fromEntries(paths.map((p) => [p, valueFor(p, fresh, ctx.profile)]))
    const added = await patchAndRead(ctx, id, patchOp({ op: 'add', value }))

    await ctx.check('update-user-pathless-add/responds-200-or-204', () => expectPatched(added))
    await ctx.check('update-user-pathless-add/applies-dotted-and-urn-keys', () => {
      for (const p of paths) expectReadBack(added, p, value[p])
      const literal = Object.keys(readBody(added)).filter((k) => paths.includes(k))
      if (literal.length > 0) {
        throw new CheckFailure(
          `${requestLine(added.read)}: the keys ${literal.join(', ')} were stored as attribute names instead of being read as paths`,
          'nested attributes',
          literal,
        )
      }
    })
  },
})
