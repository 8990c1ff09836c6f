// Writes a load run's files (load.json, load.html) into <dir>/<runId>/ and points <dir>/latest-load at them
// (<dir>/latest stays the last conformance run's).
import { mkdir, rename, rm, symlink, writeFile } from 'node:fs/promises'
import { join, relative } from 'node:path'
import { packageFile } from '../model/package-files.ts'
import { LATEST_LINKS } from './prune.ts'
import type { LoadReportFormat } from '../config/load.ts'
import type { LoadResult } from '../model/load-result.ts'
import { renderLoadHtml } from './load-html.ts'
import { renderLoadJson } from './load-json.ts'

const SCHEMA_FILE = packageFile('helpers', 'report', 'load.schema.json')

export async function writeLoadReports(
  r: LoadResult,
  opts: { dir: string; formats: readonly LoadReportFormat[] },
): Promise<string[]> {
  if (!/^[A-Za-z0-9][A-Za-z0-9._-]*$/.test(r.runId))
    throw new Error(`run id ${JSON.stringify(r.runId)} is not usable as a folder name`)
  const files = opts.formats.filter((f) => f !== 'console')
  if (files.length === 0) return []
  const out = join(opts.dir, r.runId)
  await mkdir(out, { recursive: true })
  const written: string[] = []
  if (files.includes('json')) {
    const path = join(out, 'load.json')
    await writeFile(path, renderLoadJson(r, { schema: relative(out, SCHEMA_FILE).split('\\').join('/') }))
    written.push(path)
  }
  if (files.includes('html')) {
    const path = join(out, 'load.html')
    await writeFile(path, renderLoadHtml(r))
    written.push(path)
  }
  // Same "latest" convention as the suite's reports; a failed symlink is not worth failing the run for.
  const temp = join(opts.dir, `.latest-${process.pid}-${Date.now()}`)
  try {
    await symlink(r.runId, temp, 'dir')
    await rename(temp, join(opts.dir, LATEST_LINKS.load))
  } catch {
    await rm(temp, { force: true }).catch(() => undefined)
  }
  return written
}
