// Keeps the report folder from growing without end: after each run only the newest N run folders stay (a run's
// HAR and HTML can be megabytes; 45 runs were 200 MB). Only folders scim-preflight wrote are ever removed: a name
// that is a run id, holding nothing but report files. The runs the latest links point at always stay.
import { lstat, readdir, readlink, rm, stat } from 'node:fs/promises'
import { join } from 'node:path'

/** The links to the newest run of each command: `run`, `diagnose` and `load` each keep their own. */
export const LATEST_LINKS = { run: 'latest', diagnose: 'latest-diagnose', load: 'latest-load' } as const

const RUN_FOLDER = /^[0-9a-f]{8}$/
const REPORT_FILES = new Set([
  'report.json',
  'junit.xml',
  'report.html',
  'exchanges.har',
  'summary.md',
  'load.json',
  'load.html',
])

/**
 * Removes all but the `keep` newest run folders in `dir` (by modification time); returns the folders removed.
 * A folder that holds anything else than report files is left alone, as is every folder a latest link names.
 */
export async function pruneReports(dir: string, keep: number): Promise<string[]> {
  if (keep <= 0) return []
  let names: string[]
  try {
    names = await readdir(dir)
  } catch {
    return []
  }
  // Every folder is looked at at once: one after another, twenty folders were sixty waits at the end of each run.
  const links = await Promise.all(Object.values(LATEST_LINKS).map((link) => readlink(join(dir, link)).catch(() => '')))
  const pinned = new Set(links.filter(Boolean))
  const found = await Promise.all(names.filter((name) => RUN_FOLDER.test(name)).map((name) => runFolder(dir, name)))
  const runs = found.filter((run) => run !== undefined)
  runs.sort((a, b) => b.mtimeMs - a.mtimeMs)
  const removed: string[] = []
  for (const run of runs.slice(keep)) {
    if (pinned.has(run.name)) continue
    await rm(join(dir, run.name), { recursive: true, force: true })
    removed.push(join(dir, run.name))
  }
  return removed
}

/** A run folder scim-preflight wrote, dated by its newest file; undefined for anything else. */
async function runFolder(dir: string, name: string): Promise<{ name: string; mtimeMs: number } | undefined> {
  const info = await lstat(join(dir, name)).catch(() => undefined)
  if (!info?.isDirectory()) return undefined
  const files = await readdir(join(dir, name)).catch(() => ['?'])
  if (files.some((f) => !REPORT_FILES.has(f))) return undefined
  // The newest file inside dates the run (a folder's own time changes when a file is added to it).
  const times = await Promise.all(
    files.map((f) =>
      stat(join(dir, name, f)).then(
        (s) => s.mtimeMs,
        () => 0,
      ),
    ),
  )
  return { name, mtimeMs: Math.max(info.mtimeMs, ...times) }
}

/** The line a command prints after pruning: how many went, what stays, and how to keep more. */
export function prunedLine(removed: number, dir: string, keep: number): string {
  return `Removed ${removed} older run folder(s) from ${dir}: the newest ${keep} are kept (--keep-reports N or SCIM_KEEP_REPORTS; 0 keeps all).`
}
