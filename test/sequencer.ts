// Starts the test files that take longest first, so that the last minute of a run is short files on both cores, not
// one long file on one. vitest orders by last run's durations when its cache has them; a clean clone (CI) has none,
// and then vitest runs larger files first, which put the fault self-tests (three lines each, the longest files of
// all) last. The list is ordered by time alone: a file missing from it only starts later, and nothing it proves changes.
import { BaseSequencer, type TestSpecification } from 'vitest/node'

/** The longest files, longest first (CPU time and waits on a two-core machine). */
export const LONG_POLES = [
  'test/self-test/faults.test.ts',
  'test/self-test/faults-2.test.ts',
  'test/package/example.test.ts',
  'test/self-test/clean-server.test.ts',
  'test/safety/interrupt.test.ts',
  'test/self-test/cli.test.ts',
  'test/self-test/lifecycle.test.ts',
  'test/self-test/reports.test.ts',
  'test/diagnose-cli/live-probes.test.ts',
  'test/self-test/severity.test.ts',
  'test/safety/hostile.test.ts',
  'test/self-test/server-errors.test.ts',
  'test/report/html-browser.test.ts',
  'test/validation/explain.test.ts',
  'test/validation/prediction.test.ts',
  'test/package/tarball.test.ts',
]

export default class LongPolesFirst extends BaseSequencer {
  override async sort(files: TestSpecification[]): Promise<TestSpecification[]> {
    const rank = (f: TestSpecification): number => {
      const i = LONG_POLES.findIndex((p) => f.moduleId.endsWith(`/${p}`))
      return i < 0 ? LONG_POLES.length : i
    }
    // Array.prototype.sort is stable: the other files keep vitest's own order.
    return (await super.sort(files)).sort((a, b) => rank(a) - rank(b))
  }
}
