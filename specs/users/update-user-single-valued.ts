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

export default defineFlow({
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
