// A report folder that cannot be written is bad input: found before the run (one line, exit 2), not after it.
import { accessSync, constants, existsSync, statSync } from 'node:fs'
import { dirname, resolve } from 'node:path'
import { UsageError } from '../errors.ts'

/**
 * Checks, without creating anything, that `dir` exists as a writable folder or can be created: its nearest
 * existing ancestor must be a writable folder. `source` names where the value came from (--report-dir, SCIM_REPORT_DIR).
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
    accessSync(at, constants.W_OK)
  } catch (err) {
    const code = (err as { code?: string }).code ?? 'EACCES'
    throw new UsageError(`${source} '${dir}' is not writable (${code} on ${at}): ${fix}`)
  }
}
