// The only module that reads the environment, `.env` and command-line flags. Flags win over the
// environment, which wins over `.env`. Every bad value becomes a one-line UsageError (exit 2).
import { existsSync, readFileSync } from 'node:fs'
import { resolve } from 'node:path'
import { parseArgs, type ParseArgsConfig } from 'node:util'
import dotenv from 'dotenv'
import { parseDuration } from './duration.ts'
import { UsageError } from './errors.ts'
import { MATCHING_ATTRIBUTES } from './profile.ts'
import type { Dialect } from './report/model.ts'

export const DIALECTS: readonly Dialect[] = ['legacy', 'aadOptscim062020']
export const REPORT_FORMATS = ['console', 'json', 'junit', 'html', 'har', 'md'] as const
export type ReportFormat = (typeof REPORT_FORMATS)[number]

/** How to reach and authenticate to the SCIM endpoint. */
export interface TargetConfig {
  /** Absent: the suite starts its own reference endpoint (the embedded default). */
  baseUrl?: string
  token?: string
  oauth?: { tokenUrl: string; clientId: string; clientSecret: string; scope?: string }
  timeoutMs: number
  /** Whole-run limit; the run stops and cleans up when it is reached. */
  maxTimeMs: number
  retries: number
  insecure: boolean
  caFile?: string
  /** Largest response body read before the check fails (bytes). */
  maxBodyBytes: number
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

export interface ServeConfig {
  port: number
  host: string
  token: string
  faults: string[]
  listFaults: boolean
  clientId?: string
  clientSecret?: string
}

export type Command =
  | { kind: 'run'; config: RunConfig }
  | { kind: 'list'; markdown: boolean; json: boolean }
  | { kind: 'serve'; config: ServeConfig }
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
  scim-preflight serve [--port N] [--token T] [--fault ID]...   run the reference endpoint
  scim-preflight --version

Target (flags win over SCIM_* environment variables, which win over .env):
  --url URL             SCIM base URL, e.g. https://api.example.com/scim/v2 (SCIM_BASE_URL).
                        Without it the suite starts its own reference endpoint.
  --token T             bearer token, Entra's "Secret Token" (SCIM_TOKEN)
  --token-url URL --client-id ID --client-secret S [--scope S]
                        OAuth 2.0 client credentials, as Entra gallery apps use (SCIM_TOKEN_URL, …)
  --timeout D           per-request limit, default 10s (SCIM_TIMEOUT); D is 10, 10s, 500ms or 2m
  --max-time D          whole-run limit, default 10m (SCIM_MAX_TIME)
  --retries N           retry idempotent requests after 5xx/429, default 0
  --ca-file PATH        trust this CA too;  --insecure  skip TLS verification (reported)

What to run:
  --dialect D           legacy | aadOptscim062020 | both (default both)
  --profile P           entra-default | timeclock365 | ./mapping.json (default entra-default)
  --matching-attribute A   userName | externalId | emails[type eq "work"].value
  --only GLOB --skip GLOB  select checks by id, e.g. --only 'create-user/*'
  --no-groups           skip group flows (gallery onboarding requires them)
  --read-only --user U  send only GET requests; query the existing user U
  --strict              recommended checks fail the run too
  --seed N              reproduce a run's test data (SCIM_SEED)

Reports:
  --report LIST         console,json,junit,html,har,md (default: all)
  --report-dir DIR      default reports/ (SCIM_REPORT_DIR)
  --waivers FILE        accepted deviations (JSON or YAML)
  --baseline FILE --fail-on-new   compare with an earlier report.json; fail only on regressions

Exit codes: 0 every required check passed; 1 a required check failed; 2 usage error or unreachable target.`

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
    if (positional) throw new UsageError(`unexpected argument '${positional[1]}': commands are run, list, serve; run 'scim-preflight --help'`)
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
    if (!tokenUrl || !clientId || !clientSecret) {
      throw new UsageError('OAuth client credentials need all three of --token-url, --client-id and --client-secret (or SCIM_TOKEN_URL, SCIM_CLIENT_ID, SCIM_CLIENT_SECRET)')
    }
    oauth = { tokenUrl: parseBaseUrl('--token-url', tokenUrl), clientId, clientSecret, scope: str('scope', 'SCIM_SCOPE') }
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

function serveConfig(args: string[], env: Record<string, string | undefined>): Command {
  const { values } = parse(SERVE_OPTIONS, args)
  if (values.help) return { kind: 'help', text: HELP }
  const port = values.port ?? env.SCIM_SERVE_PORT
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
  if (first === 'list') {
    const { values } = parse(LIST_OPTIONS, rest)
    if (values.help) return { kind: 'help', text: HELP }
    return { kind: 'list', markdown: values.markdown === true, json: values.json === true }
  }
  if (first !== undefined && !first.startsWith('-')) {
    throw new UsageError(`unknown command '${first}': commands are run, list, serve; run 'scim-preflight --help'`)
  }
  return runConfig(argv, merged)
}
