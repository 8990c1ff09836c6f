// Before any test: the CLI the tests start is built from the current sources (a run of `vitest` alone rebuilds a
// stale dist/; bin.js would otherwise fall back to the slower tsx), and every temp folder made during the run (by the
// tests, the CLI they start, the browser) goes under one root, removed when the run ends, whatever a test did. The
// machine's extra CAs (NODE_EXTRA_CA_CERTS) are left out: nothing a test reaches is outside 127.0.0.1, a TLS test
// that means them passes its own, and every Node process would read and parse the bundle as it starts (about 35 ms
// each on a two-core machine, for some 250 processes a run).
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { build, freshBuild } from '../cli/build/build.js'

export default async function setup(): Promise<() => void> {
  if (!freshBuild()) await build()
  const root = mkdtempSync(join(tmpdir(), 'spf-tests-'))
  const previous = process.env.TMPDIR
  const extraCas = process.env.NODE_EXTRA_CA_CERTS
  // Test workers and the processes they start inherit it; os.tmpdir() reads it.
  process.env.TMPDIR = root
  delete process.env.NODE_EXTRA_CA_CERTS
  return () => {
    if (extraCas !== undefined) process.env.NODE_EXTRA_CA_CERTS = extraCas
    rmSync(root, { recursive: true, force: true })
    if (previous === undefined) delete process.env.TMPDIR
    else process.env.TMPDIR = previous
  }
}
