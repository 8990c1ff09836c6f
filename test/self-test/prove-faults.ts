// Every fault of the reference endpoint makes exactly the checks it declares fail: the proof that each check can
// fail. The suite runs in this process against an endpoint started with the fault, with the CLI's flags. The
// faults are dealt over two test files so that vitest runs the halves on both cores.
import { describe, expect, test } from 'vitest'
import { groupCauses } from '../../helpers/result/causes.ts'
import { faults } from '../../server/faults/index.ts'
import { OAUTH_ARGS } from './run-cli.ts'
import { checkIdsWith, runInProcess } from './run-in-process.ts'

/**
 * Faults that are one defect but still give more than one failure cause today, each with the reason. The suite
 * diagnoses an accepted write that is not applied (one factor at a time) and keys a refusal by what the server said;
 * what remains are defects whose symptoms different checks judge differently and no diagnosis ties together yet.
 */
const SEVERAL_CAUSES: Record<string, string> = {
}

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
      // One defect, one cause: however many checks, flows, dialects or attributes the fault breaks, the report leads
      // with one failure cause. The faults that still give several are listed with the reason; one that no longer
      // does must leave the list.
      const causes = groupCauses(run.checks, run.exchanges).filter((c) => c.level === 'failure')
      if (fault.id in SEVERAL_CAUSES) expect(causes.length, `${fault.id} gives one cause now: remove it from SEVERAL_CAUSES`).toBeGreaterThan(1)
      else expect(causes.map((c) => `${c.key} (${c.checks.map((x) => x.id).join(', ')})`)).toHaveLength(1)
      // A dialect-specific defect (e.g. case-sensitive ops) fails checks only in the dialects it names.
      if (fault.dialects) {
        // Flows that run once (no dialect label) send the run's first dialect: legacy, when both run.
        const outside = run.checks.filter((c) => c.outcome === 'failed' && c.dialect !== undefined && !fault.dialects!.includes(c.dialect))
        expect(outside.map((c) => `${c.id} [${c.dialect ?? 'no dialect'}]`)).toEqual([])
      }
    })
  })
}
