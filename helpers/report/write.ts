// Writes the chosen report files into <dir>/<runId>/ and points <dir>/latest (diagnose: latest-diagnose) at them.
import { appendFile, mkdir, rename, rm, symlink, writeFile } from 'node:fs/promises'
import { join, relative } from 'node:path'
import { packageFile } from '../model/package-files.ts'
import type { RunResult } from '../model/result.ts'
import type { ReportFormat } from '../model/report-formats.ts'
import { renderHar } from './har.ts'
import { renderJson } from './json.ts'
import { renderJUnit } from './junit.ts'
import { renderMarkdown } from './markdown.ts'

const FILES = {
  json: 'report.json',
  junit: 'junit.xml',
  html: 'report.html',
  har: 'exchanges.har',
  md: 'summary.md',
} as const satisfies Record<Exclude<ReportFormat, 'console'>, string>

const SCHEMA_FILE = packageFile('helpers', 'report', 'report.schema.json')

async function pointLatest(dir: string, runId: string, name: string): Promise<string | undefined> {
  const latest = join(dir, name)
  const temp = join(dir, `.latest-${process.pid}-${Date.now()}`)
  try {
    await symlink(runId, temp, 'dir')
    // rename replaces an old symlink in one step, so a reader never sees latest missing.
    await rename(temp, latest)
    return undefined
  } catch {
    await rm(temp, { force: true }).catch(() => undefined)
    const note = join(dir, `${name}.txt`)
    await writeFile(note, `${runId}\n`)
    return note
  }
}

/** Writes the file formats among `formats` (console is printed by the caller) and returns the paths written. */
export async function writeReports(
  run: RunResult,
  opts: {
    dir: string
    formats: readonly ReportFormat[]
    githubStepSummary?: string
    reportUrl?: string
    latest?: string
  },
): Promise<string[]> {
  const runId = run.run.runId
  if (!/^[A-Za-z0-9][A-Za-z0-9._-]*$/.test(runId))
    throw new Error(`run id ${JSON.stringify(runId)} is not usable as a folder name`)
  const written: string[] = []
  const files = opts.formats.filter((f): f is Exclude<ReportFormat, 'console'> => f !== 'console')

  if (files.length) {
    const out = join(opts.dir, runId)
    await mkdir(out, { recursive: true })
    // Each file is written while the next one renders: the disk waits, not the renderer.
    const writes: Promise<void>[] = []
    for (const f of new Set(files)) {
      const path = join(out, FILES[f])
      const text = await render(f, run, relative(out, SCHEMA_FILE).split('\\').join('/'), opts.reportUrl)
      writes.push(writeFile(path, text))
      written.push(path)
    }
    await Promise.all(writes)
    const note = await pointLatest(opts.dir, runId, opts.latest ?? 'latest')
    if (note) written.push(note)
  }
  if (opts.githubStepSummary) {
    await appendFile(opts.githubStepSummary, `${renderMarkdown(run, { reportUrl: opts.reportUrl })}\n`)
    written.push(opts.githubStepSummary)
  }
  return written
}

async function render(
  f: Exclude<ReportFormat, 'console'>,
  run: RunResult,
  schema: string,
  reportUrl: string | undefined,
): Promise<string> {
  switch (f) {
    case 'json':
      return renderJson(run, { schema })
    case 'junit':
      return renderJUnit(run)
    case 'html':
      // The largest renderer (inline CSS and script) loads only when an HTML report is asked for.
      return (await import('./html.ts')).renderHtml(run)
    case 'har':
      return renderHar(run)
    case 'md':
      return renderMarkdown(run, { reportUrl })
  }
}
