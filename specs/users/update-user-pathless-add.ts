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
import { defineChecks } from '../../helpers/model/check-info.ts'
import { CHURN, UPDATE_REJECTED } from '../../helpers/suite/consequences.ts'
import { capture, entra, rfc7644 } from '../../helpers/model/refs.ts'
import { READ_BACK_WHY } from './shared-claims.ts'

/** The claims this flow proves: each check with its level, the evidence for it, Entra's consequence and the fix. */
export const checks = defineChecks({
  'update-user-pathless-add/responds-200-or-204': {
    title: 'A path-less add whose keys are dotted paths and extension URNs (aadOptscim062020) answers 200 or 204',
    severity: 'entra',
    evidence: {
      says: 'Azure/Entra was captured sending attributes a user had no value for as one path-less add with dotted and URN keys; Microsoft documents the same path-less form for replace with aadOptscim062020.',
      sources: [
        capture(
          'thomaspoignant/scim-patch #132 (Azure AD path-less add with name.givenName keys)',
          'https://github.com/thomaspoignant/scim-patch/issues/132',
        ),
        capture(
          'grokability/snipe-it #19095 (Entra path-less add with extension URN keys, 2026)',
          'https://github.com/grokability/snipe-it/issues/19095',
        ),
        entra('compatibility'),
      ],
    },
    refs: [
      rfc7644('3.5.2.1'),
      entra('compatibility'),
      capture(
        'pond/scimitar #123 (the Azure request: path-less add with dotted keys)',
        'https://github.com/pond/scimitar/issues/123',
      ),
    ],
    entra: UPDATE_REJECTED,
    fix: 'Accept an add without a path whose value object names attributes by dotted path or full URN.',
  },
  'update-user-pathless-add/applies-dotted-and-urn-keys': {
    title:
      'After that add, GET shows each value under its attribute (name.givenName in name, the URN key in the extension), with no literal dotted or URN keys',
    severity: 'entra',
    evidence: {
      says: 'Servers that stored the literal "name.familyName" key or ignored the path-less add answered 200 and lost the value; Entra re-sends it every cycle (captured for Azure/Entra in 2021, 2024 and 2026).',
      sources: [
        capture(
          'pingidentity/scim2 #224 (literal "name.familyName" keys stored from Entra\'s path-less PATCH)',
          'https://github.com/pingidentity/scim2/issues/224',
        ),
        capture(
          'grokability/snipe-it #19095 (Entra path-less add with extension URN keys, 2026)',
          'https://github.com/grokability/snipe-it/issues/19095',
        ),
      ],
    },
    refs: [rfc7644('3.5.2.1'), entra('compatibility')],
    why: READ_BACK_WHY,
    entra: CHURN,
    fix: 'Treat each key of a path-less add value as the path of the attribute it names ("name.givenName" → name.givenName; "urn:…:User:department" → the extension\'s department).',
  },
})

const PATHS = ['name.givenName', 'name.familyName', DEPARTMENT]

export default defineFlow(checks, {
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
