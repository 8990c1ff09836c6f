// Run-to-run comparison for --baseline and --fail-on-new: checks are matched by id and dialect.
import type { CheckResult, Outcome, RunResult } from '../model/result.ts'
import { checkKey } from '../model/check-keys.ts'

/** New failures and fixed checks by key (`id` or `id [dialect]`); every other outcome change as `key: before → after`. */
export function diffRuns(current: RunResult, baseline: RunResult): NonNullable<RunResult['diff']> {
  const before = new Map<string, Outcome>(baseline.checks.map((c: CheckResult) => [checkKey(c), c.outcome]))
  const seen = new Set<string>()
  const newFailures: string[] = []
  const fixed: string[] = []
  const changed: string[] = []

  for (const c of current.checks) {
    const key = checkKey(c)
    seen.add(key)
    const was = before.get(key)
    if (c.outcome === 'failed' && was !== 'failed') newFailures.push(key)
    else if (c.outcome === 'passed' && (was === 'failed' || was === 'warned' || was === 'waived')) fixed.push(key)
    else if (was !== undefined && was !== c.outcome) changed.push(`${key}: ${was} → ${c.outcome}`)
    else if (was === undefined) changed.push(`${key}: new check, ${c.outcome}`)
  }
  for (const c of baseline.checks) {
    const key = checkKey(c)
    if (!seen.has(key)) changed.push(`${key}: ${c.outcome} → not run`)
  }
  return { baseline: baseline.run.runId, newFailures, fixed, changed }
}
