import { defineConfig } from 'vitest/config'

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    globalSetup: ['./test/global-setup.ts'],
    // Each self-test runs the whole suite in a child process; on a shared two-core machine that can take a minute.
    testTimeout: 180_000,
    hookTimeout: 60_000,
    // Self-tests spawn the CLI; more than a few at once only fights over the two cores.
    maxConcurrency: 4,
    reporters: ['default', ['junit', { outputFile: 'reports/project-tests/junit.xml' }], './test/summary-reporter.ts'],
  },
})
