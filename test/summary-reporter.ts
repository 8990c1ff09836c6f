// Ends the test output with one plain line, "tests: N passed, N failed, N skipped", that any CI can read; a test
// skipped with a note (a missing browser) says why on that line too, not only somewhere above.
import type { Reporter, TestModule } from 'vitest/node'

export default class SummaryReporter implements Reporter {
  onTestRunEnd(modules: readonly TestModule[]): void {
    const counts = { passed: 0, failed: 0, skipped: 0 }
    const notes = new Map<string, number>()
    // A failed beforeAll leaves its tests "skipped": the error itself is what failed.
    let errors = 0
    for (const mod of modules) {
      errors += mod.errors().length
      for (const suite of mod.children.allSuites()) errors += suite.errors().length
      for (const test of mod.children.allTests()) {
        const result = test.result()
        if (result.state === 'passed') counts.passed++
        else if (result.state === 'failed') counts.failed++
        else {
          counts.skipped++
          if (result.state === 'skipped' && result.note) notes.set(result.note, (notes.get(result.note) ?? 0) + 1)
        }
      }
    }
    const why = [...notes].map(([note, n]) => `${n} skipped: ${note}`).join('; ')
    const outside = errors ? `, ${errors} error${errors === 1 ? '' : 's'} outside tests` : ''
    process.stdout.write(
      `\ntests: ${counts.passed} passed, ${counts.failed} failed${outside}, ${counts.skipped} skipped${why ? ` (${why})` : ''}\n`,
    )
  }
}
