import { describe, expect, it } from 'vitest'
import type { CheckResult } from '../../helpers/result/model.ts'
import { computeVerdict, countOutcomes } from '../../helpers/result/verdict.ts'
import { CHECKS, cleanRun } from './fixtures.ts'

const only = (outcomes: CheckResult['outcome'][]): CheckResult[] => CHECKS.slice(0, outcomes.length).map((c, i) => ({ ...c, outcome: outcomes[i]! }))

describe('computeVerdict', () => {
  it('names the worst cause of the run', () => {
    const v = computeVerdict(CHECKS, { groupsTested: true })
    expect(v.kind).toBe('fails')
    expect(v.headline).toBe('Entra provisioning will fail: Create User: Returns the new user with a server-assigned id')
  })

  it('says "with warnings" when required checks pass and a recommended one warned', () => {
    const v = computeVerdict(only(['passed', 'passed', 'passed', 'passed', 'warned']), { groupsTested: true })
    expect(v).toMatchObject({ kind: 'warnings', headline: 'Works with Entra, with warnings' })
  })

  it('is "Ready for Entra" only when nothing failed or warned', () => {
    expect(computeVerdict(cleanRun().checks, { groupsTested: true }).headline).toBe('Ready for Entra')
  })

  it('does not call a run with a waived failure ready, nor failing', () => {
    const v = computeVerdict(only(['passed', 'waived']), { groupsTested: true })
    expect(v.kind).toBe('warnings')
  })

  it('meets gallery requirements with groups, schema discovery and 25 req/s', () => {
    const g = computeVerdict(cleanRun().checks, { groupsTested: true, rate: { measured: 31.4, required: 25 } }).gallery
    expect(g.met).toBe(true)
    expect(g.text).toBe('Gallery onboarding requirements met: groups, schema discovery, 31.4 req/s (≥ 25 required)')
  })

  it('names every missing gallery requirement', () => {
    const g = computeVerdict(CHECKS, { groupsTested: true, rate: { measured: 12, required: 25 } }).gallery
    expect(g.met).toBe(false)
    expect(g.text).toBe('Gallery onboarding requirements not met: group flows failing; schema discovery not tested; 12 req/s, below the 25 req/s required')
  })

  it('counts groups as untested in a user-only run, and says when the rate was not measured', () => {
    const g = computeVerdict(cleanRun().checks, { groupsTested: false }).gallery
    expect(g).toEqual({ met: false, text: 'Gallery onboarding requirements not met: groups not tested; rate not measured' })
  })
})

describe('countOutcomes', () => {
  it('counts each outcome', () => {
    expect(countOutcomes(CHECKS)).toEqual({ passed: 5, failed: 3, warned: 2, skipped: 1, blocked: 0, waived: 1 })
  })
})

describe('gallery line and authentication', () => {
  it('a secret-token run cannot meet the gallery requirements; a clean OAuth run can', () => {
    expect(computeVerdict(cleanRun().checks, { groupsTested: true, oauthTested: false }).gallery.text).toMatch(/OAuth client credentials not tested/)
    const g = computeVerdict(cleanRun().checks, { groupsTested: true, oauthTested: true }).gallery
    expect(g.text).toMatch(/met: .*OAuth client credentials/)
  })
})
