// Entra "Update User [Multi-valued properties]": one PATCH changing value paths, a nested name part and
// enterprise attributes, for a user who has no mobile number yet (so the add on its value path must create it).
// https://learn.microsoft.com/en-us/entra/identity/app-provisioning/use-scim-to-provision-users-and-groups#update-user-multi-valued-properties
import { createUser, requireUserId } from '../../helpers/steps/requests.ts'
import { CheckSkipped } from '../../helpers/suite/expect-scim.ts'
import { defineFlow } from '../define-flow.ts'
import { userUpdate } from '../../helpers/entra/patch-ops.ts'
import {
  changesFor,
  DEPARTMENT,
  EMPLOYEE_NUMBER,
  expectPatched,
  MOBILE_PHONE,
  patchAndRead,
  requireMapped,
  WORK_EMAIL,
  WORK_LOCALITY,
} from '../../helpers/steps/user-updates.ts'
import { blockIfPinned, isolateIfNeeded, judgeChange } from '../../helpers/steps/isolate.ts'
import type { ChecksOf } from '../define-flow.ts'

const PATHS = [WORK_EMAIL, 'name.familyName', MOBILE_PHONE, WORK_LOCALITY, EMPLOYEE_NUMBER, DEPARTMENT]

/** The check that judges each attribute of the PATCH. */
const CHECK_OF: Record<string, ChecksOf<'update-user-multi-valued'>> = {
  [WORK_EMAIL]: 'update-user-multi-valued/replaces-work-email',
  'name.familyName': 'update-user-multi-valued/replaces-family-name',
  [MOBILE_PHONE]: 'update-user-multi-valued/adds-missing-mobile-phone',
  [WORK_LOCALITY]: 'update-user-multi-valued/replaces-work-locality',
  [EMPLOYEE_NUMBER]: 'update-user-multi-valued/replaces-employee-number',
  [DEPARTMENT]: 'update-user-multi-valued/replaces-department',
}

export default defineFlow({
  id: 'update-user-multi-valued',
  title: 'Update User [Multi-valued properties]',
  perDialect: true,
  writes: true,
  async run(ctx) {
    // Entra leaves out attributes whose source value is empty: this user starts without a mobile number.
    const created = await createUser(ctx, ctx.data.person(), [MOBILE_PHONE])
    const id = requireUserId(ctx, created)
    // Entra sends Add for an attribute that had no value before (Microsoft's SCIM compliance article (aadOptscim062020), (b)), Replace for the others.
    const changes = changesFor(ctx.profile, PATHS, ctx.data.person(), created.person).map((c) =>
      c.path === MOBILE_PHONE ? { ...c, op: 'add' as const } : c,
    )
    const updated = changes.length ? await patchAndRead(ctx, id, userUpdate(ctx.dialect, changes)) : undefined
    const isolation = updated ? await isolateIfNeeded(ctx, updated, changes, created, [MOBILE_PHONE]) : undefined

    await ctx.check('update-user-multi-valued/responds-200-or-204', () => {
      if (!updated) throw new CheckSkipped(`profile '${ctx.profile.name}' maps none of ${PATHS.join(', ')}`)
      blockIfPinned(updated, isolation, (c) => CHECK_OF[c.path]!)
      expectPatched(updated)
    })
    for (const path of PATHS) {
      await ctx.check(CHECK_OF[path]!, () => {
        requireMapped(ctx.profile, path)
        return judgeChange(
          updated!,
          changes.find((c) => c.path === path)!,
          isolation,
        )
      })
    }
  },
})
