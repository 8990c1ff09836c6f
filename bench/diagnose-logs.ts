// Times readProvisioningLogs on generated 100k- and 200k-entry Graph logs and a 100k-row portal CSV, and prints peak RSS.
// Each file is read in a fresh child process, so peak RSS belongs to that read alone: flat memory shows as equal peaks.
// Run: npx tsx bench/diagnose-logs.ts
import { spawnSync } from 'node:child_process'
import { createWriteStream } from 'node:fs'
import { mkdtemp, rm, stat } from 'node:fs/promises'
import { once } from 'node:events'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { readProvisioningLogs } from '../helpers/diagnose/index.ts'
import {
  csvLine,
  managerFailure,
  PORTAL_HEADER,
  portalCsvRow,
  summary,
  webResponseText,
  writeGraphPage,
} from '../test/diagnose/graph-shapes.ts'

const MB = 1024 * 1024

function entry(n: number): Record<string, unknown> {
  switch (n % 10) {
    case 0:
    case 1:
      return summary({
        n,
        status: 'failure',
        errorCode: 'EntryConflict',
        reason: webResponseText('Conflict', '{"detail":"userName exists","scimType":"uniqueness"}'),
      })
    case 2:
      return managerFailure(
        n,
        'SystemForCrossDomainIdentityManagementServiceIncompatible',
        webResponseText('BadRequest', 'manager must be an object'),
      )
    case 3:
      return summary({
        n,
        action: 'update',
        status: 'skipped',
        errorCode: 'EntrySynchronizationSkipped',
        reason: 'already in sync',
      })
    default:
      return summary({ n, action: n % 3 ? 'update' : 'create', status: 'success' })
  }
}

function* entries(count: number): Generator<Record<string, unknown>> {
  for (let n = 0; n < count; n++) yield entry(n)
}

async function writeCsv(path: string, count: number): Promise<void> {
  const out = createWriteStream(path)
  out.write(csvLine(PORTAL_HEADER))
  for (let n = 0; n < count; n++) {
    if (!out.write(csvLine(portalCsvRow(entry(n))))) await once(out, 'drain')
  }
  out.end()
  await once(out, 'finish')
}

async function child(path: string): Promise<void> {
  const before = process.memoryUsage().rss
  const t = performance.now()
  const agg = await readProvisioningLogs(path)
  const ms = performance.now() - t
  const peakRss = process.resourceUsage().maxRSS * 1024
  process.stdout.write(
    JSON.stringify({
      ms,
      events: agg.events,
      failures: agg.failures,
      rssBeforeMB: before / MB,
      peakRssMB: peakRss / MB,
    }),
  )
}

async function main(): Promise<void> {
  const dir = await mkdtemp(join(tmpdir(), 'diagnose-bench-'))
  const self = fileURLToPath(import.meta.url)
  const files: [string, string][] = []
  try {
    for (const count of [100_000, 200_000]) {
      const path = join(dir, `graph-${count}.json`)
      await writeGraphPage(path, entries(count))
      files.push([`Graph JSON, ${count.toLocaleString('en-US')} entries`, path])
    }
    const csv = join(dir, 'portal-100000.csv')
    await writeCsv(csv, 100_000)
    files.push(['Portal CSV, 100,000 rows', csv])

    for (const [label, path] of files) {
      const size = (await stat(path)).size / MB
      const run = spawnSync(process.execPath, ['--import', 'tsx', self, '--read', path], { encoding: 'utf8' })
      if (run.status !== 0) throw new Error(`${label}: ${run.stderr}`)
      const r = JSON.parse(run.stdout) as {
        ms: number
        events: number
        failures: number
        rssBeforeMB: number
        peakRssMB: number
      }
      console.log(
        `${label.padEnd(32)} ${size.toFixed(0).padStart(5)} MB  ${(r.ms / 1000).toFixed(2).padStart(6)} s  ` +
          `events ${r.events}  failures ${r.failures}  RSS before ${r.rssBeforeMB.toFixed(0)} MB, peak ${r.peakRssMB.toFixed(0)} MB`,
      )
    }
  } finally {
    await rm(dir, { recursive: true, force: true })
  }
}

const readAt = process.argv.indexOf('--read')
if (readAt >= 0) await child(process.argv[readAt + 1] as string)
else await main()
