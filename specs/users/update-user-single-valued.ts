// Entra "Update User [Single-valued properties]": a userName rename, then displayName and title in one PATCH,
// shaped per dialect (legacy: a "Replace" per attribute; aadOptscim062020: one path-less replace).
// https://learn.microsoft.com/en-us/entra/identity/app-provisioning/use-scim-to-provision-users-and-groups#update-user-single-valued-properties
import { createUser, requireUserId } from '../../helpers/steps/requests.ts'
import { CheckSkipped } from '../../helpers/suite/expect-scim.ts'
import { defineFlow } from '../define-flow.ts'
import { userUpdate } from '../../helpers/entra/patch-ops.ts'
import {
  changesFor,
  expectPatched,
  expectReadBack,
  patchAndRead,
  requireMapped,
} from '../../helpers/steps/user-updates.ts'
import { blockIfPinned, isolateIfNeeded, judgeChange } from '../../helpers/steps/isolate.ts'
import { defineChecks } from '../../helpers/model/check-info.ts'
import { CHURN, UPDATE_REJECTED } from '../../helpers/suite/consequences.ts'
import { CAPTURES, entra, rfc7644 } from '../../helpers/model/refs.ts'
import { PATCH_STATUS_FIX, READ_BACK_WHY } from './shared-claims.ts'

/** The claims this flow proves: each check with its level, the evidence for it, Entra's consequence and the fix. */
export const checks = defineChecks({
  'update-user-single-valued/responds-200-or-204': {
    title: 'PATCH of single-valued attributes, as the dialect sends it, answers 200 or 204',
    severity: 'entra',
    evidence: {
      says: 'Entra sends attribute changes as this PATCH in each dialect; a refusal fails the update every cycle.',
      sources: [entra('tutorial', 'update-user-single-valued-properties'), entra('compatibility')],
    },
    refs: [rfc7644('3.5.2'), entra('tutorial', 'update-user-single-valued-properties'), entra('compatibility')],
    entra: UPDATE_REJECTED,
    fix: PATCH_STATUS_FIX,
  },
  'update-user-single-valued/renames-username': {
    title: 'After a PATCH replacing userName, GET shows the new userName',
    severity: 'entra',
    evidence: {
      says: "Microsoft's tutorial shows Entra replacing userName by PATCH; a rename that does not stick leaves the old name.",
      sources: [entra('tutorial', 'update-user-single-valued-properties')],
    },
    refs: [rfc7644('3.5.2.3'), entra('tutorial', 'update-user-single-valued-properties')],
    why: 'A UPN change in Entra renames the user; the old name must not stick.',
    entra: CHURN,
    fix: 'Let userName be replaced by PATCH (it is readWrite in RFC 7643 §4.1.1), keeping it unique.',
  },
  'update-user-single-valued/updates-display-name': {
    title: 'After a PATCH replacing displayName, GET shows exactly the value sent',
    severity: 'entra',
    evidence: {
      says: "Entra's legacy PATCH replaces displayName (Microsoft's example body); a value that does not stick is wrong data, re-sent every cycle.",
      sources: [entra('compatibility'), CAPTURES.cycle],
    },
    refs: [rfc7644('3.5.2.3'), entra('tutorial', 'update-user-single-valued-properties')],
    why: READ_BACK_WHY,
    entra: CHURN,
    fix: 'Apply "replace" on displayName, with a path or as a key of a path-less value object.',
  },
  'update-user-single-valued/updates-title': {
    title: 'After a PATCH replacing title, GET shows exactly the value sent',
    severity: 'entra',
    evidence: {
      says: "title is in Microsoft's attribute mapping (jobTitle → title), sent as a replace; a value that does not stick is wrong data.",
      sources: [entra('tutorial', 'update-user-single-valued-properties'), CAPTURES.cycle],
    },
    refs: [rfc7644('3.5.2.3'), entra('tutorial', 'update-user-single-valued-properties')],
    why: READ_BACK_WHY,
    entra: CHURN,
    fix: 'Apply "replace" on title, with a path or as a key of a path-less value object.',
  },
})

export default defineFlow(checks, {
  id: 'update-user-single-valued',
  title: 'Update User [Single-valued properties]',
  perDialect: true,
  writes: true,
  async run(ctx) {
    const created = await createUser(ctx)
    const id = requireUserId(ctx, created)
    const fresh = ctx.data.person()
    const rename = changesFor(ctx.profile, ['userName'], fresh, created.person)
    const others = changesFor(ctx.profile, ['displayName', 'title'], fresh, created.person)
    const renamed = rename.length ? await patchAndRead(ctx, id, userUpdate(ctx.dialect, rename)) : undefined
    const updated = others.length ? await patchAndRead(ctx, id, userUpdate(ctx.dialect, others)) : undefined
    // displayName and title travel in one PATCH: a refusal of one is pinned on it by sending each alone.
    const isolation = updated ? await isolateIfNeeded(ctx, updated, others, created) : undefined

    await ctx.check('update-user-single-valued/responds-200-or-204', () => {
      if (!renamed && !updated)
        throw new CheckSkipped(`profile '${ctx.profile.name}' maps none of userName, displayName, title`)
      expectPatched(renamed)
      if (updated)
        blockIfPinned(
          updated,
          isolation,
          (c) => `update-user-single-valued/updates-${c.path === 'title' ? 'title' : 'display-name'}`,
        )
      expectPatched(updated)
    })
    await ctx.check('update-user-single-valued/renames-username', () => {
      requireMapped(ctx.profile, 'userName')
      expectReadBack(renamed!, 'userName', rename[0]!.value)
    })
    const readBack = (path: string) => () => {
      requireMapped(ctx.profile, path)
      return judgeChange(
        updated!,
        others.find((c) => c.path === path)!,
        isolation,
      )
    }
    await ctx.check('update-user-single-valued/updates-display-name', readBack('displayName'))
    await ctx.check('update-user-single-valued/updates-title', readBack('title'))
  },
})
