// Every SCIM_* variable scim-preflight reads. A name with that prefix that is not in this list is a typo when it is
// in `.env` (the tool's own file) or close to a known name (SCIM_BASEURL, SCIM_TOKN): left unread it would silently
// change what runs (no URL means the built-in endpoint), so it is an error naming the closest known name. Any other
// SCIM_* name in the environment (an application's own SCIM_ENABLED) is not ours: ignored, with a notice.
// Add a variable here when a command starts reading it; a test holds --help and .env.example to this list.
import { UsageError } from '../model/errors.ts'
import type { Env } from './parse.ts'

export const SCIM_VARIABLES = [
  'SCIM_BASE_URL',
  'SCIM_TOKEN',
  'SCIM_TOKEN_URL',
  'SCIM_CLIENT_ID',
  'SCIM_CLIENT_SECRET',
  'SCIM_SCOPE',
  'SCIM_CLIENT_SECRET_2',
  'SCIM_CLIENT_ID_2',
  'SCIM_WIF_KEY',
  'SCIM_WIF_ISSUER',
  'SCIM_WIF_SUBJECT',
  'SCIM_WIF_AUDIENCE',
  'SCIM_WIF_KID',
  'SCIM_TIMEOUT',
  'SCIM_MAX_TIME',
  'SCIM_RETRIES',
  'SCIM_CA_FILE',
  'SCIM_INSECURE',
  'SCIM_MAX_BODY_BYTES',
  'SCIM_DIALECT',
  'SCIM_PROFILE',
  'SCIM_MATCHING_ATTRIBUTE',
  'SCIM_STRICT',
  'SCIM_GALLERY',
  'SCIM_SEED',
  'SCIM_REPORT_DIR',
  'SCIM_REPORT',
  'SCIM_SERVE_PORT',
  'SCIM_LARGE_GROUP',
  'SCIM_CONCURRENCY',
  'SCIM_KEEP_REPORTS',
] as const

/** The target variables: set but empty in the environment is a CI secret that is not defined, never "no target". */
export const TARGET_VARIABLES = {
  SCIM_BASE_URL: ['--url', '--base-url', '--built-in'],
  SCIM_TOKEN: ['--token'],
  SCIM_TOKEN_URL: ['--token-url'],
  SCIM_CLIENT_ID: ['--client-id'],
  SCIM_CLIENT_SECRET: ['--client-secret'],
} as const satisfies Partial<Record<(typeof SCIM_VARIABLES)[number], readonly string[]>>

/**
 * Throws on the first SCIM_* name scim-preflight does not read that is in `.env`, or in the environment and a
 * near-miss of a known name. Returns the other unknown SCIM_* names of the environment, which are ignored.
 */
export function checkScimVariables(env: Env, dotEnv: Env): string[] {
  const known = new Set<string>(SCIM_VARIABLES)
  const unknown = (names: string[]) => names.filter((n) => n.toUpperCase().startsWith('SCIM_') && !known.has(n)).sort()
  const refuse = (name: string, where: string) =>
    new UsageError(
      `unknown variable ${name}${where}: did you mean ${closest(name)}? (scim-preflight reads ${SCIM_VARIABLES.length} SCIM_* variables; see .env.example)`,
    )
  const ignored: string[] = []
  for (const name of unknown(Object.keys(env))) {
    if (nearMiss(name)) throw refuse(name, ' in the environment')
    ignored.push(name)
  }
  for (const name of unknown(Object.keys(dotEnv))) throw refuse(name, ' in .env')
  return ignored
}

/** The notice for environment variables that look like another program's, not a typo of ours. */
export function ignoredVariablesNotice(names: readonly string[]): string | undefined {
  if (names.length === 0) return undefined
  return `notice: ignoring ${names.join(', ')} in the environment (not ${names.length === 1 ? 'a variable' : 'variables'} scim-preflight reads; see .env.example)`
}

/**
 * Throws when a target variable is set but empty in the environment and no flag gives that value instead: what a
 * CI job passes for a secret that is not defined. Without this the run would quietly test the built-in endpoint.
 */
export function checkEmptyVariables(env: Env, argv: readonly string[]): void {
  for (const [name, flags] of Object.entries(TARGET_VARIABLES)) {
    if (env[name] === undefined || env[name]!.trim() !== '') continue
    if (argv.some((a) => (flags as readonly string[]).some((f) => a === f || a.startsWith(`${f}=`)))) continue
    throw new UsageError(
      `${name} is set but empty (in CI: a secret or variable that is not defined for this job): give it a value, or unset it${name === 'SCIM_BASE_URL' ? ' (pass --built-in to run the built-in reference endpoint on purpose)' : ''}`,
    )
  }
}

/**
 * A misspelling of a known name rather than another program's variable: at most two edits away (SCIM_BASEURL,
 * SCIM_TOKN), or its stem is part of a known one (SCIM_SECRET, SCIM_URL).
 */
export function nearMiss(name: string): boolean {
  const stem = (n: string) =>
    n
      .toUpperCase()
      .replace(/^SCIM_/, '')
      .replace(/_/g, '')
  const typo = stem(name)
  return SCIM_VARIABLES.some(
    (v) => editDistance(name.toUpperCase(), v) <= 2 || (typo.length >= 3 && stem(v).includes(typo)),
  )
}

/**
 * The known variable meant by a misspelt one: among those whose name (without SCIM_ and underscores) contains the
 * misspelt stem or is contained in it (SCIM_SECRET → SCIM_CLIENT_SECRET), else among all, the smallest edit distance.
 */
export function closest(name: string): string {
  const stem = (n: string) =>
    n
      .toUpperCase()
      .replace(/^SCIM_/, '')
      .replace(/_/g, '')
  const typo = stem(name)
  const related = SCIM_VARIABLES.filter((v) => typo !== '' && (stem(v).includes(typo) || typo.includes(stem(v))))
  let best: string = SCIM_VARIABLES[0]
  let bestDistance = Infinity
  for (const candidate of related.length ? related : SCIM_VARIABLES) {
    const d = editDistance(name.toUpperCase(), candidate)
    if (d < bestDistance) {
      best = candidate
      bestDistance = d
    }
  }
  return best
}

/** Levenshtein distance: insertions, deletions and substitutions each cost one. */
export function editDistance(a: string, b: string): number {
  let previous = Array.from({ length: b.length + 1 }, (_, j) => j)
  for (let i = 1; i <= a.length; i++) {
    const current = [i]
    for (let j = 1; j <= b.length; j++) {
      current[j] = Math.min(previous[j]! + 1, current[j - 1]! + 1, previous[j - 1]! + (a[i - 1] === b[j - 1] ? 0 : 1))
    }
    previous = current
  }
  return previous[b.length]!
}
