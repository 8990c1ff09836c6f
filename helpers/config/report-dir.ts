// A report folder that cannot be written is bad input: found before the run (one line, exit 2), not after it.
import { existsSync, mkdtempSync, rmdirSync, statSync } from 'node:fs'
import { dirname, join, resolve } from 'node:path'
import { UsageError } from '../model/errors.ts'

/**
 * Checks, leaving nothing behind, that `dir` exists as a writable folder or can be created: a folder can be made
 * in its nearest existing ancestor. `source` names where the value came from (--report-dir, SCIM_REPORT_DIR).
 */
export function checkReportDir(dir: string, source: string, cwd: string): void {
  const wanted = resolve(cwd, dir)
  let at = wanted
  while (!existsSync(at)) {
    const parent = dirname(at)
    if (parent === at) break
    at = parent
  }
  const fix = `give a folder you can write to with --report-dir`
  if (!statSync(at).isDirectory()) {
    throw new UsageError(`${source} '${dir}' cannot be used: ${at} is a file, not a folder; ${fix}`)
  }
  try {
    // A real write, not access(W_OK): root passes every access check, and some file systems (/proc) refuse folders
    // anyway (where Node's recursive mkdir never returns). Nothing is left behind.
    rmdirSync(mkdtempSync(join(at, '.scim-preflight-write-test-')))
  } catch (err) {
    const code = (err as { code?: string }).code ?? 'EACCES'
    throw new UsageError(`${source} '${dir}' is not writable (${code} on ${at}): ${fix}`)
  }
}
