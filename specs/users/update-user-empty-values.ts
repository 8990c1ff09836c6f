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

const CANDIDATES = ['displayName', 'title', 'name.familyName', WORK_EMAIL, EMPLOYEE_NUMBER, DEPARTMENT]

export default defineFlow({
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
