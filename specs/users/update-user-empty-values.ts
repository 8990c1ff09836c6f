// Microsoft's null-update test (Microsoft's SCIM validation Logic App test overview (AzureAD/SCIMReferenceCode), SCIM_Null_Update_Test): mapped attributes replaced with
// "" and, after a restore, with null; each time the attribute must read back gone or empty.
// https://learn.microsoft.com/en-us/entra/identity/app-provisioning/use-scim-to-provision-users-and-groups
import { createUser, requireUserId } from '../../helpers/steps/requests.ts'
import { CheckSkipped, requestLine } from '../../helpers/suite/expect-scim.ts'
import { defineFlow } from '../define-flow.ts'
import { userUpdate } from '../../helpers/entra/patch-ops.ts'
import { getAttribute, valueFor } from '../../helpers/entra/profile.ts'
import {
  DEPARTMENT,
  EMPLOYEE_NUMBER,
  expectCleared,
  expectPatched,
  patchAndRead,
  readBody,
  WORK_EMAIL,
} from '../../helpers/steps/user-updates.ts'
import { isMapped } from '../../helpers/entra/profile.ts'
import { defineChecks } from '../../helpers/model/check-info.ts'
import { CHURN, UPDATE_REJECTED } from '../../helpers/suite/consequences.ts'
import { clearAttributeValues, entra, msValidation, rfc7643, rfc7644 } from '../../helpers/model/refs.ts'

/** The claims this flow proves: each check with its level, the evidence for it, Entra's consequence and the fix. */
export const checks = defineChecks({
  'update-user-empty-values/responds-200-or-204': {
    title: 'PATCH that sets attributes to "" or null answers 200 or 204',
    severity: 'gallery',
    evidence: {
      says: 'Only Microsoft\'s validation Logic App sends "" and null (SCIM_Null_Update_Test); Entra skips null attributes, and clearing values is not supported for outbound provisioning.',
      sources: [msValidation('SCIM_Null_Update_Test'), clearAttributeValues, entra('attribute-mappings')],
    },
    refs: [rfc7644('3.5.2'), msValidation('SCIM_Null_Update_Test')],
    entra: UPDATE_REJECTED,
    fix: 'Accept "" and null as values of a replace and treat them as clearing the attribute.',
  },
  'update-user-empty-values/clears-with-empty-string': {
    title: 'After a replace with "", GET shows the attribute gone or empty',
    severity: 'gallery',
    evidence: {
      says: 'Only Microsoft\'s validation Logic App sends "" and null (SCIM_Null_Update_Test); Entra skips null attributes, and clearing values is not supported for outbound provisioning.',
      sources: [msValidation('SCIM_Null_Update_Test'), clearAttributeValues, entra('attribute-mappings')],
    },
    refs: [rfc7644('3.5.2.3'), msValidation('SCIM_Null_Update_Test')],
    why: 'Entra sends "" when the source attribute is cleared; keeping the old value makes Entra re-send it every cycle.',
    entra: CHURN,
    fix: 'Clear the attribute (or store "") on a replace with "".',
  },
  'update-user-empty-values/clears-with-null': {
    title: 'After a replace with null, GET shows the attribute gone or empty',
    severity: 'gallery',
    evidence: {
      says: 'Only Microsoft\'s validation Logic App sends "" and null (SCIM_Null_Update_Test); Entra skips null attributes, and clearing values is not supported for outbound provisioning.',
      sources: [msValidation('SCIM_Null_Update_Test'), clearAttributeValues, entra('attribute-mappings')],
    },
    refs: [rfc7644('3.5.2.3'), rfc7643('2.5'), msValidation('SCIM_Null_Update_Test')],
    why: 'RFC 7643 §2.5: null is equivalent to "unassigned".',
    entra: CHURN,
    fix: 'Treat null in a replace as unassigning the attribute.',
  },
})

const CANDIDATES = ['displayName', 'title', 'name.familyName', WORK_EMAIL, EMPLOYEE_NUMBER, DEPARTMENT]

export default defineFlow(checks, {
  id: 'update-user-empty-values',
  title: 'Update User [Empty and null values]',
  perDialect: true,
  writes: true,
  async run(ctx) {
    // The matching attribute is left alone: clearing it would unlink the user from Entra.
    const paths = CANDIDATES.filter((p) => isMapped(ctx.profile, p) && p !== ctx.matchingAttribute)
    ctx.require(paths.length > 0, `profile '${ctx.profile.name}' maps none of ${CANDIDATES.join(', ')}`)
    const created = await createUser(ctx)
    const id = requireUserId(ctx, created)
    const cleared = await patchAndRead(
      ctx,
      id,
      userUpdate(
        ctx.dialect,
        paths.map((path) => ({ path, value: '' })),
      ),
    )
    const restored = await patchAndRead(
      ctx,
      id,
      userUpdate(
        ctx.dialect,
        paths.map((path) => ({ path, value: valueFor(path, created.person, ctx.profile) })),
      ),
    )
    const nulled = await patchAndRead(
      ctx,
      id,
      userUpdate(
        ctx.dialect,
        paths.map((path) => ({ path, value: null })),
      ),
    )

    await ctx.check('update-user-empty-values/responds-200-or-204', () => expectPatched(cleared, restored, nulled))
    await ctx.check('update-user-empty-values/clears-with-empty-string', () => {
      for (const path of paths) expectCleared(cleared, path)
    })
    await ctx.check('update-user-empty-values/clears-with-null', () => {
      // Null can only be seen to clear values that were there: the restore must have brought them back.
      const back = readBody(restored)
      const missing = paths.filter((p) => getAttribute(back, p) !== valueFor(p, created.person, ctx.profile))
      if (missing.length)
        throw new CheckSkipped(
          `the values were not restored before the null update (${requestLine(restored.patch)}): ${missing.join(', ')}`,
        )
      for (const path of paths) expectCleared(nulled, path)
    })
  },
})
