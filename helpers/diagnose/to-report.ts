// The diagnose results in the report model's terms (helpers/model/result.ts), so every renderer can show them.
import type { Diagnosis, DiagnosisJob, DiagnosisLogs, RunResult, Verdict } from '../model/result.ts'
import { reproduceCommand, type LikelyCause } from './causes.ts'
import type { JobStatusReport } from './job-status.ts'
import type { LogAggregate } from './logs.ts'

const FAILURE_GROUPS_SHOWN = 10

export function toDiagnosisJob(file: string, job: JobStatusReport): DiagnosisJob {
  const q = job.quarantine
  return {
    file,
    ...(job.jobId ? { jobId: job.jobId } : {}),
    statusCode: job.statusCode,
    quarantined: job.quarantined,
    ...(q?.reason ? { reason: q.reason } : {}),
    ...(q?.seriesBegan ? { seriesBegan: q.seriesBegan } : {}),
    ...(q?.nextAttempt ? { nextAttempt: q.nextAttempt } : {}),
    summary: job.summary,
    restart: job.restart,
  }
}

export function toDiagnosisLogs(logs: LogAggregate): DiagnosisLogs {
  const t = logs.thresholds
  return {
    files: logs.sources.map((s) => ({ path: s.path, format: s.format, entries: s.entries })),
    events: logs.events,
    successes: logs.successes,
    failures: logs.failures,
    skipped: logs.skipped,
    referenceFailures: logs.referenceFailures,
    nonReferenceFailures: logs.nonReferenceFailures,
    thresholds: {
      evaluated: t.evaluated,
      wouldQuarantine: t.wouldQuarantine,
      exceeded: t.exceeded,
      ...(t.likelyReason ? { likelyReason: t.likelyReason } : {}),
      nonReferenceShare: Math.round(t.nonReferenceShare * 10_000) / 10_000,
      sentence: t.sentence,
    },
    failureGroups: logs.failureGroups.slice(0, FAILURE_GROUPS_SHOWN).map((g) => {
      const checkId = g.info?.reproducers[0]
      const object = g.example.objectDisplayName ?? g.example.objectId
      return {
        code: g.code,
        action: g.action,
        count: g.count,
        referenceCount: g.referenceCount,
        example: { ...(object ? { object } : {}), errorCode: g.example.errorCode, text: g.example.text },
        ...(checkId ? { reproduce: { checkId, command: reproduceCommand(checkId) } } : {}),
      }
    }),
  }
}

/** What a diagnose run looked at: a verdict of "no likely cause" means something only for what was seen. */
export interface DiagnoseInputs {
  live: boolean
  logsRead: boolean
}

/** Read-only probes cannot send a write, so without logs they cannot see the failures most quarantines come from. */
export const WRITES_UNSEEN =
  "Write failures (creates, updates, disables, deletes) are invisible to read-only probes. To see them, give the job's provisioning logs with --logs (Entra admin center > Provisioning logs > Download, or GET https://graph.microsoft.com/beta/auditLogs/provisioning), or run the suite against a staging copy of the endpoint: npx scim-preflight --url <staging URL>."

/** diagnose's exit codes: a likely cause, none in what was seen, or nothing seen that could show the commonest causes. */
export const DIAGNOSE_EXIT = { noCause: 0, cause: 1, usage: 2, inconclusive: 3 } as const

/** Inconclusive: no cause found, but no provisioning logs were read, so the write failures most quarantines come from were unseen. */
export function isInconclusive(run: Pick<RunResult, 'verdict'> & { diagnosis?: Diagnosis }): boolean {
  return !!run.diagnosis && run.diagnosis.causes.length === 0 && run.verdict.kind === 'incomplete'
}

/** The heading every renderer gives the ranked causes: never "none found" when what was seen could not show them. */
export function causesHeading(run: Pick<RunResult, 'verdict'> & { diagnosis?: Diagnosis }): string {
  if (run.diagnosis?.causes.length) return 'Likely causes, most likely first'
  return isInconclusive(run)
    ? 'Likely causes: inconclusive (no provisioning logs, so write failures were not seen)'
    : 'Likely causes: none found'
}

/** The headline of a diagnose report: the likeliest cause; "no likely cause" only when logs were read and show none. */
export function diagnosisVerdict(causes: readonly LikelyCause[], seen: DiagnoseInputs): Verdict {
  const gallery = {
    met: false,
    enforced: false,
    failsRun: false,
    text: 'diagnose does not assess gallery onboarding: run the conformance suite for that',
    items: [],
  }
  const scope = { complete: seen.logsRead, judged: 0, total: 0, limits: seen.logsRead ? [] : [WRITES_UNSEEN] }
  const top = causes[0]
  if (top) return { kind: 'fails', headline: `Likely cause: ${top.title}`, scope, gallery }
  if (!seen.logsRead) {
    return {
      kind: 'incomplete',
      headline: seen.live
        ? 'Inconclusive: the read-only probes found no cause, but they cannot see write failures: give the provisioning logs (--logs)'
        : 'Inconclusive: the job status shows no cause, and no provisioning logs were given: give them with --logs',
      scope,
      gallery,
    }
  }
  return {
    kind: 'ready',
    headline: seen.live
      ? 'No likely cause found: the provisioning logs show no failure and the live probes passed'
      : 'No likely cause found: the provisioning logs show no failure',
    scope,
    gallery,
  }
}
