// Before any test: the CLI the tests start is built from the current sources (a run of `vitest` alone rebuilds a
// stale dist/; bin.js would otherwise fall back to the slower tsx), and every temp folder made during the run (by the
// tests, the CLI they start, the browser) goes under one root, removed when the run ends, whatever a test did.
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { build, freshBuild } from '../cli/build/build.js'

export default async function setup(): Promise<() => void> {
  if (!freshBuild()) await build()
  const root = mkdtempSync(join(tmpdir(), 'spf-tests-'))
  const previous = process.env.TMPDIR
  // Test workers and the processes they start inherit it; os.tmpdir() reads it.
  process.env.TMPDIR = root
  return () => {
    rmSync(root, { recursive: true, force: true })
    if (previous === undefined) delete process.env.TMPDIR
    else process.env.TMPDIR = previous
  }
}
