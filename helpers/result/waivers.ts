// Waivers: accepted deviations listed in a JSON or YAML file; a matching failure or warning becomes `waived`.
import { readFileSync } from 'node:fs'
import { basename, extname } from 'node:path'
import { DIALECTS, type Dialect } from '../model/dialect.ts'
import type { CheckResult } from '../model/result.ts'
import { UsageError } from '../model/errors.ts'

export interface Waiver {
  /** A check id; `*` matches any run of characters, e.g. `update-group-remove-members/*`. */
  id: string
  reason: string
  /** Last day the waiver holds, `YYYY-MM-DD` (UTC). */
  expires?: string
  dialect?: Dialect
}

const KEYS = new Set(['id', 'reason', 'expires', 'dialect'])
const SHAPE = 'each waiver is { id, reason, expires?: YYYY-MM-DD, dialect?: legacy|aadOptscim062020 }'

function validDate(s: string): boolean {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(s)) return false
  const d = new Date(`${s}T00:00:00Z`)
  return !Number.isNaN(d.getTime()) && d.toISOString().slice(0, 10) === s
}

function toWaiver(file: string, raw: unknown, n: number): Waiver {
  const where = `waivers file ${file}: entry ${n}`
  if (!raw || typeof raw !== 'object' || Array.isArray(raw)) throw new UsageError(`${where} is not an object; ${SHAPE}`)
  const o = raw as Record<string, unknown>
  const unknown = Object.keys(o).filter((k) => !KEYS.has(k))
  if (unknown.length) throw new UsageError(`${where} has unknown field "${unknown[0]}"; ${SHAPE}`)
  if (typeof o.id !== 'string' || !o.id.trim()) throw new UsageError(`${where} has no "id"; ${SHAPE}`)
  if (typeof o.reason !== 'string' || !o.reason.trim())
    throw new UsageError(`${where} (${o.id}) has no "reason"; ${SHAPE}`)
  const w: Waiver = { id: o.id.trim(), reason: o.reason.trim() }
  if (o.expires !== undefined) {
    // YAML 1.1 parsers turn bare dates into Date objects; accept those as the day they name.
    const e = o.expires instanceof Date ? o.expires.toISOString().slice(0, 10) : o.expires
    if (typeof e !== 'string' || !validDate(e))
      throw new UsageError(`${where} (${o.id}) has expires ${JSON.stringify(o.expires)}, not a YYYY-MM-DD date`)
    w.expires = e
  }
  if (o.dialect !== undefined) {
    if (typeof o.dialect !== 'string' || !(DIALECTS as readonly string[]).includes(o.dialect)) {
      throw new UsageError(
        `${where} (${o.id}) has dialect ${JSON.stringify(o.dialect)}; use legacy or aadOptscim062020`,
      )
    }
    w.dialect = o.dialect as Dialect
  }
  return w
}

/**
 * Reads and validates a waivers file (a list, or `{ waivers: [...] }`); rejects with a UsageError naming the file and
 * problem. The YAML parser loads only for a YAML file: it is as large as the rest of a run's own code.
 */
export async function loadWaivers(path: string): Promise<Waiver[]> {
  const file = basename(path)
  let text: string
  try {
    text = readFileSync(path, 'utf8')
  } catch (e) {
    throw new UsageError(`waivers file ${path} cannot be read: ${(e as NodeJS.ErrnoException).code ?? String(e)}`)
  }
  let data: unknown
  try {
    data = extname(path).toLowerCase() === '.json' ? JSON.parse(text) : (await import('yaml')).parse(text)
  } catch (e) {
    const first = String((e as Error).message).split('\n')[0]
    throw new UsageError(
      `waivers file ${file} is not valid ${extname(path).toLowerCase() === '.json' ? 'JSON' : 'YAML'}: ${first}`,
    )
  }
  if (data === null || data === undefined) return []
  const list = Array.isArray(data) ? data : (data as { waivers?: unknown }).waivers
  if (!Array.isArray(list))
    throw new UsageError(`waivers file ${file} must hold a list of waivers (or { waivers: [...] }); ${SHAPE}`)
  return list.map((raw, i) => toWaiver(file, raw, i + 1))
}

const globToRegExp = (glob: string): RegExp =>
  new RegExp(
    `^${glob
      .split('*')
      .map((part) => part.replace(/[.+?^${}()|[\]\\]/g, '\\$&'))
      .join('.*')}$`,
  )

/** True when the waiver's last day is before `now`'s UTC date. */
export const isExpired = (w: Waiver, now: Date): boolean =>
  w.expires !== undefined && w.expires < now.toISOString().slice(0, 10)

/** Turns matching failed/warned checks into `waived`; expired waivers waive nothing and are returned for the runner to fail on. */
export function applyWaivers(
  checks: readonly CheckResult[],
  waivers: readonly Waiver[],
  now: Date,
): { checks: CheckResult[]; expired: Waiver[] } {
  const expired = waivers.filter((w) => isExpired(w, now))
  const active = waivers.filter((w) => !isExpired(w, now)).map((w) => ({ w, re: globToRegExp(w.id) }))
  const out = checks.map((c) => {
    if (c.outcome !== 'failed' && c.outcome !== 'warned') return c
    const hit = active.find(({ w, re }) => re.test(c.id) && (w.dialect === undefined || w.dialect === c.dialect))
    if (!hit) return c
    const waiver: NonNullable<CheckResult['waiver']> = { reason: hit.w.reason }
    if (hit.w.expires) waiver.expires = hit.w.expires
    return { ...c, outcome: 'waived' as const, waiver }
  })
  return { checks: out, expired }
}
