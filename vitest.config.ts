import { availableParallelism } from 'node:os'
import { defineConfig } from 'vitest/config'
import LongPolesFirst from './test/sequencer.ts'

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    globalSetup: ['./test/global-setup.ts'],
    // A CLI self-test runs the whole suite in a child process; on a busy two-core machine that can take a minute.
    testTimeout: 180_000,
    hookTimeout: 60_000,
    // Self-tests spawn the CLI; more than a few at once only fights over the two cores.
    maxConcurrency: 4,
    // vitest's default on two cores is one worker, which idles while the CLI it started works: two keep both cores
    // busy with the CLI processes they start. A third paid its own import of the sources (about 10 s of CPU) and
    // contended for the same cores: measured on two cores, three workers 175 s (309 s of CPU), two 162 s (272 s).
    // Larger machines keep vitest's default.
    maxWorkers: Math.max(2, availableParallelism() - 1),
    // A worker runs its files one after another in one module graph instead of a fresh process each: about 0.5 s of
    // CPU saved per file (80 files), and the specs, catalog and helpers are loaded once per worker. Safe because no test
    // mocks a module, stubs a global or changes process.env (global-setup sets TMPDIR before any worker starts), and the
    // product's module-level state is caches and counters that no test reads absolutely.
    isolate: false,
    // The longest files first (test/sequencer.ts), so that a clean clone does not end on the fault self-tests.
    sequence: { sequencer: LongPolesFirst },
    reporters: ['default', ['junit', { outputFile: 'reports/project-tests/junit.xml' }], './test/summary-reporter.ts'],
  },
})
