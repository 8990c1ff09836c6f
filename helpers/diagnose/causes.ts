// Log aggregates, job status and live probe findings combined into a ranked list of likely causes of a quarantine.
import type { DiagnosisCause } from '../model/result.ts'
import { lookupErrorCode, lookupQuarantineReason, type CodeInfo } from './entra-codes.ts'
import type { JobStatusReport } from './job-status.ts'
import type { LogAggregate } from './logs.ts'

/** What a live probe found, in Entra's terms. severity: 3 breaks provisioning, 2 fails some objects, 1 advisory. */
export interface ProbeFinding {
  checkId?: string
  code: string
  quarantine?: string
  /** What the probe saw, in one sentence (the check's message, cut). */
  observation: string
  severity: number
  /** Says what the probe saw more precisely than the code's meaning (e.g. a WAF behind a CredentialValidationFailure). */
  title?: string
  fix?: string
}

/** A ranked cause: the same shape the report model renders (helpers/model/result.ts). */
export type LikelyCause = DiagnosisCause

export interface CauseInput {
  logs?: LogAggregate
  job?: JobStatusReport
  probes?: readonly ProbeFinding[]
}

const num = (x: number): string => x.toLocaleString('en-US')

/** The command that runs one check of this suite. */
export const reproduceCommand = (checkId: string): string => `npx scim-preflight --only '${checkId}'`

interface Candidate {
  code: string
  info?: CodeInfo
  quarantineReason?: string
  observations: string[]
  checkId?: string
  title?: string
  fix?: string
  sources: Set<'probe' | 'logs' | 'job'>
  score: number
}

// Thresholds the job can be quarantined for are driven by non-reference failures; these reasons point at the logs.
const ESCROW_REASONS = new Set([
  'EncounteredBaseEscrowThreshold',
  'EncounteredTotalEscrowThreshold',
  'EncounteredEscrowProportionThreshold',
])

/**
 * Ranks likely causes. Each candidate is keyed by its (canonical) error code and scored by adding:
 *   - a live probe finding: 40 × severity. The probe sees the endpoint as it is now, so a severity-3 finding (120)
 *     outranks anything the logs alone can say;
 *   - the logs: 100 × the code's share of failures, with reference failures at half weight, because Microsoft's 'Application provisioning in quarantine status' leaves them
 *     out of the 40 % and 40,000 thresholds; plus 20 when the logs are over a threshold and the code has
 *     non-reference failures;
 *   - the job: 80 when the quarantine error names the code, 60 when the code leads to the job's quarantine reason
 *     (credential and compliance codes → EncounteredQuarantineException), 20 for escrow-threshold reasons when the
 *     logs carry the code;
 *   - 50 when two or more of these sources agree on the code.
 * Ties go to the code with more failures, then by name. A quarantine reason with no code behind it becomes a cause
 * of its own (score 30), so a job-only diagnosis still names something.
 */
export function rankCauses(input: CauseInput): LikelyCause[] {
  const byCode = new Map<string, Candidate>()
  const candidate = (rawCode: string): Candidate => {
    const info = lookupErrorCode(rawCode) ?? lookupQuarantineReason(rawCode)
    const code = info?.code ?? rawCode
    let c = byCode.get(code)
    if (!c) {
      c = { code, info, observations: [], sources: new Set(), score: 0 }
      byCode.set(code, c)
    }
    return c
  }

  for (const p of input.probes ?? []) {
    const c = candidate(p.code)
    c.score += 40 * p.severity
    c.sources.add('probe')
    c.observations.push(`Live probe${p.checkId ? ` (${p.checkId})` : ''}: ${p.observation}`)
    if (p.checkId && !c.checkId) c.checkId = p.checkId
    if (p.quarantine) c.quarantineReason = p.quarantine
    c.title ??= p.title
    c.fix ??= p.fix
  }

  const logs = input.logs
  const failureCount = new Map<string, number>()
  if (logs && logs.failures > 0) {
    const perCode = new Map<string, { count: number; ref: number; groups: LogAggregate['failureGroups'] }>()
    for (const g of logs.failureGroups) {
      const t = perCode.get(g.code) ?? { count: 0, ref: 0, groups: [] }
      t.count += g.count
      t.ref += g.referenceCount
      t.groups.push(g)
      perCode.set(g.code, t)
    }
    for (const [code, t] of perCode) {
      const c = candidate(code)
      failureCount.set(c.code, t.count)
      c.score += (100 * (t.count - t.ref + 0.5 * t.ref)) / logs.failures
      if (logs.thresholds.wouldQuarantine && t.count > t.ref) c.score += 20
      c.sources.add('logs')
      const share = ((100 * t.count) / logs.failures).toFixed(1)
      const actions = t.groups.map((g) => `${g.action} ×${num(g.count)}`).join(', ')
      c.observations.push(
        `Provisioning logs: ${num(t.count)} of ${num(logs.failures)} failures (${share} %) have this code (${actions})` +
          (t.ref > 0 ? `; ${num(t.ref)} of them manager or group-member updates.` : '.'),
      )
      const ex = t.groups[0]?.example
      if (ex) {
        const who = ex.objectDisplayName ?? ex.objectId ?? 'an object'
        c.observations.push(`Example: ${ex.action} of ${who} failed with ${ex.errorCode}: ${ex.text || '(no text)'}`)
      }
    }
  }

  const q = input.job?.quarantine
  if (q) {
    const errCode = q.error?.code
    if (errCode) {
      const c = candidate(errCode)
      c.score += 80
      c.sources.add('job')
      c.quarantineReason ??= q.reason
      c.observations.push(
        `Job status: quarantined (${q.reason}) with error ${errCode}${q.error?.message ? `: ${q.error.message}` : ''}`,
      )
    }
    let matched = errCode !== undefined
    for (const c of byCode.values()) {
      if (errCode && c.code === (lookupErrorCode(errCode)?.code ?? errCode)) continue
      if (c.info?.quarantine === q.reason) {
        c.score += 60
        c.sources.add('job')
        c.quarantineReason ??= q.reason
        c.observations.push(`Job status: quarantined with ${q.reason}, which this code leads to.`)
        matched = true
      } else if (ESCROW_REASONS.has(q.reason) && c.sources.has('logs')) {
        c.score += 20
        c.sources.add('job')
        c.quarantineReason ??= q.reason
        c.observations.push(`Job status: quarantined with ${q.reason}; failures like these count toward it.`)
        matched = true
      }
    }
    if (!matched) {
      const c = candidate(q.reason)
      c.score += 30
      c.sources.add('job')
      c.quarantineReason = q.reason
      c.observations.push(
        `Job status: quarantined (${q.reason}) since ${q.seriesBegan ?? q.currentBegan ?? 'an unknown date'}.`,
      )
    }
  }

  for (const c of byCode.values()) if (c.sources.size >= 2) c.score += 50

  const ranked = [...byCode.values()].sort(
    (a, b) =>
      b.score - a.score ||
      (failureCount.get(b.code) ?? 0) - (failureCount.get(a.code) ?? 0) ||
      a.code.localeCompare(b.code),
  )
  // The threshold verdict is said once, on the highest-ranked cause the logs support.
  if (logs?.thresholds.evaluated) ranked.find((c) => c.sources.has('logs'))?.observations.push(logs.thresholds.sentence)
  return ranked.map((c) => toCause(c))
}

function toCause(c: Candidate): LikelyCause {
  const checkId = c.checkId ?? c.info?.reproducers[0]
  const quarantineReason = c.quarantineReason
  return {
    title: c.title ?? (c.info ? c.info.meaning : `${c.code}: not in the table of known Entra codes`),
    code: c.code,
    ...(quarantineReason ? { quarantineReason } : {}),
    observations: c.observations,
    fix:
      c.fix ?? c.info?.fix ?? 'Read the error text in the provisioning logs: it carries the endpoint’s own response.',
    ...(checkId ? { reproduce: { checkId, command: reproduceCommand(checkId) } } : {}),
    score: Math.round(c.score * 10) / 10,
  }
}
