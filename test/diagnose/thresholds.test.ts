import { describe, expect, test } from 'vitest'
import { assessQuarantineThresholds } from '../../helpers/diagnose/index.ts'

describe('quarantine thresholds (the worked examples Microsoft gives)', () => {
  test('4,000 failures: no evaluation', () => {
    const a = assessQuarantineThresholds({ failures: 4_000, referenceFailures: 0, successes: 0 })
    expect(a).toMatchObject({ evaluated: false, wouldQuarantine: false, exceeded: [] })
    expect(a.sentence).toMatch(/under the 5,000/)
  })

  test('45,000 failures: quarantine', () => {
    const a = assessQuarantineThresholds({ failures: 45_000, referenceFailures: 0, successes: 200_000 })
    expect(a.wouldQuarantine).toBe(true)
    expect(a.exceeded).toEqual(['non-reference-count'])
    expect(a.likelyReason).toBe('EncounteredBaseEscrowThreshold')
  })

  test('30,000 failed and 5,000 succeeded: quarantine on the proportion', () => {
    const a = assessQuarantineThresholds({ failures: 30_000, referenceFailures: 0, successes: 5_000 })
    expect(a.wouldQuarantine).toBe(true)
    expect(a.exceeded).toEqual(['proportion'])
    expect(a.nonReferenceShare).toBeCloseTo(30_000 / 35_000)
    expect(a.likelyReason).toBe('EncounteredEscrowProportionThreshold')
  })

  test('20,000 failed and 100,000 succeeded: no quarantine', () => {
    const a = assessQuarantineThresholds({ failures: 20_000, referenceFailures: 0, successes: 100_000 })
    expect(a).toMatchObject({ evaluated: true, wouldQuarantine: false, exceeded: [] })
    expect(a.sentence).toMatch(/^Under the quarantine thresholds/)
  })

  test('40,000 user failures and 21,000 manager failures: quarantine on the 60,000 total', () => {
    const a = assessQuarantineThresholds({ failures: 61_000, referenceFailures: 21_000, successes: 500_000 })
    expect(a.nonReferenceFailures).toBe(40_000)
    expect(a.exceeded).toEqual(['total'])
    expect(a.wouldQuarantine).toBe(true)
    expect(a.likelyReason).toBe('EncounteredTotalEscrowThreshold')
  })

  test('6,000 failures, 45 % of events non-reference: over the threshold', () => {
    const a = assessQuarantineThresholds({ failures: 6_000, referenceFailures: 3_300, successes: 0 })
    expect(a.nonReferenceShare).toBeCloseTo(0.45)
    expect(a.wouldQuarantine).toBe(true)
    expect(a.sentence).toMatch(/45\.0 % of events, over 40 %/)
  })

  test('reference failures alone never reach the 40 % threshold', () => {
    const a = assessQuarantineThresholds({ failures: 10_000, referenceFailures: 10_000, successes: 0 })
    expect(a.wouldQuarantine).toBe(false)
  })
})
