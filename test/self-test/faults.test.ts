// Every fault of the reference endpoint makes exactly the checks it declares fail: the proof that each check can fail.
import { describe, expect, test } from 'vitest'
import { faults } from '../../server/faults/index.ts'
import { idsWith, OAUTH_ARGS, runSuiteCli } from './run-cli.ts'

// A whole suite run per fault, four at a time on a shared two-core machine: a generous limit, not a timed assertion.
const RUN_LIMIT_MS = 180_000

describe.concurrent('each fault breaks exactly its declared checks', () => {
  test.each(faults.map((f) => [f.id, f] as const))('%s', async (_id, fault) => {
    // Token-endpoint faults need a run that authenticates with client credentials, as a gallery app's would.
    const mode = [...(fault.mode === 'oauth' ? OAUTH_ARGS : []), ...(fault.profile ? ['--profile', fault.profile] : [])]
    // 200 members (two batches) prove the large-group checks as well as 1,000 do; the clean run builds all 1,000.
    const run = await runSuiteCli(['--strict', '--seed', '7', '--large-group', '200', '--fault', fault.id, ...mode], {}, { timeoutMs: RUN_LIMIT_MS })
    expect(idsWith(run.report, 'failed')).toEqual([...new Set(fault.breaks)].sort())
    expect(run.code).toBe(1)
    // A dialect-specific defect (e.g. case-sensitive ops) fails checks only in the dialects it names.
    if (fault.dialects) {
      // Flows that run once (no dialect label) send the run's first dialect: legacy, when both run.
      const outside = run.report.checks.filter((c) => c.outcome === 'failed' && c.dialect !== undefined && !fault.dialects!.includes(c.dialect))
      expect(outside.map((c) => `${c.id} [${c.dialect ?? 'no dialect'}]`)).toEqual([])
    }
  }, RUN_LIMIT_MS)
})
