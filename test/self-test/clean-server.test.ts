// The clean reference endpoint passes every check, with no warning, and every catalog id runs.
import { describe, expect, test } from 'vitest'
import { catalog } from '../../specs/catalog.ts'
import { idsWith, runSuiteCli } from './run-cli.ts'

describe('the clean reference endpoint', () => {
  test('passes every check in both dialects, and every catalog id executes', async () => {
    // The full suite, 1,000-member group included, on a shared machine: a generous limit, not a timed assertion.
    const run = await runSuiteCli(['--strict', '--seed', '7'], {}, { timeoutMs: 180_000 })
    expect(run.stderr).toBe('')
    expect(idsWith(run.report, 'failed')).toEqual([])
    expect(idsWith(run.report, 'warned')).toEqual([])
    expect(idsWith(run.report, 'skipped')).toEqual([])
    expect(idsWith(run.report, 'passed')).toEqual(Object.keys(catalog).sort())
    expect(run.report.leftovers).toEqual([])
    expect(run.code).toBe(0)
  }, 180_000)
})
