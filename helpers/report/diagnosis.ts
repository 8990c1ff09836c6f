// Wording of a diagnose run's "likely causes" section, shared by the console, Markdown and HTML renderers.
import type { DiagnosisCause, DiagnosisLogs, RunResult } from '../model/result.ts'
import { redactText } from './sanitize.ts'
import { redactedRequestLine } from './text.ts'

const n = (x: number): string => x.toLocaleString('en-US')

/** `Entra: <code> · quarantine <reason>`: what the provisioning log and the job status show for the cause. */
export function causeEntraLine(c: DiagnosisCause): string {
  return `Entra: ${c.code}${c.quarantineReason ? ` · quarantine ${c.quarantineReason}` : ''}`
}

/** `N events (N failures, N of them manager or group-member updates; N skipped) in <files>`. */
export function logsLine(logs: DiagnosisLogs): string {
  const files = logs.files.map((f) => `${f.path} (${f.format}, ${n(f.entries)} entries)`).join(', ')
  return `${n(logs.events)} events: ${n(logs.failures)} failures (${n(logs.referenceFailures)} manager or group-member updates), ${n(logs.successes)} successes, ${n(logs.skipped)} skipped; from ${files}`
}

/** The live probes' latency, one entry per request, in the order sent. */
export function probeLatency(run: RunResult): { line: string; ms: number }[] {
  return run.exchanges.map((ex) => ({ line: redactedRequestLine(ex), ms: Math.round(ex.durationMs) }))
}

/** A diagnosis copy with free text (the endpoint's own responses quoted in logs) redacted. */
export function redactDiagnosis(run: RunResult): RunResult['diagnosis'] {
  const d = run.diagnosis
  if (!d) return undefined
  return {
    ...d,
    causes: d.causes.map((c) => ({ ...c, observations: c.observations.map(redactText) })),
    ...(d.job ? { job: { ...d.job, summary: d.job.summary.map(redactText) } } : {}),
    ...(d.logs
      ? {
          logs: {
            ...d.logs,
            failureGroups: d.logs.failureGroups.map((g) => ({
              ...g,
              example: { ...g.example, text: redactText(g.example.text) },
            })),
          },
        }
      : {}),
  }
}
