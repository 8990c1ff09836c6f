// Provisioning logs → counts, failures by error code × action, reference failures apart, and the quarantine thresholds.
// Input: Graph pages, the portal's JSON download, the portal's CSV download (Microsoft's 'How to analyze the provisioning logs'; Microsoft Graph's provisioningObjectSummary).
import { lookupErrorCode, type CodeInfo } from './entra-codes.ts'
import { DiagnoseInputError } from './errors.ts'
import { isReferenceSideRow, toEvent, type ProvisioningEvent } from './log-event.ts'
import {
  csvFormat,
  csvRowToSummary,
  pickColumns,
  readCsvRows,
  readJsonSummaries,
  sniff,
  type SourceInfo,
} from './log-sources.ts'
import { assessQuarantineThresholds, type ThresholdAssessment } from './thresholds.ts'

export interface FailureExample {
  objectDisplayName?: string
  objectId?: string
  identityType?: string
  action: string
  /** The code exactly as the log wrote it (Graph may prefix it with the app's name). */
  errorCode: string
  activityDateTime?: string
  /** reason and additionalDetails: where Graph puts the endpoint's own response. */
  text: string
}

export interface FailureGroup {
  /** The known code the log's code stands for, or the log's own code when unknown. */
  code: string
  action: string
  count: number
  /** How many of count are manager or group-member updates. */
  referenceCount: number
  info?: CodeInfo
  example: FailureExample
}

export interface LogAggregate {
  sources: SourceInfo[]
  events: number
  successes: number
  failures: number
  skipped: number
  warnings: number
  /** Entries with a status the reader does not know; not counted anywhere else. */
  otherStatus: number
  referenceFailures: number
  nonReferenceFailures: number
  /** Failures by code × action, commonest first. */
  failureGroups: FailureGroup[]
  /** Skips by code × action (ImportSkipped, EntrySynchronizationSkipped…), commonest first. */
  skippedGroups: FailureGroup[]
  firstActivity?: string
  lastActivity?: string
  thresholds: ThresholdAssessment
}

const EXAMPLE_TEXT_MAX = 2_000
const NO_CODE = '(no error code)'

function example(e: ProvisioningEvent, raw: string): FailureExample {
  const text = [e.reason, e.additionalDetails].filter(Boolean).join('\n')
  return {
    objectDisplayName: e.objectDisplayName,
    objectId: e.objectId,
    identityType: e.identityType,
    action: e.action,
    errorCode: raw,
    activityDateTime: e.activityDateTime,
    text: text.length > EXAMPLE_TEXT_MAX ? `${text.slice(0, EXAMPLE_TEXT_MAX)}…` : text,
  }
}

class Aggregator {
  successes = 0
  failures = 0
  skipped = 0
  warnings = 0
  otherStatus = 0
  referenceFailures = 0
  firstActivity?: string
  lastActivity?: string
  readonly failed = new Map<string, FailureGroup>()
  readonly skips = new Map<string, FailureGroup>()

  add(e: ProvisioningEvent): void {
    if (e.activityDateTime) {
      if (!this.firstActivity || e.activityDateTime < this.firstActivity) this.firstActivity = e.activityDateTime
      if (!this.lastActivity || e.activityDateTime > this.lastActivity) this.lastActivity = e.activityDateTime
    }
    switch (e.status) {
      case 'success':
        this.successes++
        return
      case 'warning':
        this.warnings++
        return
      case 'other':
        this.otherStatus++
        return
      case 'skipped':
        this.skipped++
        this.group(this.skips, e)
        return
      case 'failure':
        this.failures++
        if (e.reference) this.referenceFailures++
        this.group(this.failed, e)
    }
  }

  private group(map: Map<string, FailureGroup>, e: ProvisioningEvent): void {
    const raw = e.errorCode ?? NO_CODE
    const info = lookupErrorCode(e.errorCode)
    const code = info?.code ?? raw
    const key = `${code}\u0000${e.action}`
    const g = map.get(key)
    if (g) {
      g.count++
      if (e.reference) g.referenceCount++
      return
    }
    map.set(key, {
      code,
      action: e.action,
      count: 1,
      referenceCount: e.reference ? 1 : 0,
      info,
      example: example(e, raw),
    })
  }
}

const byCount = (a: FailureGroup, b: FailureGroup): number =>
  b.count - a.count || a.code.localeCompare(b.code) || a.action.localeCompare(b.action)

/**
 * Reads one or more provisioning-log files and aggregates them, streaming (memory does not grow with the files).
 * Accepts Graph pages, the portal's JSON download and its CSV download. For the CSV download, pass the
 * ProvisioningLogs file and optionally its _ProvisioningSteps and _ModifiedProperties side files: their rows mark
 * a change id as a reference update when they show a manager/members property or a failed referenceResolution step
 * (the only state kept per event: the set of such change ids). Throws DiagnoseInputError for unreadable files.
 */
export async function readProvisioningLogs(paths: string | readonly string[]): Promise<LogAggregate> {
  const list = typeof paths === 'string' ? [paths] : [...paths]
  if (list.length === 0) throw new DiagnoseInputError('(no file)', 'no provisioning-log file given')

  const sniffed = await Promise.all(list.map(async (path) => ({ path, s: await sniff(path) })))
  const plan = sniffed.map(({ path, s }) => ({
    path,
    header: s.header ?? [],
    format: s.kind === 'json' ? ('graph-json' as const) : csvFormat(path, s.header ?? []),
  }))
  // Side files first, so their reference change ids are known when the main CSV is read.
  plan.sort(
    (a, b) => Number(a.format.startsWith('portal-csv-') ? 0 : 1) - Number(b.format.startsWith('portal-csv-') ? 0 : 1),
  )

  const agg = new Aggregator()
  const referenceChangeIds = new Set<string>()
  const sources: SourceInfo[] = []

  for (const { path, header, format } of plan) {
    const info: SourceInfo = { path, format, entries: 0 }
    sources.push(info)
    if (format === 'graph-json') {
      await readJsonSummaries(path, info, (summary) => agg.add(toEvent(summary)))
      continue
    }
    for await (const row of readCsvRows(path)) {
      info.entries++
      const p = pickColumns(header, row)
      if (format === 'portal-csv') {
        const e = toEvent(csvRowToSummary(p))
        if (e.status === 'failure' && !e.reference && e.changeId && referenceChangeIds.has(e.changeId))
          e.reference = true
        agg.add(e)
      } else if (
        p.changeId &&
        isReferenceSideRow({ propertyName: p.propertyName, stepType: p.stepType, stepStatus: p.stepStatus })
      ) {
        referenceChangeIds.add(p.changeId)
      }
    }
  }

  const events = agg.successes + agg.failures + agg.skipped + agg.warnings + agg.otherStatus
  if (events === 0) {
    throw new DiagnoseInputError(list.join(', '), 'contains no provisioning events')
  }
  const failureGroups = [...agg.failed.values()].sort(byCount)
  return {
    sources: list.map((p) => sources.find((s) => s.path === p) as SourceInfo),
    events,
    successes: agg.successes,
    failures: agg.failures,
    skipped: agg.skipped,
    warnings: agg.warnings,
    otherStatus: agg.otherStatus,
    referenceFailures: agg.referenceFailures,
    nonReferenceFailures: agg.failures - agg.referenceFailures,
    failureGroups,
    skippedGroups: [...agg.skips.values()].sort(byCount),
    firstActivity: agg.firstActivity,
    lastActivity: agg.lastActivity,
    thresholds: assessQuarantineThresholds({
      failures: agg.failures,
      referenceFailures: agg.referenceFailures,
      successes: agg.successes + agg.warnings,
    }),
  }
}
