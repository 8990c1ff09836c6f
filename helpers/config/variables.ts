// Every SCIM_* variable scim-preflight reads. A variable with that prefix that is not in this list is a typo
// (SCIM_BASEURL, SCIM_TOKN): left unread it would silently change what runs (no URL means the built-in endpoint),
// so it is an error naming the closest known name. Add a variable here when a command starts reading it.
import { UsageError } from '../errors.ts'
import type { Env } from './parse.ts'

export const SCIM_VARIABLES = [
  'SCIM_BASE_URL',
  'SCIM_TOKEN',
  'SCIM_TOKEN_URL',
  'SCIM_CLIENT_ID',
  'SCIM_CLIENT_SECRET',
  'SCIM_SCOPE',
  'SCIM_CLIENT_SECRET_2',
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
] as const

/** Throws on the first SCIM_* name (in the environment, then in `.env`) that scim-preflight does not read. */
export function checkScimVariables(env: Env, dotEnv: Env): void {
  const known = new Set<string>(SCIM_VARIABLES)
  const names = [...Object.keys(env).sort().map((n) => [n, ' in the environment'] as const), ...Object.keys(dotEnv).sort().map((n) => [n, ' in .env'] as const)]
  for (const [name, where] of names) {
    if (!name.toUpperCase().startsWith('SCIM_') || known.has(name)) continue
    throw new UsageError(`unknown variable ${name}${where}: did you mean ${closest(name)}? (scim-preflight reads ${SCIM_VARIABLES.length} SCIM_* variables; see .env.example)`)
  }
}

/**
 * The known variable meant by a misspelt one: among those whose name (without SCIM_ and underscores) contains the
 * misspelt stem or is contained in it (SCIM_SECRET → SCIM_CLIENT_SECRET), else among all, the smallest edit distance.
 */
export function closest(name: string): string {
  const stem = (n: string) => n.toUpperCase().replace(/^SCIM_/, '').replace(/_/g, '')
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
