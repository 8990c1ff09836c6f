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
  const pinned = new Set<string>()
  for (const link of Object.values(LATEST_LINKS)) {
    const target = await readlink(join(dir, link)).catch(() => undefined)
    if (target) pinned.add(target)
  }
  const runs: { name: string; mtimeMs: number }[] = []
  for (const name of names) {
    if (!RUN_FOLDER.test(name)) continue
    const info = await lstat(join(dir, name)).catch(() => undefined)
    if (!info?.isDirectory()) continue
    const files = await readdir(join(dir, name)).catch(() => ['?'])
    if (files.some((f) => !REPORT_FILES.has(f))) continue
    // The newest file inside dates the run (a folder's own time changes when a file is added to it).
    const times = await Promise.all(
      files.map((f) =>
        stat(join(dir, name, f)).then(
          (s) => s.mtimeMs,
          () => 0,
        ),
      ),
    )
    runs.push({ name, mtimeMs: Math.max(info.mtimeMs, ...times) })
  }
  runs.sort((a, b) => b.mtimeMs - a.mtimeMs)
  const removed: string[] = []
  for (const run of runs.slice(keep)) {
    if (pinned.has(run.name)) continue
    await rm(join(dir, run.name), { recursive: true, force: true })
    removed.push(join(dir, run.name))
  }
  return removed
}

/** The line a command prints after pruning: how many went, what stays, and how to keep more. */
export function prunedLine(removed: number, dir: string, keep: number): string {
  return `Removed ${removed} older run folder(s) from ${dir}: the newest ${keep} are kept (--keep-reports N or SCIM_KEEP_REPORTS; 0 keeps all).`
}
