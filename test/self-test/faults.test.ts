// Every fault of the reference endpoint makes exactly the checks it declares fail: the proof that each check can fail.
import { describe, expect, test } from 'vitest'
import { faults } from '../../server/faults/index.ts'
import { idsWith, runSuiteCli } from './run-cli.ts'

describe.concurrent('each fault breaks exactly its declared checks', () => {
  test.each(faults.map((f) => [f.id, f] as const))('%s', async (_id, fault) => {
    const run = await runSuiteCli(['--strict', '--seed', '7', '--fault', fault.id])
    expect(idsWith(run.report, 'failed')).toEqual([...new Set(fault.breaks)].sort())
    expect(run.code).toBe(1)
    // A dialect-specific defect (e.g. case-sensitive ops) fails checks only in the dialects it names.
    if (fault.dialects) {
      const outside = run.report.checks.filter((c) => c.outcome === 'failed' && !fault.dialects!.includes(c.dialect as never))
      expect(outside.map((c) => `${c.id} [${c.dialect ?? 'no dialect'}]`)).toEqual([])
    }
  })
})
