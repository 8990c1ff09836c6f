// Entra "Update User [Multi-valued properties]": one PATCH changing value paths, a nested name part and
// enterprise attributes, for a user who has no mobile number yet (so the add on its value path must create it).
// https://learn.microsoft.com/en-us/entra/identity/app-provisioning/use-scim-to-provision-users-and-groups#update-user-multi-valued-properties
import { createUser, requireUserId } from '../../helpers/entra/requests.ts'
import { CheckSkipped } from '../../helpers/suite/expect-scim.ts'
import { defineFlow } from '../define-flow.ts'
import { userUpdate } from '../../helpers/entra/patch-ops.ts'
import {
  changesFor, DEPARTMENT, EMPLOYEE_NUMBER, expectPatched, expectReadBack, MOBILE_PHONE, patchAndRead, requireMapped, WORK_EMAIL, WORK_LOCALITY,
} from '../../helpers/entra/user-updates.ts'

const PATHS = [WORK_EMAIL, 'name.familyName', MOBILE_PHONE, WORK_LOCALITY, EMPLOYEE_NUMBER, DEPARTMENT]

export default defineFlow({
  id: 'update-user-multi-valued',
  title: 'Update User [Multi-valued properties]',
  perDialect: true,
  writes: true,
  async run(ctx) {
    // Entra leaves out attributes whose source value is empty: this user starts without a mobile number.
    const created = await createUser(ctx, ctx.data.person(), [MOBILE_PHONE])
    const id = requireUserId(ctx, created)
    // Entra sends Add for an attribute that had no value before (S2 (b)), Replace for the others.
    const changes = changesFor(ctx.profile, PATHS, ctx.data.person(), created.person).map((c) => (c.path === MOBILE_PHONE ? { ...c, op: 'add' as const } : c))
    const updated = changes.length ? await patchAndRead(ctx, id, userUpdate(ctx.dialect, changes)) : undefined

    await ctx.check('update-user-multi-valued/responds-200-or-204', () => {
      if (!updated) throw new CheckSkipped(`profile '${ctx.profile.name}' maps none of ${PATHS.join(', ')}`)
      expectPatched(updated)
    })
    const readBack = (path: string) => () => {
      requireMapped(ctx.profile, path)
      expectReadBack(updated!, path, changes.find((c) => c.path === path)!.value)
    }
    await ctx.check('update-user-multi-valued/replaces-work-email', readBack(WORK_EMAIL))
    await ctx.check('update-user-multi-valued/replaces-family-name', readBack('name.familyName'))
    await ctx.check('update-user-multi-valued/adds-missing-mobile-phone', readBack(MOBILE_PHONE))
    await ctx.check('update-user-multi-valued/replaces-work-locality', readBack(WORK_LOCALITY))
    await ctx.check('update-user-multi-valued/replaces-employee-number', readBack(EMPLOYEE_NUMBER))
    await ctx.check('update-user-multi-valued/replaces-department', readBack(DEPARTMENT))
  },
})
