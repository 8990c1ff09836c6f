// `scim-preflight diagnose`: a quarantined job's status and logs, and read-only probes of its endpoint.
import { UsageError } from '../model/errors.ts'
import { REPORT_FORMATS, type ReportFormat } from '../model/report-formats.ts'
import { DIAGNOSE_HELP } from './command-help.ts'
import {
  colorEnabled,
  KEEP_REPORTS_OPTION,
  parse,
  parseKeepReports,
  parseFormats,
  parseMatchingAttribute,
  type Env,
  type Options,
  type HelpCommand,
} from './parse.ts'
import { TARGET_OPTIONS, targetConfig, type TargetConfig } from './target-settings.ts'

/** `scim-preflight diagnose`: a quarantined job's status and logs, and read-only probes of its endpoint. */
export interface DiagnoseConfig extends TargetConfig {
  jobStatus?: string
  logs: string[]
  user?: string
  matchingAttribute?: string
  profile: string
  reportDir: string
  formats: ReportFormat[]
  /** Run folders kept in reportDir, newest first (0: all). */
  keepReports: number
  color: boolean
  githubStepSummary?: string
  /** The moment the job's back-off position is computed for (--now, default the current time). */
  now: Date
}

export const DIAGNOSE_OPTIONS = {
  ...TARGET_OPTIONS,
  'job-status': { type: 'string' },
  logs: { type: 'string', multiple: true },
  user: { type: 'string' },
  'matching-attribute': { type: 'string' },
  profile: { type: 'string' },
  report: { type: 'string' },
  'report-dir': { type: 'string' },
  ...KEEP_REPORTS_OPTION,
  now: { type: 'string' },
  'no-color': { type: 'boolean' },
  help: { type: 'boolean', short: 'h' },
} as const satisfies Options

export function diagnoseConfig(args: string[], env: Env): { kind: 'diagnose'; config: DiagnoseConfig } | HelpCommand {
  const { values } = parse(DIAGNOSE_OPTIONS, args)
  if (values.help) return { kind: 'help', text: DIAGNOSE_HELP }
  const target = targetConfig(values, env)
  const logs = values.logs ?? []
  if (!target.baseUrl && !values['job-status'] && logs.length === 0) {
    throw new UsageError(
      'diagnose needs something to look at: a target (--url and --token), --job-status job.json, or --logs FILE',
    )
  }
  if (values.user !== undefined && !target.baseUrl)
    throw new UsageError('--user needs a target to query: give --url and --token')
  let now = new Date()
  if (values.now !== undefined) {
    now = new Date(values.now)
    if (Number.isNaN(now.getTime()))
      throw new UsageError(`--now '${values.now}' is not a date: use ISO 8601, e.g. 2026-10-02T09:00:00Z`)
  }
  return {
    kind: 'diagnose',
    config: {
      ...target,
      jobStatus: values['job-status'],
      logs,
      user: values.user,
      matchingAttribute: parseMatchingAttribute(values['matching-attribute'] ?? env.SCIM_MATCHING_ATTRIBUTE),
      profile: values.profile ?? env.SCIM_PROFILE ?? 'entra-default',
      reportDir: values['report-dir'] ?? env.SCIM_REPORT_DIR ?? 'reports',
      formats: parseFormats(values.report ?? env.SCIM_REPORT ?? REPORT_FORMATS.join(',')),
      keepReports: parseKeepReports(values, env),
      color: colorEnabled(values, env),
      githubStepSummary: env.GITHUB_STEP_SUMMARY || undefined,
      now,
    },
  }
}
