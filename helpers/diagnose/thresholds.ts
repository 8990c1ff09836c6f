// Where a job stands against Entra's escrow (failure) thresholds for quarantine (Microsoft's 'Application provisioning in quarantine status'; "subject to change").

export const THRESHOLDS = {
  /** Failures needed before Entra evaluates the thresholds at all. */
  evaluationFrom: 5_000,
  /** Non-reference failures as a share of events; quarantine when over. */
  nonReferenceShare: 0.4,
  /** Non-reference failures; quarantine when over. */
  nonReferenceCount: 40_000,
  /** All failures, reference ones included; quarantine when reached. */
  total: 60_000,
} as const

export interface ThresholdInput {
  /** Failed events, reference failures included. */
  failures: number
  /** Failed manager and group-member updates, which Microsoft leaves out of the 40 % and 40,000 thresholds. */
  referenceFailures: number
  /** Events that did not fail and were not skipped (successes and warnings). */
  successes: number
}

export type ThresholdName = 'proportion' | 'non-reference-count' | 'total'

export interface ThresholdAssessment {
  evaluated: boolean
  wouldQuarantine: boolean
  /** Thresholds passed, in the order Microsoft lists them. */
  exceeded: ThresholdName[]
  /** The Graph quarantine reason the first exceeded threshold would most likely show (only the proportion one is documented). */
  likelyReason?:
    'EncounteredEscrowProportionThreshold' | 'EncounteredBaseEscrowThreshold' | 'EncounteredTotalEscrowThreshold'
  failures: number
  referenceFailures: number
  nonReferenceFailures: number
  /** Denominator of the proportion: failures plus successes; skipped events are left out. */
  events: number
  /** nonReferenceFailures / events, 0 when there are no events. */
  nonReferenceShare: number
  sentence: string
}

const pct = (x: number): string => `${(x * 100).toFixed(1)} %`
const n = (x: number): string => x.toLocaleString('en-US')

/**
 * Applies Microsoft's quarantine rules: no evaluation under 5,000 failures; quarantine when non-reference failures are over 40 % of
 * events or over 40,000, or when all failures reach 60,000. Skipped events are not counted as events, because Microsoft's
 * worked examples count only failed and succeeded ones.
 */
export function assessQuarantineThresholds(input: ThresholdInput): ThresholdAssessment {
  const { failures, referenceFailures, successes } = input
  const nonReferenceFailures = Math.max(0, failures - referenceFailures)
  const events = failures + successes
  const share = events === 0 ? 0 : nonReferenceFailures / events
  const base = { failures, referenceFailures, nonReferenceFailures, events, nonReferenceShare: share }

  if (failures < THRESHOLDS.evaluationFrom) {
    return {
      ...base,
      evaluated: false,
      wouldQuarantine: false,
      exceeded: [],
      sentence: `${n(failures)} failures is under the ${n(THRESHOLDS.evaluationFrom)} Entra needs before it evaluates the quarantine thresholds, so these failures alone do not quarantine the job.`,
    }
  }

  const exceeded: ThresholdName[] = []
  if (share > THRESHOLDS.nonReferenceShare) exceeded.push('proportion')
  if (nonReferenceFailures > THRESHOLDS.nonReferenceCount) exceeded.push('non-reference-count')
  if (failures >= THRESHOLDS.total) exceeded.push('total')

  const figures = `${n(nonReferenceFailures)} non-reference failures (${pct(share)} of ${n(events)} events) and ${n(failures)} failures in all, ${n(referenceFailures)} of them manager or group-member updates`
  if (exceeded.length === 0) {
    return {
      ...base,
      evaluated: true,
      wouldQuarantine: false,
      exceeded,
      sentence: `Under the quarantine thresholds: ${figures}; Entra quarantines above 40 % or 40,000 non-reference failures, or at 60,000 failures in all.`,
    }
  }

  const why: Record<ThresholdName, string> = {
    proportion: `non-reference failures are ${pct(share)} of events, over 40 %`,
    'non-reference-count': `${n(nonReferenceFailures)} non-reference failures is over 40,000`,
    total: `${n(failures)} failures in all reaches the 60,000 cap`,
  }
  const reasons = {
    proportion: 'EncounteredEscrowProportionThreshold',
    'non-reference-count': 'EncounteredBaseEscrowThreshold',
    total: 'EncounteredTotalEscrowThreshold',
  } as const
  const first = exceeded[0] as ThresholdName
  return {
    ...base,
    evaluated: true,
    wouldQuarantine: true,
    exceeded,
    likelyReason: reasons[first],
    sentence: `Over the quarantine threshold: ${exceeded.map((t) => why[t]).join('; ')} (${figures}).`,
  }
}
