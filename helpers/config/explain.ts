// `scim-preflight explain FILE`: a real result of Microsoft's validation (Logic App or SCIM Validator), explained;
// with --url and --token the checks behind its failures are run again against the endpoint.
import { UsageError } from '../model/errors.ts'
import type { RunConfig } from './run.ts'
import { colorEnabled, parse, parseFormats, type Env, type HelpCommand, type Options } from './parse.ts'
import { TARGET_OPTIONS, targetConfig, type TargetConfig } from './target-settings.ts'

export interface ExplainConfig extends TargetConfig {
  file: string
  profile: string
  reportDir: string
  /** console and json only: the explanation is not a conformance run. */
  formats: ('console' | 'json')[]
  color: boolean
}

export const EXPLAIN_OPTIONS = {
  ...TARGET_OPTIONS,
  profile: { type: 'string' },
  report: { type: 'string' },
  'report-dir': { type: 'string' },
  'no-color': { type: 'boolean' },
  help: { type: 'boolean', short: 'h' },
} as const satisfies Options

export const EXPLAIN_HELP = `scim-preflight explain FILE [--url U --token T] [--report console,json] [--report-dir DIR]

Explains every failure of a real result of Microsoft's validation: the Logic App's Final_TestResults (or
validation-result-<RunId>.json) or the SCIM Validator's results file (scim-results.json); the kind is detected.
Each failure is a defect of the endpoint (the suite's checks behind it, the fix, the --only command that
reproduces it), a known false positive of Microsoft's tool, or a setup mistake of the run.
With --url and --token (or client credentials; SCIM_BASE_URL alone does not) the checks behind the failed tests run again,
and each failure says whether it still reproduces. Exit 0 when nothing fails now (or without a target nothing
is a defect), 1 when a defect stands, 2 for a file of neither kind.`

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
  const formats = parseFormats(values.report ?? 'console,json')
  const other = formats.filter((f) => f !== 'console' && f !== 'json')
  if (other.length)
    throw new UsageError(`explain writes console and json only, not ${other.join(', ')}: give --report console,json`)
  return {
    kind: 'explain',
    config: {
      ...target,
      file,
      profile: values.profile ?? env.SCIM_PROFILE ?? 'entra-default',
      reportDir: values['report-dir'] ?? env.SCIM_REPORT_DIR ?? 'reports',
      formats: formats as ('console' | 'json')[],
      color: colorEnabled(values, env),
    },
  }
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
