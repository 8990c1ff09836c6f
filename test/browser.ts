// The browser the HTML report tests drive: Debian's chromium. Missing here, those tests are skipped with a note that
// the summary line repeats; under CI=true a missing browser fails them, so CI never passes without running them.
import { existsSync } from 'node:fs'

// CHROMIUM_PATH: a browser installed elsewhere.
export const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium'

/** The skip note when the browser tests cannot run on this machine; undefined when they run (always under CI). */
export function browserSkipNote(): string | undefined {
  if (existsSync(CHROMIUM) || process.env.CI === 'true') return undefined
  return `${CHROMIUM} is missing (apt-get install -y chromium)`
}

/** Under CI, the reason a missing browser fails the run; undefined when it is there. */
export function browserRequired(): string | undefined {
  return existsSync(CHROMIUM)
    ? undefined
    : `CI=true and ${CHROMIUM} is missing: the HTML report is proven only in a real browser (apt-get install -y chromium)`
}
