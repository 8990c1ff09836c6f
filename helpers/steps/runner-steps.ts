// The Entra request steps the runner (helpers/suite/run-suite.ts) uses but may not import: given to runSuite.
import type { RunnerSteps } from '../suite/flow.ts'
import { diagnoseFlow } from './differential.ts'
import { createGroup } from './groups.ts'
import { createUser } from './requests.ts'

export const RUNNER_STEPS: RunnerSteps = {
  diagnoseFlow,
  // The same request shape on a fresh run-prefixed user or group: the same PATCH body, or Entra's POST with new names.
  async resendOnFresh(ex, path, ctx) {
    const { method } = ex.request
    if (method === 'PATCH' && /^\/Users\/[^/?]+$/.test(path)) {
      const id = (await createUser(ctx)).id
      return id
        ? { again: await ctx.scim.patch(`/Users/${encodeURIComponent(id)}`, ex.request.body), resource: 'user' }
        : undefined
    }
    if (method === 'PATCH' && /^\/Groups\/[^/?]+$/.test(path)) {
      const id = (await createGroup(ctx)).id
      return id
        ? { again: await ctx.scim.patch(`/Groups/${encodeURIComponent(id)}`, ex.request.body), resource: 'group' }
        : undefined
    }
    if (method === 'POST' && path === '/Users') return { again: (await createUser(ctx)).exchange, resource: 'user' }
    if (method === 'POST' && path === '/Groups') return { again: (await createGroup(ctx)).exchange, resource: 'group' }
    return undefined
  },
}
