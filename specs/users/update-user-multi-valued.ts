// Entra "Update User [Multi-valued properties]": one PATCH changing value paths, a nested name part and
// enterprise attributes, for a user who has no mobile number yet (so the add on its value path must create it).
// https://learn.microsoft.com/en-us/entra/identity/app-provisioning/use-scim-to-provision-users-and-groups#update-user-multi-valued-properties
import { createUser, requireUserId } from '../../helpers/steps/requests.ts'
import { CheckSkipped } from '../../helpers/suite/expect-scim.ts'
import { defineFlow, type ClaimedId } from '../define-flow.ts'
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
import { defineChecks } from '../../helpers/model/check-info.ts'
import { CHURN, UPDATE_REJECTED } from '../../helpers/suite/consequences.ts'
import { entra, rfc7643, rfc7644 } from '../../helpers/model/refs.ts'
import { PATCH_STATUS_FIX, READ_BACK_WHY } from './shared-claims.ts'

/** The claims this flow proves: each check with its level, the evidence for it, Entra's consequence and the fix. */
export const checks = defineChecks({
  'update-user-multi-valued/responds-200-or-204': {
    title: 'PATCH of multi-valued and nested attributes, as the dialect sends it, answers 200 or 204',
    severity: 'entra',
    evidence: {
      says: "Microsoft's examples show Entra's multi-valued PATCH in both dialects; a refusal fails the update every cycle.",
      sources: [entra('tutorial', 'update-user-multi-valued-properties'), entra('compatibility')],
    },
    refs: [rfc7644('3.5.2'), entra('tutorial', 'update-user-multi-valued-properties'), entra('compatibility')],
    entra: UPDATE_REJECTED,
    fix: PATCH_STATUS_FIX,
  },
  'update-user-multi-valued/replaces-work-email': {
    title: 'A replace on emails[type eq "work"].value changes the work email in place',
    severity: 'entra',
    evidence: {
      says: 'Entra replaces emails[type eq "work"].value (Microsoft\'s example); a second work email instead is wrong data.',
      sources: [entra('tutorial', 'update-user-multi-valued-properties'), entra('compatibility')],
    },
    refs: [rfc7644('3.5.2.3'), rfc7644('3.5.2'), entra('tutorial', 'update-user-multi-valued-properties')],
    why: READ_BACK_WHY,
    entra: CHURN,
    fix: 'Resolve the value filter to the existing work email and replace its value; do not append a second work email.',
  },
  'update-user-multi-valued/replaces-family-name': {
    title: 'A replace on name.familyName (a path, or a dotted key of a path-less replace) changes only the family name',
    severity: 'entra',
    evidence: {
      says: "Entra sends name.familyName as a path and, with aadOptscim062020, as a dotted key of a path-less replace (Microsoft's example bodies).",
      sources: [entra('compatibility'), entra('tutorial', 'update-user-multi-valued-properties')],
    },
    refs: [rfc7644('3.5.2.3'), entra('compatibility')],
    why: 'With aadOptscim062020 Entra folds name.familyName into a path-less replace as a dotted key, which several SCIM libraries ignore.',
    entra: CHURN,
    fix: 'Treat a dotted key of a path-less replace value ("name.familyName") as the path of that sub-attribute.',
  },
  'update-user-multi-valued/adds-missing-mobile-phone': {
    title: 'An add on phoneNumbers[type eq "mobile"].value creates the mobile number when the user has none',
    severity: 'entra',
    evidence: {
      says: 'Entra sends Add for an attribute that had no value (Microsoft\'s example), and maps mobile to phoneNumbers[type eq "mobile"].value.',
      sources: [entra('compatibility'), entra('tutorial', 'update-user-multi-valued-properties')],
    },
    refs: [rfc7644('3.5.2.1'), entra('compatibility'), entra('scim-validator')],
    why: "Entra sends Add for an attribute that had no value; RFC 7644 §3.5.2.1: a target location that does not exist is added. (A replace that matches nothing may answer 400 noTarget, §3.5.2.3, so Entra's Add is what is checked.)",
    entra: CHURN,
    fix: 'On an add whose value filter matches no element, add an element with that type and value.',
  },
  'update-user-multi-valued/replaces-work-locality': {
    title: 'A replace on addresses[type eq "work"].locality changes the work address in place',
    severity: 'entra',
    evidence: {
      says: 'Entra maps city to addresses[type eq "work"].locality and replaces it by value path; a value that does not stick is wrong data.',
      sources: [entra('tutorial', 'update-user-multi-valued-properties'), entra('attribute-mappings')],
    },
    refs: [rfc7644('3.5.2.3'), entra('tutorial', 'update-user-multi-valued-properties')],
    why: READ_BACK_WHY,
    entra: CHURN,
    fix: 'Resolve the value filter to the existing work address and replace only its locality.',
  },
  'update-user-multi-valued/replaces-employee-number': {
    title: 'A replace on the enterprise employeeNumber (URN path or URN key) changes it',
    severity: 'entra',
    evidence: {
      says: "Microsoft's example PATCH replaces the enterprise employeeNumber by URN path, and by URN key in the path-less form.",
      sources: [entra('compatibility')],
    },
    refs: [rfc7644('3.5.2.3'), rfc7643('4.3'), entra('compatibility')],
    why: READ_BACK_WHY,
    entra: CHURN,
    fix: 'Accept urn:ietf:params:scim:schemas:extension:enterprise:2.0:User:employeeNumber as a path and as a path-less key.',
  },
  'update-user-multi-valued/replaces-department': {
    title: 'A replace on the enterprise department (URN path or URN key) changes it',
    severity: 'entra',
    evidence: {
      says: 'Entra maps department to the enterprise extension and sends it like employeeNumber (URN path or URN key).',
      sources: [entra('compatibility'), entra('attribute-mappings')],
    },
    refs: [rfc7644('3.5.2.3'), rfc7643('4.3'), entra('compatibility')],
    why: READ_BACK_WHY,
    entra: CHURN,
    fix: 'Accept urn:ietf:params:scim:schemas:extension:enterprise:2.0:User:department as a path and as a path-less key.',
  },
})

const PATHS = [WORK_EMAIL, 'name.familyName', MOBILE_PHONE, WORK_LOCALITY, EMPLOYEE_NUMBER, DEPARTMENT]

/** The check that judges each attribute of the PATCH. */
const CHECK_OF: Record<string, ClaimedId<typeof checks>> = {
  [WORK_EMAIL]: 'update-user-multi-valued/replaces-work-email',
  'name.familyName': 'update-user-multi-valued/replaces-family-name',
  [MOBILE_PHONE]: 'update-user-multi-valued/adds-missing-mobile-phone',
  [WORK_LOCALITY]: 'update-user-multi-valued/replaces-work-locality',
  [EMPLOYEE_NUMBER]: 'update-user-multi-valued/replaces-employee-number',
  [DEPARTMENT]: 'update-user-multi-valued/replaces-department',
}

export default defineFlow(checks, {
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
