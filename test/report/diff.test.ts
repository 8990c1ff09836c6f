import { describe, expect, it } from 'vitest'
import { diffRuns } from '../../helpers/result/diff.ts'
import type { CheckResult, Outcome } from '../../helpers/model/result.ts'
import { makeRun, mixedRun, CHECKS, EXCHANGES } from './fixtures.ts'

const withOutcomes = (changes: Record<string, Outcome>, drop: string[] = []): CheckResult[] =>
  CHECKS.filter((c) => !drop.includes(`${c.id}${c.dialect ? ` [${c.dialect}]` : ''}`)).map((c) => {
    const key = `${c.id}${c.dialect ? ` [${c.dialect}]` : ''}`
    return key in changes ? { ...c, outcome: changes[key]! } : { ...c }
  })

describe('diffRuns', () => {
  it('is empty for the same run', () => {
    expect(diffRuns(mixedRun(), mixedRun())).toEqual({
      baseline: '2026-05-05T09-14-02Z-4k2j',
      newFailures: [],
      fixed: [],
      changed: [],
    })
  })

  it('keys checks by id and dialect', () => {
    const baseline = makeRun(
      withOutcomes({ 'update-user/replace-single-valued [legacy]': 'passed', 'create-user/returns-id': 'passed' }),
      EXCHANGES,
      { runId: 'base' },
    )
    const d = diffRuns(mixedRun(), baseline)
    expect(d.baseline).toBe('base')
    expect(d.newFailures).toEqual(['create-user/returns-id', 'update-user/replace-single-valued [legacy]'])
    expect(d.fixed).toEqual([])
  })

  it('reports fixed checks and other outcome changes', () => {
    const current = makeRun(
      withOutcomes({
        'create-user/returns-id': 'passed',
        'create-user/query-zero-results': 'warned',
        'update-group-remove-members/read-back': 'passed',
      }),
      EXCHANGES,
    )
    const d = diffRuns(current, mixedRun())
    expect(d.fixed).toEqual(['create-user/returns-id'])
    expect(d.changed).toEqual([
      'create-user/query-zero-results: passed → warned',
      'update-group-remove-members/read-back: skipped → passed',
    ])
    expect(d.newFailures).toEqual([])
  })

  it('mentions checks that appeared or disappeared', () => {
    const current = makeRun(withOutcomes({}, ['update-user/returns-resource [aadOptscim062020]']), EXCHANGES)
    const baseline = makeRun(withOutcomes({}, ['create-user/content-type-scim-json']), EXCHANGES)
    expect(diffRuns(current, baseline).changed).toEqual([
      'create-user/content-type-scim-json: new check, warned',
      'update-user/returns-resource [aadOptscim062020]: passed → not run',
    ])
  })
})
