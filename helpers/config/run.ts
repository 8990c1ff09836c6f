// `scim-preflight [run]`: the conformance suite's configuration.
import type { Dialect } from '../model/dialect.ts'
import type { ReportFormat } from '../model/report-formats.ts'
import { REPORT_FORMATS } from '../model/report-formats.ts'
import { UsageError } from '../model/errors.ts'
import { HELP } from './help.ts'
import {
  colorEnabled,
  KEEP_REPORTS_OPTION,
  parse,
  parseKeepReports,
  parseBool,
  parseCount,
  parseDialects,
  parseFormats,
  parseMatchingAttribute,
  type Env,
  type Options,
  type HelpCommand,
} from './parse.ts'
import { BUILT_IN_OPTION, TARGET_OPTIONS, targetConfig, type TargetConfig } from './target-settings.ts'

export interface RunConfig extends TargetConfig {
  /** Every warning (Gallery and RFC only levels) fails the run. */
  strict: boolean
  /** The run before a gallery submission: Gallery-level warnings and unmet gallery requirements fail it, and the request rate is measured. */
  gallery: boolean
  /** A `scim-preflight load` report (load.json) whose measured rate the gallery checklist uses. */
  loadReport?: string
  seed: number
  only: string[]
  skip: string[]
  dialects: Dialect[]
  profile: string
  matchingAttribute?: string
  groups: boolean
  /** Members of the large-group flow's group; absent: the flow is skipped (--gallery builds 1,000). */
  largeGroupMembers?: number
  readOnly: boolean
  user?: string
  reportDir: string
  formats: ReportFormat[]
  /** Run folders kept in reportDir, newest first (0: all). */
  keepReports: number
  waivers?: string
  baseline?: string
  failOnNew: boolean
  color: boolean
  githubStepSummary?: string
  /** Fault ids for the embedded endpoint (self-tests and demos); ignored with a real target. */
  faults: string[]
  /** Flow instances run at once (--concurrency; 1 sends one request at a time). */
  concurrency: number
  /** Console: every check (default: causes first, passes as a count per flow). */
  verbose: boolean
  /** Files of the vendor's own checks (--checks; helpers/custom/), relative to the working folder. */
  checks?: string[]
}

export const RUN_OPTIONS = {
  ...TARGET_OPTIONS,
  ...BUILT_IN_OPTION,
  strict: { type: 'boolean' },
  gallery: { type: 'boolean' },
  'load-report': { type: 'string' },
  seed: { type: 'string' },
  only: { type: 'string', multiple: true },
  skip: { type: 'string', multiple: true },
  dialect: { type: 'string' },
  profile: { type: 'string' },
  'matching-attribute': { type: 'string' },
  'no-groups': { type: 'boolean' },
  'large-group': { type: 'string' },
  'read-only': { type: 'boolean' },
  user: { type: 'string' },
  report: { type: 'string' },
  'report-dir': { type: 'string' },
  ...KEEP_REPORTS_OPTION,
  waivers: { type: 'string' },
  baseline: { type: 'string' },
  'fail-on-new': { type: 'boolean' },
  'no-color': { type: 'boolean' },
  fault: { type: 'string', multiple: true },
  concurrency: { type: 'string' },
  verbose: { type: 'boolean', short: 'v' },
  checks: { type: 'string', multiple: true },
  help: { type: 'boolean', short: 'h' },
} as const satisfies Options

export function runConfig(args: string[], env: Env): { kind: 'run'; config: RunConfig } | HelpCommand {
  const { values } = parse(RUN_OPTIONS, args)
  if (values.help) return { kind: 'help', text: HELP }
  const target = targetConfig(values, env, { builtIn: true })
  const gallery = values.gallery === true || parseBool('SCIM_GALLERY', env.SCIM_GALLERY)
  const seedText = values.seed ?? env.SCIM_SEED
  const seed = seedText ? parseCount('--seed', seedText, 0) : Math.floor(Math.random() * 2 ** 31)
  const readOnly = values['read-only'] === true
  if (values.user !== undefined && !readOnly)
    throw new UsageError('--user goes with --read-only: it names an existing user to query without writing')
  return {
    kind: 'run',
    config: {
      ...target,
      strict: values.strict === true || parseBool('SCIM_STRICT', env.SCIM_STRICT),
      gallery,
      loadReport: values['load-report'],
      seed,
      only: values.only ?? [],
      skip: values.skip ?? [],
      dialects: parseDialects(values.dialect ?? env.SCIM_DIALECT ?? 'both'),
      profile: values.profile ?? env.SCIM_PROFILE ?? 'entra-default',
      matchingAttribute: parseMatchingAttribute(values['matching-attribute'] ?? env.SCIM_MATCHING_ATTRIBUTE),
      groups: values['no-groups'] !== true,
      // Microsoft's onboarding tests groups of 1,000 members: --gallery builds one unless told another size.
      largeGroupMembers:
        optionalLargeGroup(values['large-group'] ?? env.SCIM_LARGE_GROUP) ?? (gallery ? 1000 : undefined),
      readOnly,
      user: values.user,
      reportDir: values['report-dir'] ?? env.SCIM_REPORT_DIR ?? 'reports',
      formats: parseFormats(values.report ?? env.SCIM_REPORT ?? REPORT_FORMATS.join(',')),
      keepReports: parseKeepReports(values, env),
      waivers: values.waivers,
      baseline: values.baseline,
      failOnNew: values['fail-on-new'] === true,
      color: colorEnabled(values, env),
      githubStepSummary: env.GITHUB_STEP_SUMMARY || undefined,
      faults: values.fault ?? [],
      concurrency: parseConcurrency(values.concurrency ?? env.SCIM_CONCURRENCY),
      verbose: values.verbose === true,
      checks: values.checks ?? [],
    },
  }
}

/** More than one batch of 100 members, so the batching is exercised; absent when not asked for. */
function optionalLargeGroup(text: string | undefined): number | undefined {
  return text === undefined || text === '' ? undefined : parseCount('--large-group', text, 101)
}

/** Flows at once: 4 by default (what Entra's own parallelism looks like to a server); at most 16. */
const MAX_CONCURRENCY = 16

function parseConcurrency(text: string | undefined): number {
  if (text === undefined) return 4
  const n = parseCount('--concurrency', text, 1)
  if (n > MAX_CONCURRENCY)
    throw new UsageError(
      `--concurrency ${n} is above ${MAX_CONCURRENCY}: give how many flows may run at once (1 sends one request at a time)`,
    )
  return n
}
