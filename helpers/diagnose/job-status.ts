// A Graph synchronizationJob (GET …/synchronization/jobs/{id}) explained: quarantine reason, back-off position, restart.
// Sources: Microsoft Learn (quarantine status; how provisioning works; accidental deletions prevention), the Graph synchronization API
// (synchronizationStatus, synchronizationJobRestartCriteria).
import { readFile } from 'node:fs/promises'
import { lookupQuarantineReason, type CodeInfo } from './entra-codes.ts'
import { DiagnoseInputError } from './errors.ts'

const HOUR = 3_600_000
/** Retry offsets from the first failure (Microsoft's quarantine article, "generally"): 6 h, 12 h, 24 h, then every 24 h. */
const RETRY_OFFSETS_H = [6, 12, 24] as const
const DISABLED_AFTER_H = 28 * 24

export interface SyncError {
  code?: string
  message?: string
  tenantActionable?: boolean
}

export interface BackoffPosition {
  seriesBegan: string
  now: string
  hoursInQuarantine: number
  /** Retries the schedule has made by now (6 h, 12 h, 24 h, then daily). */
  retriesSoFar: number
  /** Next retry by the schedule; Graph's nextAttempt, when given, is what Entra itself plans. */
  nextScheduledRetry?: string
  disablesAt: string
  /** True once 28 days have passed since seriesBegan: Entra disables the job. */
  disabled: boolean
  sentence: string
}

export interface RestartAdvice {
  portal: string
  graph: { method: 'POST'; path: string; body: { criteria: { resetScope: string } } }
  note: string
}

export interface JobStatusReport {
  jobId?: string
  templateId?: string
  /** synchronizationStatus.code: NotConfigured, NotRun, Active, Paused or Quarantine. */
  statusCode: string
  quarantined: boolean
  quarantine?: {
    reason: string
    info?: CodeInfo
    currentBegan?: string
    nextAttempt?: string
    seriesBegan?: string
    seriesCount?: number
    error?: SyncError
  }
  backoff?: BackoffPosition
  lastExecution?: { state?: string; timeBegan?: string; timeEnded?: string; error?: SyncError }
  countSuccessiveCompleteFailures?: number
  escrowsPruned?: boolean
  restart: RestartAdvice
  /** Plain sentences, most important first. */
  summary: string[]
}

type Obj = Record<string, unknown>
const isObj = (v: unknown): v is Obj => typeof v === 'object' && v !== null && !Array.isArray(v)
const str = (v: unknown): string | undefined => (typeof v === 'string' && v !== '' ? v : undefined)
const fmtHours = (h: number): string => (h < 48 ? `${h.toFixed(1)} h` : `${(h / 24).toFixed(1)} days`)

function date(file: string, field: string, v: unknown): string | undefined {
  const s = str(v)
  if (s === undefined) return undefined
  if (Number.isNaN(Date.parse(s))) throw new DiagnoseInputError(file, `${field} is not a date: ${JSON.stringify(s)}`)
  return s
}

function syncError(v: unknown): SyncError | undefined {
  if (!isObj(v)) return undefined
  const out: SyncError = { code: str(v.code), message: str(v.message) }
  if (typeof v.tenantActionable === 'boolean') out.tenantActionable = v.tenantActionable
  return out.code || out.message ? out : undefined
}

/** Where a quarantine that began at seriesBegan stands in Entra's back-off schedule at `now`. */
export function backoffPosition(seriesBegan: Date, now: Date): BackoffPosition {
  const hours = Math.max(0, (now.getTime() - seriesBegan.getTime()) / HOUR)
  const offsets: number[] = [...RETRY_OFFSETS_H]
  for (let h = 48; h < DISABLED_AFTER_H; h += 24) offsets.push(h)
  const retriesSoFar = offsets.filter((h) => h <= hours).length
  const next = offsets.find((h) => h > hours)
  const at = (h: number): string => new Date(seriesBegan.getTime() + h * HOUR).toISOString()
  const disabled = hours >= DISABLED_AFTER_H
  const disablesAt = at(DISABLED_AFTER_H)
  const nth = ['first', 'second', 'third'][retriesSoFar]
  const sentence = disabled
    ? `Quarantined for ${fmtHours(hours)}: over 28 days, so Entra has disabled the job; it will not run again until it is restarted.`
    : `Quarantined for ${fmtHours(hours)}; ${retriesSoFar} scheduled ${retriesSoFar === 1 ? 'retry has' : 'retries have'} passed. ` +
      `The ${nth ?? 'next daily'} retry is due ${next === undefined ? 'never' : at(next)}, and the job is disabled at ${disablesAt} unless a retry succeeds.`
  return {
    seriesBegan: seriesBegan.toISOString(),
    now: now.toISOString(),
    hoursInQuarantine: Math.round(hours * 10) / 10,
    retriesSoFar,
    nextScheduledRetry: disabled || next === undefined ? undefined : at(next),
    disablesAt,
    disabled,
    sentence,
  }
}

function restartAdvice(
  jobId: string | undefined,
  reason: string | undefined,
  servicePrincipalId?: string,
): RestartAdvice {
  const path = `/servicePrincipals/${servicePrincipalId ?? '{servicePrincipalId}'}/synchronization/jobs/${jobId ?? '{jobId}'}/restart`
  if (reason === 'TooManyDeletes') {
    return {
      portal:
        'Review the pending deletes in the provisioning page; allow them or reject them, then restart provisioning.',
      graph: { method: 'POST', path, body: { criteria: { resetScope: 'ForceDeletes' } } },
      note: 'ForceDeletes carries out the held deletes; use it only once you know they are wanted (Microsoft: Accidental deletions prevention).',
    }
  }
  return {
    portal:
      'Once the cause is fixed: Enterprise applications → the app → Provisioning → "Restart provisioning" (clears escrows, quarantine and watermarks; a full cycle follows).',
    graph: { method: 'POST', path, body: { criteria: { resetScope: 'Watermark, Escrows, QuarantineState' } } },
    note: 'An empty resetScope does the same as the portal button; "Full" also clears the connector data store, which Microsoft advises against without support.',
  }
}

/** Explains a parsed synchronizationJob body. `file` names the input in errors. */
export function explainJobStatus(
  body: unknown,
  options: { now: Date; file?: string; servicePrincipalId?: string },
): JobStatusReport {
  const file = options.file ?? '(job status)'
  let job = body
  // GET …/synchronization/jobs (the list) wraps jobs in "value"; take the quarantined one, else the first.
  if (isObj(job) && Array.isArray(job.value)) {
    const jobs = job.value.filter(isObj)
    job = jobs.find((j) => isObj(j.status) && j.status.code === 'Quarantine') ?? jobs[0]
  }
  if (!isObj(job)) throw new DiagnoseInputError(file, 'is not a synchronizationJob: expected a JSON object')
  if (!isObj(job.status)) {
    throw new DiagnoseInputError(
      file,
      isObj(job.error)
        ? 'is a Graph error response, not a synchronizationJob'
        : 'has no "status" object: not a synchronizationJob (GET …/synchronization/jobs/{id})',
    )
  }
  const status = job.status
  const statusCode = str(status.code)
  if (!statusCode) throw new DiagnoseInputError(file, 'has no status.code: not a synchronizationJob')

  const jobId = str(job.id)
  const q = isObj(status.quarantine) ? status.quarantine : undefined
  const quarantined = statusCode === 'Quarantine' || q !== undefined
  const report: JobStatusReport = {
    jobId,
    templateId: str(job.templateId),
    statusCode,
    quarantined,
    restart: restartAdvice(jobId, q ? str(q.reason) : undefined, options.servicePrincipalId),
    summary: [],
  }
  if (typeof status.countSuccessiveCompleteFailures === 'number') {
    report.countSuccessiveCompleteFailures = status.countSuccessiveCompleteFailures
  }
  if (typeof status.escrowsPruned === 'boolean') report.escrowsPruned = status.escrowsPruned
  if (isObj(status.lastExecution)) {
    const le = status.lastExecution
    report.lastExecution = {
      state: str(le.state),
      timeBegan: date(file, 'status.lastExecution.timeBegan', le.timeBegan),
      timeEnded: date(file, 'status.lastExecution.timeEnded', le.timeEnded),
      error: syncError(le.error),
    }
  }

  if (q) {
    const reason = str(q.reason) ?? 'Unknown'
    const info = lookupQuarantineReason(reason)
    report.quarantine = {
      reason,
      info,
      currentBegan: date(file, 'status.quarantine.currentBegan', q.currentBegan),
      nextAttempt: date(file, 'status.quarantine.nextAttempt', q.nextAttempt),
      seriesBegan: date(file, 'status.quarantine.seriesBegan', q.seriesBegan),
      seriesCount: typeof q.seriesCount === 'number' ? q.seriesCount : undefined,
      error: syncError(q.error),
    }
    const began = report.quarantine.seriesBegan ?? report.quarantine.currentBegan
    if (began) report.backoff = backoffPosition(new Date(began), options.now)
    report.summary.push(`The job is quarantined: ${reason}. ${info?.meaning ?? 'Graph does not document this reason.'}`)
    const err = report.quarantine.error
    if (err) report.summary.push(`Quarantine error: ${[err.code, err.message].filter(Boolean).join(': ')}`)
    if (report.backoff) report.summary.push(report.backoff.sentence)
    if (report.quarantine.nextAttempt) report.summary.push(`Graph's next attempt: ${report.quarantine.nextAttempt}.`)
    if (info) report.summary.push(`Fix: ${info.fix}`)
  } else {
    report.summary.push(`The job is not quarantined (status ${statusCode}).`)
  }
  if (report.escrowsPruned) {
    report.summary.push(
      'Escrows were pruned during the initial cycle: the failure threshold was reached, so Entra cleared the errors, will finish the cycle and then pause.',
    )
  }
  if (quarantined || statusCode === 'Paused') report.summary.push(`Restart: ${report.restart.portal}`)
  return report
}

/** Reads a synchronizationJob JSON file and explains it relative to `now`. Throws DiagnoseInputError for bad input. */
export async function readJobStatus(
  path: string,
  options: { now: Date; servicePrincipalId?: string },
): Promise<JobStatusReport> {
  let text: string
  try {
    text = await readFile(path, 'utf8')
  } catch (e) {
    throw new DiagnoseInputError(path, `cannot be read (${(e as NodeJS.ErrnoException).code ?? String(e)})`)
  }
  text = text.replace(/^\uFEFF/, '')
  if (text.trim() === '') throw new DiagnoseInputError(path, 'is empty: expected a Graph synchronizationJob as JSON')
  let body: unknown
  try {
    body = JSON.parse(text)
  } catch (e) {
    throw new DiagnoseInputError(path, `malformed JSON (${String((e as Error).message).replace(/\s+/g, ' ')})`)
  }
  return explainJobStatus(body, { ...options, file: path })
}
