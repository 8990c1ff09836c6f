// Every temp folder made during `npm test` (by the tests, the CLI they start, the browser) goes under one root,
// removed when the run ends, whatever a test did: a run leaves nothing in the system's temp folder.
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'

export default function setup(): () => void {
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
