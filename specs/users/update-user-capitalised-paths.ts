// Sub-attribute names in the letter case of Microsoft's attribute table (emails[type eq "other"].Value,
// addresses[type eq "other"].Formatted) and reference tests (name.FamilyName). Attribute names are case-insensitive
// (RFC 7643 §2.1); no capture shows the running service sending them capitalised, so the flow is RFC only.
import { createUser, requireUserId } from '../../helpers/steps/requests.ts'
import { userUpdate } from '../../helpers/entra/patch-ops.ts'
import {
  changesFor,
  expectPatched,
  expectReadBack,
  patchAndRead,
  WORK_EMAIL,
} from '../../helpers/steps/user-updates.ts'
import { defineFlow } from '../define-flow.ts'
import { defineChecks } from '../../helpers/model/check-info.ts'
import { CHURN } from '../../helpers/suite/consequences.ts'
import { entra, rfc7643, rfc7644 } from '../../helpers/model/refs.ts'

/** The claims this flow proves: each check with its level, the evidence for it, Entra's consequence and the fix. */
export const checks = defineChecks({
  'update-user-capitalised-paths/applies-capitalised-sub-attributes': {
    title:
      'A PATCH on name.FamilyName, emails[type eq "work"].Value or addresses[type eq "work"].Formatted is accepted and changes the attribute in its canonical case',
    severity: 'rfc',
    evidence: {
      says: 'Microsoft\'s attribute table spells some target paths with a capital (emails[type eq "other"].Value, addresses[type eq "other"].Formatted), but no capture shows the running service sending one; attribute names are case-insensitive (RFC 7643 §2.1).',
      sources: [rfc7643('2.1'), entra('tutorial')],
    },
    refs: [rfc7643('2.1'), rfc7644('3.5.2.3')],
    why: 'An app whose mapping table holds the capitalised name would make Entra send it.',
    entra: CHURN,
    fix: 'Match attribute and sub-attribute names without case in PATCH paths and keys, and store the value under the name your /Schemas declares.',
  },
})

/** Each mapped path Entra's tables spell with a capital, and that spelling. */
const CAPITALISED: Record<string, string> = {
  'name.familyName': 'name.FamilyName',
  [WORK_EMAIL]: 'emails[type eq "work"].Value',
  'addresses[type eq "work"].streetAddress': 'addresses[type eq "work"].StreetAddress',
  'addresses[type eq "work"].formatted': 'addresses[type eq "work"].Formatted',
}

export default defineFlow(checks, {
  id: 'update-user-capitalised-paths',
  title: 'Update User [Capitalised sub-attribute names]',
  writes: true,
  async run(ctx) {
    const created = await createUser(ctx)
    const id = requireUserId(ctx, created)
    const changes = changesFor(ctx.profile, Object.keys(CAPITALISED), ctx.data.person(), created.person)
    ctx.require(changes.length > 0, `profile '${ctx.profile.name}' maps none of ${Object.keys(CAPITALISED).join(', ')}`)
    const updated = await patchAndRead(
      ctx,
      id,
      userUpdate(
        ctx.dialect,
        changes.map((c) => ({ ...c, path: CAPITALISED[c.path]! })),
      ),
    )

    await ctx.check('update-user-capitalised-paths/applies-capitalised-sub-attributes', () => {
      expectPatched(updated)
      for (const c of changes) expectReadBack(updated, c.path, c.value)
    })
  },
})
