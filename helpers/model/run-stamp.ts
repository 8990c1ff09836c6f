// The tool's version and the identifying header every report of a run carries.
import { readFileSync } from 'node:fs'
import { packageFile } from './package-files.ts'
import type { RunStamp } from './result.ts'

export function toolVersion(): string {
  const pkg = JSON.parse(readFileSync(packageFile('package.json'), 'utf8')) as { version: string }
  return pkg.version
}

/** The identifying header every report of a run carries (conformance and load alike). */
export function runStamp(
  r: Omit<RunStamp, 'tool' | 'startedAt' | 'finishedAt'> & { startedAt: Date; finishedAt: Date },
): RunStamp {
  return {
    tool: { name: 'scim-preflight', version: toolVersion() },
    runId: r.runId,
    runPrefix: r.runPrefix,
    target: r.target,
    embedded: r.embedded,
    startedAt: r.startedAt.toISOString(),
    finishedAt: r.finishedAt.toISOString(),
  }
}
