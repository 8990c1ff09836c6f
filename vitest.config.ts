import { defineConfig } from 'vitest/config'

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    testTimeout: 60_000,
    hookTimeout: 60_000,
    // Self-tests spawn the CLI; more than a few at once only fights over the two cores.
    maxConcurrency: 4,
    reporters: ['default', ['junit', { outputFile: 'reports/project-tests/junit.xml' }], './test/summary-reporter.ts'],
  },
})
