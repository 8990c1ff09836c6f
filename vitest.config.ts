import { availableParallelism } from 'node:os'
import { defineConfig } from 'vitest/config'

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    globalSetup: ['./test/global-setup.ts'],
    // A CLI self-test runs the whole suite in a child process; on a busy two-core machine that can take a minute.
    testTimeout: 180_000,
    hookTimeout: 60_000,
    // Self-tests spawn the CLI; more than a few at once only fights over the two cores.
    maxConcurrency: 4,
    // vitest's default on two cores is one worker, which idles while the CLI it started works: three keep both
    // cores busy (the in-process fault self-test holds one of them). Larger machines keep vitest's default.
    maxWorkers: Math.max(3, availableParallelism() - 1),
    reporters: ['default', ['junit', { outputFile: 'reports/project-tests/junit.xml' }], './test/summary-reporter.ts'],
  },
})
