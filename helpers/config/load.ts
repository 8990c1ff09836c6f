// `scim-preflight load`: replays an initial Entra cycle at a chosen pressure.
import { DIALECTS, type Dialect } from '../model/dialect.ts'
import { EXIT_CODES } from './command-help.ts'
import { UsageError } from '../model/errors.ts'
import {
  colorEnabled,
  KEEP_REPORTS_OPTION,
  parse,
  parseCount,
  parseKeepReports,
  parseMatchingAttribute,
  type Env,
  type Options,
  type HelpCommand,
} from './parse.ts'
import { BUILT_IN_OPTION, TARGET_OPTIONS, targetConfig, type TargetConfig } from './target-settings.ts'

/** `scim-preflight load`: replays an initial Entra cycle at a chosen pressure (issue 9). */
export interface LoadConfig extends TargetConfig {
  users: number
  groups: number
  membersPerPatch: number
  /** Share of users updated (and half as many disabled) in an incremental cycle; 0 skips it. */
  incremental: number
  concurrency: number
  /** Requests per second, open-loop; undefined sends as fast as `concurrency` in flight allows. */
  rate?: number
  /** Tenant size (users) for the initial-cycle estimate; defaults to `users`. */
  tenantSize: number
  dialect: Dialect
  profile: string
  matchingAttribute?: string
  seed: number
  reportDir: string
  formats: LoadReportFormat[]
  /** Run folders kept in reportDir, newest first (0: all). */
  keepReports: number
  color: boolean
  /** Show the progress bar (stderr is a TTY). */
  progress: boolean
}

export const LOAD_REPORT_FORMATS = ['console', 'json', 'html'] as const

export type LoadReportFormat = (typeof LOAD_REPORT_FORMATS)[number]
/** Above this the pacer's timers cannot keep the schedule in one Node process: refused up front. */

export const MAX_LOAD_RATE = 50_000

export const MAX_LOAD_CONCURRENCY = 1024

export const LOAD_OPTIONS = {
  ...TARGET_OPTIONS,
  ...BUILT_IN_OPTION,
  users: { type: 'string' },
  groups: { type: 'string' },
  'members-per-patch': { type: 'string' },
  incremental: { type: 'string' },
  concurrency: { type: 'string' },
  rate: { type: 'string' },
  'tenant-size': { type: 'string' },
  dialect: { type: 'string' },
  profile: { type: 'string' },
  'matching-attribute': { type: 'string' },
  seed: { type: 'string' },
  report: { type: 'string' },
  'report-dir': { type: 'string' },
  ...KEEP_REPORTS_OPTION,
  'no-color': { type: 'boolean' },
  'no-progress': { type: 'boolean' },
  help: { type: 'boolean', short: 'h' },
} as const satisfies Options

export const LOAD_HELP = `scim-preflight load: replays Entra's initial provisioning cycle against the endpoint and measures it.

Per user the match query and the POST, then the managers (PATCH), then the groups (query, POST) with their
members added by PATCH, optionally an incremental cycle, then DELETE of everything the run created (also on Ctrl-C).
Without a target it runs against the built-in reference endpoint (--built-in chooses it explicitly, also with
--client-id and --client-secret for OAuth). The target, its credentials, TLS and proxy are read as for the suite,
and the same preflight runs first: a refused credential or a URL that is not a SCIM endpoint exits 2.

Usage: scim-preflight load [--url URL --token T] [options]

  --users N             users to create, default 1000
  --groups M            groups to create, default 10 (each user joins one group)
  --members-per-patch K members per group PATCH, 1 to 100, default 20 (the suite's choice)
  --incremental S       share of users updated in an incremental cycle (0 to 1, e.g. 0.2; half as many are
                        disabled); default 0 (no incremental cycle)
  --concurrency C       requests in flight at most, default 10
  --rate R              requests per second, open-loop (scheduled, not waiting for slow answers); without it
                        requests go out as fast as C in flight allow
  --tenant-size U       users in the tenant to estimate Entra's initial cycle for, default --users
  --dialect D           legacy | aadOptscim062020 (default legacy)
  --profile P, --matching-attribute A, --seed N   as for the suite
  --report LIST         console,json,html (default all), --report-dir DIR (default reports/; the run's folder is
                        linked as latest-load), --keep-reports N (as for the suite)
  --timeout D, --max-time D (default 6h), --ca-file, --insecure   as for the suite
  --no-progress         no progress bar on stderr

Exit codes: ${EXIT_CODES.load}`

export function parseShare(flag: string, text: string): number {
  const n = Number(text)
  if (text.trim() === '' || !Number.isFinite(n) || n < 0 || n > 1)
    throw new UsageError(`${flag} '${text}' must be a share between 0 and 1, e.g. 0.2`)
  return n
}

export function parseRate(text: string): number {
  const n = Number(text)
  if (text.trim() === '' || !Number.isFinite(n) || n <= 0)
    throw new UsageError(`--rate '${text}' must be a positive number of requests per second, e.g. 25`)
  if (n > MAX_LOAD_RATE) {
    throw new UsageError(
      `--rate ${text} is beyond what one scim-preflight process can schedule (at most ${MAX_LOAD_RATE} requests/second): leave --rate out to send as fast as --concurrency allows`,
    )
  }
  return n
}

export function loadConfig(args: string[], env: Env): { kind: 'load'; config: LoadConfig } | HelpCommand {
  const { values } = parse(LOAD_OPTIONS, args)
  if (values.help) return { kind: 'help', text: LOAD_HELP }
  const target = targetConfig(values, env, { builtIn: true })
  const maxTime = values['max-time'] ?? env.SCIM_MAX_TIME
  const users = values.users === undefined ? 1000 : parseCount('--users', values.users, 1)
  const dialect = values.dialect ?? 'legacy'
  if (!(DIALECTS as readonly string[]).includes(dialect))
    throw new UsageError(
      `--dialect '${dialect}' is not a PATCH dialect: use legacy or aadOptscim062020 (one per load run)`,
    )
  // 20 by default and at most 100 are the suite's choices: Microsoft publishes no member count per PATCH for Entra.
  const perPatch =
    values['members-per-patch'] === undefined ? 20 : parseCount('--members-per-patch', values['members-per-patch'], 1)
  if (perPatch > 100)
    throw new UsageError(
      `--members-per-patch ${perPatch} is above 100, the most this suite sends in one PATCH (Microsoft publishes no batch size for Entra)`,
    )
  const concurrency = values.concurrency === undefined ? 10 : parseCount('--concurrency', values.concurrency, 1)
  if (concurrency > MAX_LOAD_CONCURRENCY)
    throw new UsageError(`--concurrency ${concurrency} is above ${MAX_LOAD_CONCURRENCY} connections`)
  const seedText = values.seed ?? env.SCIM_SEED
  const formats = (values.report ?? LOAD_REPORT_FORMATS.join(','))
    .split(',')
    .map((f) => f.trim())
    .filter(Boolean)
  for (const f of formats) {
    if (!(LOAD_REPORT_FORMATS as readonly string[]).includes(f))
      throw new UsageError(`--report '${f}' is not a load report format: use ${LOAD_REPORT_FORMATS.join(', ')}`)
  }
  const color = colorEnabled(values, env)
  return {
    kind: 'load',
    config: {
      ...target,
      maxTimeMs: maxTime ? target.maxTimeMs : 6 * 3_600_000,
      users,
      groups: values.groups === undefined ? 10 : parseCount('--groups', values.groups, 0),
      membersPerPatch: perPatch,
      incremental: values.incremental === undefined ? 0 : parseShare('--incremental', values.incremental),
      concurrency,
      rate: values.rate === undefined ? undefined : parseRate(values.rate),
      tenantSize: values['tenant-size'] === undefined ? users : parseCount('--tenant-size', values['tenant-size'], 1),
      dialect: dialect as Dialect,
      profile: values.profile ?? env.SCIM_PROFILE ?? 'entra-default',
      matchingAttribute: parseMatchingAttribute(values['matching-attribute'] ?? env.SCIM_MATCHING_ATTRIBUTE),
      seed: seedText ? parseCount('--seed', seedText, 0) : Math.floor(Math.random() * 2 ** 31),
      reportDir: values['report-dir'] ?? env.SCIM_REPORT_DIR ?? 'reports',
      formats: formats as LoadReportFormat[],
      keepReports: parseKeepReports(values, env),
      color,
      progress: values['no-progress'] !== true && process.stderr.isTTY === true,
    },
  }
}
