// Durations on the command line: "10" and "10s" are seconds, "500ms" milliseconds, "2m" minutes.
import { UsageError } from '../model/errors.ts'

const UNITS: Record<string, number> = { ms: 1, s: 1000, m: 60_000 }

export function parseDuration(flag: string, text: string): number {
  const m = /^\s*(\d+(?:\.\d+)?)\s*(ms|s|m)?\s*$/.exec(text)
  const ms = m ? Number(m[1]) * (UNITS[m[2] ?? 's'] ?? 1000) : NaN
  if (!Number.isFinite(ms) || ms <= 0) {
    throw new UsageError(
      `${flag} '${text}' is not a duration: give seconds (10), or a number with ms, s or m (500ms, 30s, 2m)`,
    )
  }
  return Math.round(ms)
}
