// Writes the chosen report files into <dir>/<runId>/ and points <dir>/latest at them.
import { appendFile, mkdir, rename, rm, symlink, writeFile } from 'node:fs/promises'
import { join, relative } from 'node:path'
import { fileURLToPath } from 'node:url'
import type { RunResult } from './model.ts'
import { ConfigError } from './errors.ts'
import { renderHar } from './har.ts'
import { renderHtml } from './html.ts'
import { renderJson } from './json.ts'
import { renderJUnit } from './junit.ts'
import { renderMarkdown } from './markdown.ts'

export const FORMATS = ['console', 'json', 'junit', 'html', 'har', 'md'] as const
export type Format = (typeof FORMATS)[number]

const FILES = {
  json: 'report.json',
  junit: 'junit.xml',
  html: 'report.html',
  har: 'exchanges.har',
  md: 'summary.md',
} as const satisfies Record<Exclude<Format, 'console'>, string>

const SCHEMA_FILE = fileURLToPath(new URL('./report.schema.json', import.meta.url))

/** Parses `--report console,json,…`; throws ConfigError naming the allowed formats. */
export function parseFormats(csv: string): Format[] {
  const names = csv.split(',').map((s) => s.trim().toLowerCase()).filter(Boolean)
  if (names.length === 0) throw new ConfigError(`--report is empty; choose from ${FORMATS.join(', ')}`)
  const bad = names.find((n) => !(FORMATS as readonly string[]).includes(n))
  if (bad !== undefined) throw new ConfigError(`--report: unknown format "${bad}"; choose from ${FORMATS.join(', ')}`)
  return [...new Set(names)] as Format[]
}

async function pointLatest(dir: string, runId: string): Promise<string | undefined> {
  const latest = join(dir, 'latest')
  const temp = join(dir, `.latest-${process.pid}-${Date.now()}`)
  try {
    await symlink(runId, temp, 'dir')
    // rename replaces an old symlink in one step, so a reader never sees latest missing.
    await rename(temp, latest)
    return undefined
  } catch {
    await rm(temp, { force: true }).catch(() => undefined)
    const note = join(dir, 'latest.txt')
    await writeFile(note, `${runId}\n`)
    return note
  }
}

/** Writes the file formats among `formats` (console is printed by the caller) and returns the paths written. */
export async function writeReports(
  run: RunResult,
  opts: { dir: string; formats: readonly Format[]; githubStepSummary?: string },
): Promise<string[]> {
  const runId = run.run.runId
  if (!/^[A-Za-z0-9][A-Za-z0-9._-]*$/.test(runId)) throw new Error(`run id ${JSON.stringify(runId)} is not usable as a folder name`)
  const written: string[] = []
  const files = opts.formats.filter((f): f is Exclude<Format, 'console'> => f !== 'console')

  if (files.length) {
    const out = join(opts.dir, runId)
    await mkdir(out, { recursive: true })
    for (const f of new Set(files)) {
      const path = join(out, FILES[f])
      const text = render(f, run, relative(out, SCHEMA_FILE).split('\\').join('/'))
      await writeFile(path, text)
      written.push(path)
    }
    const note = await pointLatest(opts.dir, runId)
    if (note) written.push(note)
  }
  if (opts.githubStepSummary) {
    await appendFile(opts.githubStepSummary, `${renderMarkdown(run)}\n`)
    written.push(opts.githubStepSummary)
  }
  return written
}

function render(f: Exclude<Format, 'console'>, run: RunResult, schema: string): string {
  switch (f) {
    case 'json':
      return renderJson(run, { schema })
    case 'junit':
      return renderJUnit(run)
    case 'html':
      return renderHtml(run)
    case 'har':
      return renderHar(run)
    case 'md':
      return renderMarkdown(run)
  }
}
