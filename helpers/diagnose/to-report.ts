// The diagnose results in the report model's terms (helpers/result/model.ts), so every renderer can show them.
import type { DiagnosisJob, DiagnosisLogs, Verdict } from '../result/model.ts'
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

/** The headline of a diagnose report: the likeliest cause, or that none was found. */
export function diagnosisVerdict(causes: readonly LikelyCause[], live: boolean): Verdict {
  const gallery = { met: false, text: 'diagnose does not assess gallery onboarding: run the conformance suite for that' }
  const top = causes[0]
  if (top) return { kind: 'fails', headline: `Likely cause: ${top.title}`, gallery }
  return {
    kind: 'ready',
    headline: live ? 'No likely cause found: the live probes passed and the files show no failure' : 'No likely cause found in the files',
    gallery,
  }
}
