// Console text of a load run: verdict first, then throughput, latency per request kind, errors, 429s, the
// initial-cycle estimate and cleanup. A pure function of the LoadResult.
import type { LoadResult, LoadVerdictKind } from '../model/load-result.ts'
import { formatDuration } from '../load/summarize.ts'
import { redactText } from './sanitize.ts'

type Paint = (code: string, s: string) => string
const ansi: Paint = (code, s) => `\u001b[${code}m${s}\u001b[0m`
const plain: Paint = (_code, s) => s
const VERDICT: Record<LoadVerdictKind, [string, string]> = {
  meets: ['1;32', '✔'],
  fails: ['1;31', '✘'],
  inconclusive: ['1;33', '?'],
}

const n = (x: number): string => x.toLocaleString('en-US')
const msText = (x: number): string => (x >= 100 ? String(Math.round(x)) : x.toFixed(1))

function table(rows: string[][], rightAlign: Set<number>): string[] {
  const widths = rows[0]!.map((_, i) => Math.max(...rows.map((r) => (r[i] ?? '').length)))
  return rows.map(
    (r) =>
      '  ' +
      r
        .map((c, i) => (rightAlign.has(i) ? c.padStart(widths[i]!) : c.padEnd(widths[i]!)))
        .join('  ')
        .trimEnd(),
  )
}

export function throttlingLine(r: LoadResult): string {
  const t = r.throttling
  if (t.responses === 0) return 'No 429 Too Many Requests.'
  const ra =
    t.withRetryAfter === 0
      ? 'none carried Retry-After, so the tool backed off 1 s, 2 s, 4 s… (Entra documents no back-off without it)'
      : `${t.withRetryAfter} carried Retry-After (${t.retryAfterMinS === t.retryAfterMaxS ? `${t.retryAfterMinS} s` : `${t.retryAfterMinS}-${t.retryAfterMaxS} s`})` +
        (t.withRetryAfter < t.responses ? `, ${t.responses - t.withRetryAfter} did not` : '')
  const honoured =
    t.honoured === null
      ? ''
      : t.honoured
        ? `; Retry-After was honoured: all sending paused ${t.pauses} time(s), ${formatDuration(t.pausedMs / 1000)} in all, before the retries`
        : `; Retry-After was NOT fully honoured (${t.capped} value(s) above 120 s were cut, ${t.sentDuringPause} request(s) sent during a pause)`
  return `${t.responses} answer(s) were 429 Too Many Requests: ${ra}${honoured}. Retried ${t.retried}, gave up on ${t.gaveUp}.`
}

export function renderLoadConsole(input: LoadResult, opts: { color: boolean }): string {
  const r = JSON.parse(redactText(JSON.stringify(input))) as LoadResult
  const paint = opts.color ? ansi : plain
  const [colour, mark] = VERDICT[r.verdict.kind]
  const s = r.settings
  const lines: string[] = []
  lines.push('')
  lines.push(paint(colour, `${mark} ${r.verdict.headline}`))
  for (const reason of r.verdict.reasons) lines.push(`  ${reason}`)
  lines.push('')
  lines.push(paint('1', 'Throughput'))
  lines.push(
    `  ${n(r.throughput.requests)} requests in ${formatDuration(r.throughput.durationMs / 1000)}: ${r.throughput.requestsPerSecond} requests/second ` +
      `(${s.rate === null ? 'not paced' : `--rate ${s.rate}`}, at most ${s.concurrency} in flight; Microsoft asks for at least 25)`,
  )
  if (r.throughput.toolNote) lines.push(`  ${paint('33', r.throughput.toolNote)}`)
  if (r.schedule.late > 0) {
    lines.push(
      `  Tool could not keep up: ${n(r.schedule.late)} request(s) left after their scheduled time (${n(r.schedule.lateByConcurrency)} waiting for --concurrency, ${n(r.schedule.lateByTool)} behind on CPU; at most ${r.schedule.maxLagMs} ms late).`,
    )
  }
  lines.push(
    ...table(
      [
        ['phase', 'requests', 'time', 'req/s'],
        ...r.phases.map((p) => [
          p.name,
          n(p.requests),
          formatDuration(p.durationMs / 1000),
          String(p.requestsPerSecond),
        ]),
      ],
      new Set([1, 2, 3]),
    ),
  )
  lines.push('')
  lines.push(paint('1', 'Latency (ms) per request kind'))
  lines.push(
    ...table(
      [
        ['kind', 'requests', 'failed', 'p50', 'p95', 'p99', 'max'],
        ...r.kinds.map((k) => [
          k.kind,
          n(k.requests),
          k.failed ? paint('31', n(k.failed)) : '0',
          msText(k.p50Ms),
          msText(k.p95Ms),
          msText(k.p99Ms),
          msText(k.maxMs),
        ]),
      ],
      new Set([1, 2, 3, 4, 5, 6]),
    ),
  )
  lines.push('')
  lines.push(paint('1', 'Errors and throttling'))
  if (r.errors.length === 0) lines.push('  No request failed.')
  for (const e of r.errors)
    lines.push(
      `  ${paint('31', `${n(e.count)}×`)} ${e.kind}: ${e.status === 'network' ? 'no HTTP answer (timeout, reset or refused)' : `HTTP ${e.status}`}`,
    )
  for (const a of r.anomalies) lines.push(`  ${paint('33', `${n(a.count)}×`)} ${a.what}`)
  lines.push(`  ${throttlingLine(r)}`)
  lines.push('')
  lines.push(paint('1', 'Initial cycle estimate'))
  lines.push(`  ${r.estimate.text}`)
  lines.push('')
  lines.push(paint('1', 'Cleanup'))
  lines.push(
    r.cleanup.leftovers === 0
      ? `  Deleted all ${n(r.cleanup.deleted)} resources this run created.`
      : paint(
          '31',
          `  ${n(r.cleanup.leftovers)} resource(s) named ${r.runPrefix}-… could not be deleted; ids: ${r.cleanup.leftoverIds
            .slice(0, 5)
            .map((l) => `${l.type} ${l.id}`)
            .join(', ')}${r.cleanup.leftovers > 5 ? ', …' : ''}`,
        ),
  )
  for (const notice of r.notices) if (notice !== r.throughput.toolNote) lines.push(paint('33', `⚠ ${notice}`))
  lines.push(
    paint(
      '2',
      `scim-preflight ${r.tool.version} · run ${r.runId} · ${r.target}${r.embedded ? ' (built-in reference endpoint)' : ''} · peak RSS ${r.process.peakRssMB} MB, CPU ${r.process.cpuSeconds} s${r.embedded ? ' (tool and built-in endpoint together)' : ''}`,
    ),
  )
  return lines.join('\n')
}
