// The package as a user gets it: `npm pack` of this checkout, made once per test run and shared by the tests that
// install it into an empty folder (the CLI's tarball test, the vitest entry point's example).
import { execFileSync } from 'node:child_process'
import { existsSync, mkdirSync, readdirSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join, resolve } from 'node:path'

const root = resolve(import.meta.dirname, '../..')

/** The path of the packed tarball, packed on first use into the test run's temp root (TMPDIR, set by global-setup). */
export function packTarball(): string {
  const dir = join(tmpdir(), 'spf-pack')
  const existing = existsSync(dir) ? readdirSync(dir).find((f) => f.endsWith('.tgz')) : undefined
  if (existing) return join(dir, existing)
  mkdirSync(dir, { recursive: true })
  const out = execFileSync('npm', ['pack', '--silent', '--pack-destination', dir], { cwd: root, encoding: 'utf8' })
  return join(dir, out.trim().split('\n').at(-1)!)
}
