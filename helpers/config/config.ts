// The only module that reads the environment, `.env` and command-line flags. Flags win over the
// environment, which wins over `.env`. Every bad value becomes a one-line UsageError (exit 2).
import { existsSync, readFileSync } from 'node:fs'
import { resolve } from 'node:path'
import { parseArgs, type ParseArgsConfig } from 'node:util'
import dotenv from 'dotenv'
import { parseDuration } from './duration.ts'
import { UsageError } from '../errors.ts'
import type { ProxyConfig } from '../client/proxy.ts'
import { MATCHING_ATTRIBUTES } from '../entra/profile.ts'
import { DIALECTS, type Dialect } from '../entra/dialect.ts'
import { REPORT_FORMATS, type ReportFormat } from '../report/formats.ts'
import { RUN_PREFIX_STEM } from '../entra/test-data.ts'


/** How to reach and authenticate to the SCIM endpoint. */
export interface TargetConfig {
  /** Absent: the suite starts its own reference endpoint (the embedded default). */
  baseUrl?: string
  token?: string
  /** OAuth 2.0 client credentials; without tokenUrl (built-in endpoint only) the endpoint's own token URL is used. */
  oauth?: { tokenUrl?: string; clientId: string; clientSecret: string; scope?: string }
  timeoutMs: number
  /** Whole-run limit; the run stops and cleans up when it is reached. */
  maxTimeMs: number
  retries: number
  insecure: boolean
  caFile?: string
  /** Largest response body read before the check fails (bytes). */
  maxBodyBytes: number
  /** From HTTPS_PROXY / HTTP_PROXY / NO_PROXY (either case); absent when none is set. */
  proxy?: ProxyConfig
}

export interface CleanupConfig extends TargetConfig {
  baseUrl: string
  /** Delete resources of this run prefix (`spf-<run id>`); absent with --all-runs. */
  runPrefix?: string
  allRuns: boolean
  /** Delete without asking. */
  yes: boolean
}

export interface RunConfig extends TargetConfig {
  strict: boolean
  seed: number
  only: string[]
  skip: string[]
  dialects: Dialect[]
  profile: string
  matchingAttribute?: string
  groups: boolean
  /** Members of the large-group flow's group (default 1,000). */
  largeGroupMembers?: number
  readOnly: boolean
  user?: string
  reportDir: string
  formats: ReportFormat[]
  waivers?: string
  baseline?: string
  failOnNew: boolean
  color: boolean
  githubStepSummary?: string
  /** Fault ids for the embedded endpoint (self-tests and demos); ignored with a real target. */
  faults: string[]
}

/** `scim-preflight diagnose`: a quarantined job's status and logs, and read-only probes of its endpoint. */
export interface DiagnoseConfig extends TargetConfig {
  jobStatus?: string
  logs: string[]
  user?: string
  matchingAttribute?: string
  profile: string
  reportDir: string
  formats: ReportFormat[]
  color: boolean
  githubStepSummary?: string
  /** The moment the job's back-off position is computed for (--now, default the current time). */
  now: Date
}

export interface ServeConfig {
  port: number
  host: string
  token: string
  faults: string[]
  listFaults: boolean
  clientId?: string
  clientSecret?: string
  /** Users and groups (not run-prefixed) to start with, for demos and the safety tests. */
  seedUsers: number
  seedGroups: number
}

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
  color: boolean
  /** Show the progress bar (stderr is a TTY). */
  progress: boolean
}

export const LOAD_REPORT_FORMATS = ['console', 'json', 'html'] as const
export type LoadReportFormat = (typeof LOAD_REPORT_FORMATS)[number]
/** Above this the pacer's timers cannot keep the schedule in one Node process: refused up front. */
export const MAX_LOAD_RATE = 50_000
export const MAX_LOAD_CONCURRENCY = 1024

export type Command =
  | { kind: 'run'; config: RunConfig }
  | { kind: 'load'; config: LoadConfig }
  | { kind: 'list'; markdown: boolean; json: boolean }
  | { kind: 'serve'; config: ServeConfig }
  | { kind: 'diagnose'; config: DiagnoseConfig }
  | { kind: 'cleanup'; config: CleanupConfig }
  | { kind: 'help'; text: string }
  | { kind: 'version' }

type Options = NonNullable<ParseArgsConfig['options']>

const TARGET_OPTIONS = {
  url: { type: 'string' },
  'base-url': { type: 'string' },
  token: { type: 'string' },
  'token-url': { type: 'string' },
  'client-id': { type: 'string' },
  'client-secret': { type: 'string' },
  scope: { type: 'string' },
  timeout: { type: 'string' },
  'max-time': { type: 'string' },
  retries: { type: 'string' },
  insecure: { type: 'boolean' },
  'ca-file': { type: 'string' },
  'max-body': { type: 'string' },
} as const satisfies Options

const RUN_OPTIONS = {
  ...TARGET_OPTIONS,
  strict: { type: 'boolean' },
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
  waivers: { type: 'string' },
  baseline: { type: 'string' },
  'fail-on-new': { type: 'boolean' },
  'no-color': { type: 'boolean' },
  fault: { type: 'string', multiple: true },
  help: { type: 'boolean', short: 'h' },
} as const satisfies Options

const SERVE_OPTIONS = {
  port: { type: 'string' },
  host: { type: 'string' },
  token: { type: 'string' },
  fault: { type: 'string', multiple: true },
  'list-faults': { type: 'boolean' },
  'client-id': { type: 'string' },
  'client-secret': { type: 'string' },
  'seed-users': { type: 'string' },
  'seed-groups': { type: 'string' },
  help: { type: 'boolean', short: 'h' },
} as const satisfies Options

const CLEANUP_OPTIONS = {
  ...TARGET_OPTIONS,
  run: { type: 'string' },
  'all-runs': { type: 'boolean' },
  yes: { type: 'boolean', short: 'y' },
  help: { type: 'boolean', short: 'h' },
} as const satisfies Options

const DIAGNOSE_OPTIONS = {
  ...TARGET_OPTIONS,
  'job-status': { type: 'string' },
  logs: { type: 'string', multiple: true },
  user: { type: 'string' },
  'matching-attribute': { type: 'string' },
  profile: { type: 'string' },
  report: { type: 'string' },
  'report-dir': { type: 'string' },
  now: { type: 'string' },
  'no-color': { type: 'boolean' },
  help: { type: 'boolean', short: 'h' },
} as const satisfies Options

const LOAD_OPTIONS = {
  ...TARGET_OPTIONS,
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
  'no-color': { type: 'boolean' },
  'no-progress': { type: 'boolean' },
  help: { type: 'boolean', short: 'h' },
} as const satisfies Options

const LIST_OPTIONS = {
  markdown: { type: 'boolean' },
  json: { type: 'boolean' },
  help: { type: 'boolean', short: 'h' },
} as const satisfies Options

export const HELP = `scim-preflight: plays Microsoft Entra ID's provisioning service against a SCIM 2.0 endpoint.

Usage:
  scim-preflight [run] [options]     run the conformance suite (default command)
  scim-preflight list [--markdown|--json]   print the check catalog (no network)
  scim-preflight diagnose [--url U --token T] [--job-status job.json] [--logs FILE]...
                                     why is an Entra job quarantined? (read-only; see below)
  scim-preflight serve [--port N] [--token T] [--client-id ID --client-secret S] [--fault ID]... [--seed-users N] [--seed-groups N]
                                     run the reference endpoint (with a token endpoint for client credentials)
  scim-preflight load [options]      replay an initial Entra cycle and measure throughput (see 'load --help')
  scim-preflight cleanup --run spf-<id> | --all-runs [--yes]
                                     delete what killed runs left behind (asks first unless --yes)
  scim-preflight --version

Target (flags win over SCIM_* environment variables, which win over .env):
  --url URL             SCIM base URL, e.g. https://api.example.com/scim/v2 (SCIM_BASE_URL).
                        Without it the suite starts its own reference endpoint.
  --token T             bearer token, Entra's "Secret Token" (SCIM_TOKEN)
  --token-url URL --client-id ID --client-secret S [--scope S]
                        OAuth 2.0 client credentials, as Entra gallery apps use (SCIM_TOKEN_URL, …);
                        without --url, --client-id and --client-secret use the built-in endpoint's token endpoint
  --timeout D           per-request limit, default 10s (SCIM_TIMEOUT); D is 10, 10s, 500ms or 2m
  --max-time D          whole-run limit, default 10m (SCIM_MAX_TIME)
  --retries N           retry idempotent requests after 5xx/429, default 0
  --ca-file PATH        trust this CA too;  --insecure  skip TLS verification (reported)
  --max-body N          largest response body read, in bytes, default 10485760 (SCIM_MAX_BODY_BYTES)
  HTTPS_PROXY, HTTP_PROXY, NO_PROXY   honoured (https targets through a CONNECT tunnel)

What to run:
  --dialect D           legacy | aadOptscim062020 | both (default both)
  --profile P           entra-default | timeclock365 | ./mapping.json (default entra-default)
  --matching-attribute A   userName | externalId | emails[type eq "work"].value
  --only GLOB --skip GLOB  select checks by id, e.g. --only 'create-user/*'
  --no-groups           skip group flows (gallery onboarding requires them)
  --large-group N       members of the large group (users created for it), default 1000 (SCIM_LARGE_GROUP)
  --read-only --user U  send only GET requests; query the existing user U
  --strict              recommended checks fail the run too
  --seed N              reproduce a run's test data (SCIM_SEED)

Reports:
  --report LIST         console,json,junit,html,har,md (default: all)
  --report-dir DIR      default reports/ (SCIM_REPORT_DIR)
  --waivers FILE        accepted deviations (JSON or YAML)
  --baseline FILE --fail-on-new   compare with an earlier report.json; fail only on regressions

Diagnose (sends only GET requests; needs a target, --job-status or --logs):
  --job-status FILE     the job as Graph returns it (GET …/servicePrincipals/{id}/synchronization/jobs/{jobId})
  --logs FILE           provisioning logs: Graph JSON pages, the portal's JSON or CSV download; repeat for more pages
  --user VALUE          also look up this existing user by the matching attribute and check the answer's shape
  --now DATE            explain the quarantine back-off as of this ISO date (default: now)

Exit codes: 0 every required check passed; 1 a required check failed; 2 usage error or unreachable target.`

export const LOAD_HELP = `scim-preflight load: replays Entra's initial provisioning cycle against the endpoint and measures it.

Per user the match query and the POST, then the managers (PATCH), then the groups (query, POST) with their
members added by PATCH, optionally an incremental cycle, then DELETE of everything the run created (also on Ctrl-C).
Without a target it runs against the built-in reference endpoint.

Usage: scim-preflight load [--url URL --token T] [options]

  --users N             users to create, default 1000
  --groups M            groups to create, default 10 (each user joins one group)
  --members-per-patch K members per group PATCH, 1 to 100, default 20
  --incremental S       share of users updated in an incremental cycle (0 to 1, e.g. 0.2; half as many are
                        disabled); default 0 (no incremental cycle)
  --concurrency C       requests in flight at most, default 10
  --rate R              requests per second, open-loop (scheduled, not waiting for slow answers); without it
                        requests go out as fast as C in flight allow
  --tenant-size U       users in the tenant to estimate Entra's initial cycle for, default --users
  --dialect D           legacy | aadOptscim062020 (default legacy)
  --profile P, --matching-attribute A, --seed N   as for the suite
  --report LIST         console,json,html (default all), --report-dir DIR (default reports/)
  --timeout D, --max-time D (default 6h), --ca-file, --insecure   as for the suite
  --no-progress         no progress bar on stderr

Exit codes: 0 the endpoint carried the cycle at 25 requests/second or more (or the run was inconclusive because
the tool could not keep up, which the report says); 1 it did not; 2 usage error or unreachable target.`

function parse<T extends Options>(options: T, args: string[]) {
  try {
    return parseArgs({ options, args, strict: true, allowPositionals: false })
  } catch (err) {
    const msg = (err as Error).message
    const unknown = /Unknown option '([^']+)'/.exec(msg)
    if (unknown) throw new UsageError(`unknown flag ${unknown[1]}: run 'scim-preflight --help' for the list of flags`)
    const missing = /Option '([^']+)' argument missing/.exec(msg)
    if (missing) throw new UsageError(`${(missing[1] ?? '').split(',').pop()?.trim()} needs a value: run 'scim-preflight --help'`)
    const positional = /Unexpected argument '([^']+)'/.exec(msg)
    if (positional) throw new UsageError(`unexpected argument '${positional[1]}': commands are run, list, serve, diagnose, load, cleanup; run 'scim-preflight --help'`)
    throw new UsageError(`${msg.split('\n')[0]}: run 'scim-preflight --help'`)
  }
}

/** Environment with `.env` (from cwd) underneath the real environment. */
export function loadEnvironment(env: NodeJS.ProcessEnv, cwd: string): Record<string, string | undefined> {
  const file = resolve(cwd, '.env')
  const fromFile = existsSync(file) ? dotenv.parse(readFileSync(file)) : {}
  return { ...fromFile, ...env }
}

function parseBaseUrl(source: string, text: string): string {
  let url: URL
  try {
    url = new URL(text)
  } catch {
    throw new UsageError(`${source} '${text}' is not a valid URL: give the full SCIM base URL, e.g. https://api.example.com/scim/v2`)
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') {
    throw new UsageError(`${source} '${text}' must start with https:// (or http:// for a local server)`)
  }
  if (url.username || url.password) {
    throw new UsageError(`${source} must not carry credentials: give the token with --token or SCIM_TOKEN`)
  }
  return url.toString().replace(/\/+$/, '')
}

// Kept exactly as given (a trailing slash can matter to a token endpoint); credentials belong in --client-secret.
function parseTokenUrl(text: string): string {
  let url: URL
  try {
    url = new URL(text)
  } catch {
    throw new UsageError(`--token-url '${text}' is not a valid URL: give the full token endpoint URL, e.g. https://login.example.com/oauth2/token`)
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') throw new UsageError(`--token-url '${text}' must start with https:// (or http:// for a local server)`)
  if (url.username || url.password) throw new UsageError('--token-url must not carry credentials: give them with --client-id and --client-secret')
  return text
}

function parseCount(flag: string, text: string, min: number): number {
  const n = Number(text)
  if (!/^\d+$/.test(text.trim()) || n < min) throw new UsageError(`${flag} '${text}' must be a whole number of at least ${min}`)
  return n
}

function parseBool(name: string, text: string | undefined): boolean {
  if (text === undefined || text === '') return false
  if (/^(1|true|yes|on)$/i.test(text)) return true
  if (/^(0|false|no|off)$/i.test(text)) return false
  throw new UsageError(`${name} '${text}' must be true or false`)
}

/** The proxy settings, as curl reads them: lower-case names win over upper-case ones. */
function proxyConfig(env: Record<string, string | undefined>): ProxyConfig | undefined {
  const pick = (name: string) => env[name.toLowerCase()] || env[name] || undefined
  const check = (name: string, text: string | undefined): string | undefined => {
    if (text === undefined) return undefined
    const withScheme = /^[a-z][a-z0-9+.-]*:\/\//i.test(text) ? text : `http://${text}`
    let url: URL
    try {
      url = new URL(withScheme)
    } catch {
      throw new UsageError(`${name} '${text}' is not a proxy URL: use http://host:port`)
    }
    if (url.protocol !== 'http:') throw new UsageError(`${name} '${text}' must be an http:// proxy (https:// and socks proxies are not supported)`)
    return url.toString()
  }
  const https = check('HTTPS_PROXY', pick('HTTPS_PROXY'))
  const http = check('HTTP_PROXY', pick('HTTP_PROXY'))
  if (!https && !http) return undefined
  const noProxy = (pick('NO_PROXY') ?? '').split(/[\s,]+/).filter(Boolean)
  return { ...(https ? { https } : {}), ...(http ? { http } : {}), noProxy }
}

/** `spf-<run id>` or the bare run id, as printed at the start of a run. */
function parseRunPrefix(text: string): string {
  const m = new RegExp(`^(?:${RUN_PREFIX_STEM}-)?([0-9a-f]{8})$`).exec(text.trim())
  if (!m) throw new UsageError(`--run '${text}' is not a run prefix: give the ${RUN_PREFIX_STEM}-<run id> a run printed (e.g. ${RUN_PREFIX_STEM}-1a2b3c4d)`)
  return `${RUN_PREFIX_STEM}-${m[1]}`
}

function parseDialects(text: string): Dialect[] {
  if (text === 'both') return [...DIALECTS]
  if ((DIALECTS as readonly string[]).includes(text)) return [text as Dialect]
  throw new UsageError(`--dialect '${text}' is not a PATCH dialect: use legacy, aadOptscim062020 or both`)
}

function parseMatchingAttribute(text: string | undefined): string | undefined {
  if (text === undefined || (MATCHING_ATTRIBUTES as readonly string[]).includes(text)) return text
  throw new UsageError(`--matching-attribute '${text}' is not an attribute Entra matches on: use ${MATCHING_ATTRIBUTES.map((a) => `'${a}'`).join(', ')}`)
}

function parseFormats(text: string): ReportFormat[] {
  const names = text.split(',').map((s) => s.trim()).filter(Boolean)
  for (const n of names) {
    if (!(REPORT_FORMATS as readonly string[]).includes(n)) {
      throw new UsageError(`--report '${n}' is not a report format: use a comma-separated list of ${REPORT_FORMATS.join(', ')}`)
    }
  }
  if (names.length === 0) throw new UsageError(`--report needs at least one of ${REPORT_FORMATS.join(', ')}`)
  return names as ReportFormat[]
}

function targetConfig(values: Record<string, unknown>, env: Record<string, string | undefined>): TargetConfig {
  const str = (flag: string, envName: string): string | undefined => {
    const v = values[flag]
    if (typeof v === 'string') return v
    const e = env[envName]
    return e === undefined || e === '' ? undefined : e
  }
  const urlFlag = (values.url ?? values['base-url']) as string | undefined
  const rawUrl = urlFlag ?? str('', 'SCIM_BASE_URL')
  const baseUrl = rawUrl === undefined ? undefined : parseBaseUrl(urlFlag ? '--url' : 'SCIM_BASE_URL', rawUrl)
  const token = str('token', 'SCIM_TOKEN')
  const tokenUrl = str('token-url', 'SCIM_TOKEN_URL')
  const clientId = str('client-id', 'SCIM_CLIENT_ID')
  const clientSecret = str('client-secret', 'SCIM_CLIENT_SECRET')
  let oauth: TargetConfig['oauth']
  if (tokenUrl || clientId || clientSecret) {
    // The built-in endpoint serves its own token endpoint, so there only the id and secret are needed.
    if (!baseUrl && tokenUrl) {
      throw new UsageError('--token-url goes with --url: the built-in reference endpoint issues tokens itself (give only --client-id and --client-secret)')
    }
    if ((baseUrl && !tokenUrl) || !clientId || !clientSecret) {
      throw new UsageError('OAuth client credentials need all three of --token-url, --client-id and --client-secret (or SCIM_TOKEN_URL, SCIM_CLIENT_ID, SCIM_CLIENT_SECRET)')
    }
    oauth = { ...(tokenUrl ? { tokenUrl: parseTokenUrl(tokenUrl) } : {}), clientId, clientSecret, scope: str('scope', 'SCIM_SCOPE') }
  }
  if (baseUrl && !token && !oauth) {
    throw new UsageError('a target URL needs a token: set SCIM_TOKEN or pass --token (or --token-url, --client-id and --client-secret for OAuth)')
  }
  const timeout = str('timeout', 'SCIM_TIMEOUT')
  const maxTime = str('max-time', 'SCIM_MAX_TIME')
  const retries = str('retries', 'SCIM_RETRIES')
  const maxBody = str('max-body', 'SCIM_MAX_BODY_BYTES')
  return {
    baseUrl,
    token,
    oauth,
    timeoutMs: timeout ? parseDuration('--timeout', timeout) : 10_000,
    maxTimeMs: maxTime ? parseDuration('--max-time', maxTime) : 600_000,
    retries: retries ? parseCount('--retries', retries, 0) : 0,
    insecure: values.insecure === true || parseBool('SCIM_INSECURE', env.SCIM_INSECURE),
    caFile: str('ca-file', 'SCIM_CA_FILE'),
    maxBodyBytes: maxBody ? parseCount('--max-body', maxBody, 1024) : 10 * 1024 * 1024,
    proxy: proxyConfig(env),
  }
}

function runConfig(args: string[], env: Record<string, string | undefined>): Command {
  const { values } = parse(RUN_OPTIONS, args)
  if (values.help) return { kind: 'help', text: HELP }
  const target = targetConfig(values, env)
  const seedText = values.seed ?? env.SCIM_SEED
  const seed = seedText ? parseCount('--seed', seedText, 0) : Math.floor(Math.random() * 2 ** 31)
  const readOnly = values['read-only'] === true
  if (values.user !== undefined && !readOnly) throw new UsageError('--user goes with --read-only: it names an existing user to query without writing')
  return {
    kind: 'run',
    config: {
      ...target,
      strict: values.strict === true || parseBool('SCIM_STRICT', env.SCIM_STRICT),
      seed,
      only: values.only ?? [],
      skip: values.skip ?? [],
      dialects: parseDialects(values.dialect ?? env.SCIM_DIALECT ?? 'both'),
      profile: values.profile ?? env.SCIM_PROFILE ?? 'entra-default',
      matchingAttribute: parseMatchingAttribute(values['matching-attribute'] ?? env.SCIM_MATCHING_ATTRIBUTE),
      groups: values['no-groups'] !== true,
      largeGroupMembers: parseCount('--large-group', values['large-group'] ?? env.SCIM_LARGE_GROUP ?? '1000', 101),
      readOnly,
      user: values.user,
      reportDir: values['report-dir'] ?? env.SCIM_REPORT_DIR ?? 'reports',
      formats: parseFormats(values.report ?? env.SCIM_REPORT ?? REPORT_FORMATS.join(',')),
      waivers: values.waivers,
      baseline: values.baseline,
      failOnNew: values['fail-on-new'] === true,
      color: values['no-color'] !== true && env.NO_COLOR === undefined && (env.FORCE_COLOR ? env.FORCE_COLOR !== '0' : process.stdout.isTTY === true),
      githubStepSummary: env.GITHUB_STEP_SUMMARY || undefined,
      faults: values.fault ?? [],
    },
  }
}

function diagnoseConfig(args: string[], env: Record<string, string | undefined>): Command {
  const { values } = parse(DIAGNOSE_OPTIONS, args)
  if (values.help) return { kind: 'help', text: HELP }
  const target = targetConfig(values, env)
  const logs = values.logs ?? []
  if (!target.baseUrl && !values['job-status'] && logs.length === 0) {
    throw new UsageError('diagnose needs something to look at: a target (--url and --token), --job-status job.json, or --logs FILE')
  }
  if (values.user !== undefined && !target.baseUrl) throw new UsageError('--user needs a target to query: give --url and --token')
  let now = new Date()
  if (values.now !== undefined) {
    now = new Date(values.now)
    if (Number.isNaN(now.getTime())) throw new UsageError(`--now '${values.now}' is not a date: use ISO 8601, e.g. 2026-10-02T09:00:00Z`)
  }
  return {
    kind: 'diagnose',
    config: {
      ...target,
      jobStatus: values['job-status'],
      logs,
      user: values.user,
      matchingAttribute: values['matching-attribute'] ?? env.SCIM_MATCHING_ATTRIBUTE,
      profile: values.profile ?? env.SCIM_PROFILE ?? 'entra-default',
      reportDir: values['report-dir'] ?? env.SCIM_REPORT_DIR ?? 'reports',
      formats: parseFormats(values.report ?? env.SCIM_REPORT ?? REPORT_FORMATS.join(',')),
      color: values['no-color'] !== true && env.NO_COLOR === undefined && (env.FORCE_COLOR ? env.FORCE_COLOR !== '0' : process.stdout.isTTY === true),
      githubStepSummary: env.GITHUB_STEP_SUMMARY || undefined,
      now,
      },
    }
  }

function parseShare(flag: string, text: string): number {
  const n = Number(text)
  if (text.trim() === '' || !Number.isFinite(n) || n < 0 || n > 1) throw new UsageError(`${flag} '${text}' must be a share between 0 and 1, e.g. 0.2`)
  return n
}

function parseRate(text: string): number {
  const n = Number(text)
  if (text.trim() === '' || !Number.isFinite(n) || n <= 0) throw new UsageError(`--rate '${text}' must be a positive number of requests per second, e.g. 25`)
  if (n > MAX_LOAD_RATE) {
    throw new UsageError(`--rate ${text} is beyond what one scim-preflight process can schedule (at most ${MAX_LOAD_RATE} requests/second): leave --rate out to send as fast as --concurrency allows`)
  }
  return n
}

function loadCommand(args: string[], env: Record<string, string | undefined>): Command {
  const { values } = parse(LOAD_OPTIONS, args)
  if (values.help) return { kind: 'help', text: LOAD_HELP }
  const target = targetConfig(values, env)
  const maxTime = values['max-time'] ?? env.SCIM_MAX_TIME
  const users = values.users === undefined ? 1000 : parseCount('--users', values.users, 1)
  const dialect = values.dialect ?? 'legacy'
  if (!(DIALECTS as readonly string[]).includes(dialect)) throw new UsageError(`--dialect '${dialect}' is not a PATCH dialect: use legacy or aadOptscim062020 (one per load run)`)
  const perPatch = values['members-per-patch'] === undefined ? 20 : parseCount('--members-per-patch', values['members-per-patch'], 1)
  if (perPatch > 100) throw new UsageError(`--members-per-patch ${perPatch} is above 100: Entra's group PATCHes carry far fewer members`)
  const concurrency = values.concurrency === undefined ? 10 : parseCount('--concurrency', values.concurrency, 1)
  if (concurrency > MAX_LOAD_CONCURRENCY) throw new UsageError(`--concurrency ${concurrency} is above ${MAX_LOAD_CONCURRENCY} connections`)
  const seedText = values.seed ?? env.SCIM_SEED
  const formats = (values.report ?? LOAD_REPORT_FORMATS.join(',')).split(',').map((f) => f.trim()).filter(Boolean)
  for (const f of formats) {
    if (!(LOAD_REPORT_FORMATS as readonly string[]).includes(f)) throw new UsageError(`--report '${f}' is not a load report format: use ${LOAD_REPORT_FORMATS.join(', ')}`)
  }
  const color = values['no-color'] !== true && env.NO_COLOR === undefined && (env.FORCE_COLOR ? env.FORCE_COLOR !== '0' : process.stdout.isTTY === true)
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
      matchingAttribute: values['matching-attribute'] ?? env.SCIM_MATCHING_ATTRIBUTE,
      seed: seedText ? parseCount('--seed', seedText, 0) : Math.floor(Math.random() * 2 ** 31),
      reportDir: values['report-dir'] ?? env.SCIM_REPORT_DIR ?? 'reports',
      formats: formats as LoadReportFormat[],
      color,
      progress: values['no-progress'] !== true && process.stderr.isTTY === true,
    },
  }
}

function serveConfig(args: string[], env: Record<string, string | undefined>): Command {
  const { values } = parse(SERVE_OPTIONS, args)
  if (values.help) return { kind: 'help', text: HELP }
  const port = values.port ?? env.SCIM_SERVE_PORT
  if ((values['client-id'] === undefined) !== (values['client-secret'] === undefined)) {
    throw new UsageError('serve needs both --client-id and --client-secret to serve a token endpoint')
  }
  return {
    kind: 'serve',
    config: {
      port: port === undefined ? 8080 : parseCount('--port', port, 0),
      host: values.host ?? '127.0.0.1',
      token: values.token ?? env.SCIM_TOKEN ?? 'preflight-local-token',
      faults: values.fault ?? [],
      listFaults: values['list-faults'] === true,
      clientId: values['client-id'],
      clientSecret: values['client-secret'],
      seedUsers: values['seed-users'] === undefined ? 0 : parseCount('--seed-users', values['seed-users'], 0),
      seedGroups: values['seed-groups'] === undefined ? 0 : parseCount('--seed-groups', values['seed-groups'], 0),
    },
  }
}

function cleanupConfig(args: string[], env: Record<string, string | undefined>): Command {
  const { values } = parse(CLEANUP_OPTIONS, args)
  if (values.help) return { kind: 'help', text: HELP }
  const target = targetConfig(values, env)
  if (!target.baseUrl) throw new UsageError('cleanup needs the target: pass --url and --token (or set SCIM_BASE_URL and SCIM_TOKEN)')
  if ((values.run === undefined) === (values['all-runs'] !== true)) {
    throw new UsageError('cleanup needs exactly one of --run spf-<run id> (one run) or --all-runs (every scim-preflight run)')
  }
  return {
    kind: 'cleanup',
    config: {
      ...target,
      baseUrl: target.baseUrl,
      ...(values.run !== undefined ? { runPrefix: parseRunPrefix(values.run) } : {}),
      allRuns: values['all-runs'] === true,
      yes: values.yes === true,
    },
  }
}

/** Parses a whole command line (without `node` and the script). */
export function parseCommand(argv: string[], env: NodeJS.ProcessEnv, cwd: string): Command {
  const merged = loadEnvironment(env, cwd)
  const [first, ...rest] = argv
  if (first === '--version' || first === '-v') return { kind: 'version' }
  if (first === 'help') return { kind: 'help', text: HELP }
  if (first === 'run') return runConfig(rest, merged)
  if (first === 'serve') return serveConfig(rest, merged)
  if (first === 'diagnose') return diagnoseConfig(rest, merged)
  if (first === 'load') return loadCommand(rest, merged)
  if (first === 'cleanup') return cleanupConfig(rest, merged)
  if (first === 'list') {
    const { values } = parse(LIST_OPTIONS, rest)
    if (values.help) return { kind: 'help', text: HELP }
    return { kind: 'list', markdown: values.markdown === true, json: values.json === true }
  }
  if (first !== undefined && !first.startsWith('-')) {
    throw new UsageError(`unknown command '${first}': commands are run, list, serve, diagnose, load, cleanup; run 'scim-preflight --help'`)
  }
  return runConfig(argv, merged)
}
