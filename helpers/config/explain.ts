// `scim-preflight explain FILE`: a real result of Microsoft's validation (Logic App or SCIM Validator), explained;
// with --url and --token the checks behind its failures are run again against the endpoint.
import { UsageError } from '../model/errors.ts'
import { EXIT_CODES } from './command-help.ts'
import type { RunConfig } from './run.ts'
import { REPORT_FORMATS, type ReportFormat } from '../model/report-formats.ts'
import { colorEnabled, parse, parseFormats, type Env, type HelpCommand, type Options } from './parse.ts'
import { TARGET_OPTIONS, targetConfig, type TargetConfig } from './target-settings.ts'

export interface ExplainConfig extends TargetConfig {
  file: string
  profile: string
  reportDir: string
  /** Every report format of a run but the HAR (the re-run's exchanges are not the explanation). */
  formats: Exclude<ReportFormat, 'har'>[]
  color: boolean
  /** $GITHUB_STEP_SUMMARY: the Markdown is appended to it, as a run's is. */
  githubStepSummary?: string
}

export const EXPLAIN_OPTIONS = {
  ...TARGET_OPTIONS,
  profile: { type: 'string' },
  report: { type: 'string' },
  'report-dir': { type: 'string' },
  'no-color': { type: 'boolean' },
  help: { type: 'boolean', short: 'h' },
} as const satisfies Options

export const EXPLAIN_HELP = `scim-preflight explain FILE [--url U --token T] [--report LIST] [--report-dir DIR]

Explains every failure of a real result of Microsoft's validation: the Logic App's Final_TestResults (or
validation-result-<RunId>.json) or the SCIM Validator's results file (scim-results.json); the kind is detected.
Each failure is a defect of the endpoint (the suite's checks behind it, the fix, the --only command that
reproduces it), a known false positive of Microsoft's tool, or a setup mistake of the run.
With --url and --token (or client credentials; SCIM_BASE_URL alone does not) the checks behind the failed tests run again,
and each failure says whether it still reproduces.
--report LIST: console,json,junit,html,md (default all; SCIM_REPORT), written to <DIR>/explain-<id>/ (--report-dir,
default reports/); with GITHUB_STEP_SUMMARY set the Markdown is appended to the step summary.
Exit codes: ${EXIT_CODES.explain}`

export function explainConfig(args: string[], env: Env): { kind: 'explain'; config: ExplainConfig } | HelpCommand {
  const [file, ...rest] = args
  if (file === '--help' || file === '-h' || rest.includes('--help') || rest.includes('-h'))
    return { kind: 'help', text: EXPLAIN_HELP }
  if (file === undefined || file.startsWith('-'))
    throw new UsageError(
      'explain needs the result file first: scim-preflight explain Final_TestResults.json (or scim-results.json)',
    )
  const { values } = parse(EXPLAIN_OPTIONS, rest)
  // Re-running writes to the endpoint, so only a URL given on this command line does it, never SCIM_BASE_URL from the environment.
  const flagged = values.url !== undefined || values['base-url'] !== undefined
  const target = targetConfig(
    values,
    flagged ? env : Object.fromEntries(Object.entries(env).filter(([k]) => !k.startsWith('SCIM_'))),
  )
  const formats = explainFormats(values.report, env.SCIM_REPORT)
  return {
    kind: 'explain',
    config: {
      ...target,
      file,
      profile: values.profile ?? env.SCIM_PROFILE ?? 'entra-default',
      reportDir: values['report-dir'] ?? env.SCIM_REPORT_DIR ?? 'reports',
      formats,
      color: colorEnabled(values, env),
      ...(env.GITHUB_STEP_SUMMARY ? { githubStepSummary: env.GITHUB_STEP_SUMMARY } : {}),
    },
  }
}

/** --report as for a run; a HAR asked for on the command line is one line, one in SCIM_REPORT (set for runs) is left out. */
function explainFormats(flag: string | undefined, env: string | undefined): Exclude<ReportFormat, 'har'>[] {
  const written = REPORT_FORMATS.filter((f): f is Exclude<ReportFormat, 'har'> => f !== 'har')
  if (flag !== undefined) {
    if (/(^|,)\s*har\s*(,|$)/.test(flag))
      throw new UsageError(
        `explain writes no HAR (a re-run's requests are not the explanation): give --report ${written.join(',')} or a part of it`,
      )
    return parseFormats(flag, written) as Exclude<ReportFormat, 'har'>[]
  }
  const kept = parseFormats(env ?? written.join(',')).filter((f): f is Exclude<ReportFormat, 'har'> => f !== 'har')
  if (kept.length === 0)
    throw new UsageError('SCIM_REPORT asks only for har, which explain does not write: give --report console,json')
  return kept
}

/** The run configuration that re-runs exactly `only` against the explain target, as --gallery --strict would judge them. */
export function rerunConfig(c: ExplainConfig, only: readonly string[]): RunConfig {
  return {
    ...c,
    strict: true,
    gallery: true,
    seed: 1,
    only: [...only],
    skip: [],
    // A re-run writes no reports of its own, so it prunes none.
    keepReports: 0,
    dialects: ['legacy', 'aadOptscim062020'],
    profile: c.profile,
    groups: true,
    readOnly: false,
    reportDir: c.reportDir,
    formats: [],
    failOnNew: false,
    color: c.color,
    faults: [],
    concurrency: 4,
    verbose: false,
  }
}
