// The package as a user gets it: `npm pack` of this checkout, made once per test run and shared by the tests that
// install it into an empty folder (the CLI's tarball test, the vitest entry point's example).
import { execFileSync } from 'node:child_process'
import { existsSync, mkdirSync, mkdtempSync, readdirSync, renameSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join, resolve } from 'node:path'

const root = resolve(import.meta.dirname, '../..')

/**
 * The path of the packed tarball, packed on first use into the test run's temp root (TMPDIR, set by global-setup).
 * Safe when test files in several workers ask at once: each packs into a folder of its own and renames the finished
 * tarball into place (atomic on one file system), so no caller ever sees a half-written one. Packing runs no
 * scripts: `prepare` would rebuild dist/ under the CLI the other tests are running; global-setup built it already.
 */
export function packTarball(): string {
  const dir = join(tmpdir(), 'spf-pack')
  const existing = existsSync(dir) ? readdirSync(dir).find((f) => f.endsWith('.tgz')) : undefined
  if (existing) return join(dir, existing)
  mkdirSync(dir, { recursive: true })
  const own = mkdtempSync(join(tmpdir(), 'spf-pack-'))
  try {
    const out = execFileSync('npm', ['pack', '--silent', '--ignore-scripts', '--pack-destination', own], {
      cwd: root,
      encoding: 'utf8',
    })
    const name = out.trim().split('\n').at(-1)!
    renameSync(join(own, name), join(dir, name))
    return join(dir, name)
  } finally {
    rmSync(own, { recursive: true, force: true })
  }
}
