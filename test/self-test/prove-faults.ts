// Every fault of the reference endpoint makes exactly the checks it declares fail: the proof that each check can
// fail. The suite runs in this process against an endpoint started with the fault, with the CLI's flags. The
// faults are dealt over two test files so that vitest runs the halves on both cores.
import { describe, expect, test } from 'vitest'
import { faults } from '../../server/faults/index.ts'
import { OAUTH_ARGS } from './run-cli.ts'
import { checkIdsWith, runInProcess } from './run-in-process.ts'
import { predictValidation } from '../../helpers/validation/predict.ts'
import { ENTRA_DEFAULT, FLIPS, flipped } from '../validation/flips.ts'

/** Defines the tests for every `parts`-th fault, starting at `part`. */
export function proveFaults(part: number, parts: number): void {
  const mine = faults.filter((_, i) => i % parts === part)
  describe('each fault breaks exactly its declared checks', () => {
    test.each(mine.map((f) => [f.id, f] as const))('%s', async (_id, fault) => {
      // Token-endpoint faults need a run that authenticates with client credentials, as a gallery app's would.
      const mode = [...(fault.mode === 'oauth' ? OAUTH_ARGS : []), ...(fault.profile ? ['--profile', fault.profile] : [])]
      // 200 members (two batches) prove the large-group checks as well as 1,000 do; the clean CLI run builds all 1,000.
      const run = await runInProcess(['--strict', '--seed', '7', '--large-group', '200', ...mode], { faults: [fault] })
      expect(run.crash).toBeUndefined()
      expect(checkIdsWith(run.checks, 'failed')).toEqual([...new Set(fault.breaks)].sort())
      expect(run.leftovers).toEqual([])
      // A Gallery-level fault flips exactly the Microsoft validation tests the prediction's table names (test/validation/flips.ts).
      const row = FLIPS[fault.id]
      if (row) {
        const [la, sv] = predictValidation(run.checks, ENTRA_DEFAULT).tools
        expect({ la: flipped(la!.tests), sv: flipped(sv!.tests) }).toEqual(row)
      }
      // A dialect-specific defect (e.g. case-sensitive ops) fails checks only in the dialects it names.
      if (fault.dialects) {
        // Flows that run once (no dialect label) send the run's first dialect: legacy, when both run.
        const outside = run.checks.filter((c) => c.outcome === 'failed' && c.dialect !== undefined && !fault.dialects!.includes(c.dialect))
        expect(outside.map((c) => `${c.id} [${c.dialect ?? 'no dialect'}]`)).toEqual([])
      }
    })
  })
}
