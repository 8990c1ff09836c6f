// What every command's configuration shares: one flag parser whose errors are one line, and the value parsers.
import { parseArgs, type ParseArgsConfig } from 'node:util'
import { UsageError } from '../model/errors.ts'
import { DIALECTS, type Dialect } from '../model/dialect.ts'
import { MATCHING_ATTRIBUTES } from '../entra/profile.ts'
import { REPORT_FORMATS, type ReportFormat } from '../model/report-formats.ts'
import { COMMANDS_ARE } from './command-help.ts'

/** Run folders kept by default (--keep-reports, SCIM_KEEP_REPORTS; 0 keeps every one). */
export const DEFAULT_KEEP_REPORTS = 20

/** What any command's parser answers to --help. */
export type HelpCommand = { kind: 'help'; text: string }

/** The merged environment: real variables over `.env`. */
export type Env = Record<string, string | undefined>

export type Options = NonNullable<ParseArgsConfig['options']>

export function parse<T extends Options>(options: T, args: string[]) {
  // `--users -5`: node reads a value that starts with a dash as another flag; a negative number is a value (which
  // the flag's own parser then refuses in its words).
  const joined = args.flatMap((a, i) =>
    /^-\d/.test(args[i + 1] ?? '') && isStringFlag(options, a)
      ? []
      : /^-\d/.test(a) && i > 0 && isStringFlag(options, args[i - 1]!)
        ? [`${args[i - 1]}=${a}`]
        : [a],
  )
  try {
    return parseArgs({ options, args: joined, strict: true, allowPositionals: false })
  } catch (err) {
    const msg = (err as Error).message
    const unknown = /Unknown option '([^']+)'/.exec(msg)
    if (unknown) throw new UsageError(`unknown flag ${unknown[1]}: run 'scim-preflight --help' for the list of flags`)
    const missing = /Option '([^']+)' argument missing/.exec(msg)
    if (missing)
      throw new UsageError(
        `${(missing[1] ?? '')
          .split(',')
          .pop()
          ?.trim()
          .replace(/\s*<value>$/, '')} needs a value: run 'scim-preflight --help'`,
      )
    const positional = /Unexpected argument '([^']+)'/.exec(msg)
    if (positional) throw new UsageError(`unexpected argument '${positional[1]}': ${COMMANDS_ARE}`)
    throw new UsageError(`${msg.split('\n')[0]}: run 'scim-preflight --help'`)
  }
}

function isStringFlag(options: Options, arg: string): boolean {
  if (!arg.startsWith('--') || arg.includes('=')) return false
  return options[arg.slice(2)]?.type === 'string'
}

export function parseCount(flag: string, text: string, min: number): number {
  const n = Number(text)
  if (!/^\d+$/.test(text.trim()) || n < min)
    throw new UsageError(`${flag} '${text}' must be a whole number of at least ${min}`)
  return n
}

export function parseBool(name: string, text: string | undefined): boolean {
  if (text === undefined || text === '') return false
  if (/^(1|true|yes|on)$/i.test(text)) return true
  if (/^(0|false|no|off)$/i.test(text)) return false
  throw new UsageError(`${name} '${text}' must be true or false`)
}

export function parseDialects(text: string): Dialect[] {
  if (text === 'both') return [...DIALECTS]
  if ((DIALECTS as readonly string[]).includes(text)) return [text as Dialect]
  throw new UsageError(`--dialect '${text}' is not a PATCH dialect: use legacy, aadOptscim062020 or both`)
}

export function parseMatchingAttribute(text: string | undefined): string | undefined {
  if (text === undefined || (MATCHING_ATTRIBUTES as readonly string[]).includes(text)) return text
  throw new UsageError(
    `--matching-attribute '${text}' is not an attribute Entra matches on: use ${MATCHING_ATTRIBUTES.map((a) => `'${a}'`).join(', ')}`,
  )
}

/** The formats of a --report list, each one of `allowed` (a command that writes fewer formats names only those). */
export function parseFormats(text: string, allowed: readonly ReportFormat[] = REPORT_FORMATS): ReportFormat[] {
  const names = text
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean)
  for (const n of names) {
    if (!(allowed as readonly string[]).includes(n)) {
      throw new UsageError(
        `--report '${n}' is not a report format: use a comma-separated list of ${allowed.join(', ')}`,
      )
    }
  }
  if (names.length === 0) throw new UsageError(`--report needs at least one of ${allowed.join(', ')}`)
  return names as ReportFormat[]
}

/** Run folders kept in the report folder (--keep-reports, SCIM_KEEP_REPORTS): default 20, 0 keeps every one. */
export const KEEP_REPORTS_OPTION = { 'keep-reports': { type: 'string' } } as const satisfies Options

export function parseKeepReports(values: { 'keep-reports'?: string }, env: Env): number {
  const text = values['keep-reports'] ?? env.SCIM_KEEP_REPORTS
  return text === undefined || text === ''
    ? DEFAULT_KEEP_REPORTS
    : parseCount(values['keep-reports'] !== undefined ? '--keep-reports' : 'SCIM_KEEP_REPORTS', text, 0)
}

/** Colour on stdout: off with --no-color or NO_COLOR, forced with FORCE_COLOR, else only on a terminal. */
export function colorEnabled(values: { 'no-color'?: boolean }, env: Env): boolean {
  return (
    values['no-color'] !== true &&
    env.NO_COLOR === undefined &&
    (env.FORCE_COLOR ? env.FORCE_COLOR !== '0' : process.stdout.isTTY === true)
  )
}
