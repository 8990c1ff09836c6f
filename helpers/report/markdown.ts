// summary.md: the verdict, a flows × dialects table and each failure, sized for $GITHUB_STEP_SUMMARY.
import type { CheckResult, Outcome, RunResult, VerdictKind } from '../model/result.ts'
import { causesLine } from '../result/causes.ts'
import { SEVERITY_LABEL } from '../model/check-info.ts'
import {
  checkList,
  firstFixLine,
  PREDICTED_MARK,
  predictedWhy,
  reportOrder,
  SECTIONS,
  type ReportOrder,
  type Section,
  type ShownCause,
} from './order.ts'
import { sanitizeRun } from './json.ts'
import { causeEntraLine, logsLine, probeLatency } from './diagnosis.ts'
import { causesHeading } from '../diagnose/to-report.ts'
import {
  byFlow,
  countsLine,
  dialectTag,
  entraLine,
  CITED_EXCHANGES_SHOWN,
  citedExchanges,
  GALLERY_MARK,
  GALLERY_STATUS,
  hasExpectation,
  levelLine,
  levelsLegend,
  MARK,
  redactedRequestLine,
  runLine,
  showValue,
} from './text.ts'

const ICON: Record<VerdictKind, string> = {
  ready: '✅',
  warnings: '⚠️',
  fails: '❌',
  incomplete: '◐',
  'not-ready': '➖',
}

// GitHub renders HTML inside Markdown, so text from the server must not be able to open a tag.
export const inline = (s: string): string =>
  s
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/([\\`*_[\]|])/g, '\\$1')
export const cell = (s: string): string => inline(s).replace(/\r?\n/g, ' ')

/** A fenced block whose fence is longer than any backtick run inside, so the content can't close it. */
export function fenced(text: string, lang = ''): string {
  const longest = Math.max(2, ...[...text.matchAll(/`+/g)].map((m) => m[0].length))
  const fence = '`'.repeat(longest + 1)
  return `${fence}${lang}\n${text}\n${fence}`
}

function flowTable(run: RunResult): string[] {
  const rows = [
    '| Flow | Dialect | ✔ passed | ✘ failed | ⚠ warnings | ○ skipped | ⊘ blocked | ≈ waived |',
    '| --- | --- | ---: | ---: | ---: | ---: | ---: | ---: |',
  ]
  for (const [flow, checks] of byFlow(run.checks)) {
    const dialects = [...new Set(checks.map((c) => c.dialect))]
    for (const d of dialects) {
      const list = checks.filter((c) => c.dialect === d)
      const n = (o: Outcome) => list.filter((c) => c.outcome === o).length
      const failed = n('failed') ? `**${n('failed')}**` : '0'
      rows.push(
        `| ${cell(flow)} | ${d ?? '—'} | ${n('passed')} | ${failed} | ${n('warned')} | ${n('skipped')} | ${n('blocked')} | ${n('waived')} |`,
      )
    }
  }
  return rows
}

function problem(run: RunResult, c: CheckResult): string[] {
  const tag = c.dialect ? ` ${dialectTag(c)}` : ''
  const out = [`#### ${MARK[c.outcome]} \`${c.id}\`${tag}: ${inline(c.title)}`, '']
  if (c.message) out.push(inline(c.message), '')
  const lines = citedExchanges(run, c, CITED_EXCHANGES_SHOWN).map((ex) => redactedRequestLine(ex))
  if (hasExpectation(c))
    lines.push(`expected: ${showValue(c.expected, 1000)}`, `actual:   ${showValue(c.actual, 1000)}`)
  if (lines.length) out.push(fenced(lines.join('\n'), 'text'), '')
  out.push(`- Rule: ${c.refs.map((r) => `[${inline(r.label)}](${r.url})`).join(', ')}`)
  out.push(`- ${inline(levelLine(c))} (${c.evidence.sources.map((r) => `[${inline(r.label)}](${r.url})`).join(', ')})`)
  out.push(`- ${inline(entraLine(c))}`)
  out.push(`- Fix: ${inline(c.fix)}`, '')
  return out
}

/** A check-id list: in full up to this many, else a count with the ids folded. */
const IDS_INLINE = 4
/** The server's message is quoted whole, up to a size no real error text reaches. */
const SERVER_MESSAGE_MAX = 4000

function idList(checks: ShownCause['checks']): string {
  const ids = checks.map((k) => `\`${k.id}\`${k.dialect ? ` [${k.dialect}]` : ''}`)
  if (ids.length <= IDS_INLINE) return ids.join(', ')
  return `<details><summary>${checkList(checks, 0)}</summary>\n\n${ids.join(', ')}\n\n</details>`
}

function causeItem(run: RunResult, c: ShownCause, n: number): string[] {
  const ex = c.exchange !== undefined ? run.exchanges.find((e) => e.seq === c.exchange) : undefined
  const out = [`${n}. **${inline(c.title)}** · ${SEVERITY_LABEL[c.severity]}  `, `   _${inline(c.impact)}_`, '']
  if (c.serverMessage) {
    const m = c.serverMessage.replace(/\s+/g, ' ').trim()
    const shown =
      m.length > SERVER_MESSAGE_MAX
        ? `${m.slice(0, SERVER_MESSAGE_MAX)}… (${m.length - SERVER_MESSAGE_MAX} more characters in report.json)`
        : m
    out.push(`   - Server said: ${inline(shown)}`)
  }
  out.push(`   - Fix: ${inline(c.fix)}`)
  out.push(
    `   - Entra: ${inline(`${c.entra.code}${c.entra.quarantine ? ` (${c.entra.quarantine})` : ''} — ${c.entra.effect}`)}`,
  )
  if (ex || c.request) out.push(`   - Request: \`${(ex ? redactedRequestLine(ex) : c.request!).replace(/`/g, "'")}\``)
  out.push(
    `   - ${c.level === 'failure' ? 'Failed' : 'Warned'}: ${idList(c.checks)}${c.blocked ? ` (and ${c.blocked} blocked by it)` : ''}`,
  )
  if (c.alsoWarned.length) out.push(`   - Also warned: ${idList(c.alsoWarned)}`)
  out.push('')
  return out
}

/** What a gallery submission still needs: a line per requirement and per predicted tool, then the details folded. */
function gallerySection(order: ReportOrder): Block[] {
  const g = order.gallery
  if (!g.items.length && !g.prediction.length) return []
  const lines = ['### Gallery submission', '', `${g.met ? '✅' : '➖'} ${inline(g.text)}`, '']
  for (const l of g.items) lines.push(`- ${GALLERY_MARK[l.status]} **${inline(l.name)}**: ${inline(l.summary)}`)
  for (const p of g.prediction) lines.push(`- ${p.tool.passes ? '✔' : '✘'} ${inline(p.summary)}`)
  const out: Block[] = [summary(...lines, '')]
  if (g.items.length) {
    const folded = ['<details><summary>Each requirement: what decided it and what to do</summary>', '']
    for (const l of g.items) {
      folded.push(
        `- ${GALLERY_MARK[l.status]} **${inline(l.item.requirement)}**: ${GALLERY_STATUS[l.status]} ([source](${l.item.source.url}))`,
      )
      for (const e of l.item.basis) folded.push(`  - ${cell(e)}`)
      if (l.item.next) folded.push(`  - ${l.status === 'not-met' ? 'Fix' : 'To test'}: ${inline(l.item.next)}`)
    }
    out.push(detail(...folded, '', '</details>', ''))
  }
  for (const p of g.prediction) {
    const folded = [`<details><summary>${inline(p.tool.title)}: every predicted test</summary>`, '']
    for (const c of p.tool.caveats) folded.push(`> ${inline(c)}`, '')
    if (p.file) folded.push(`Microsoft-shaped result: \`${p.file.replace(/`/g, "'")}\``, '')
    folded.push("| | Test | Category | Microsoft's result | Why |", '| --- | --- | --- | --- | --- |')
    for (const t of p.tests)
      folded.push(
        `| ${PREDICTED_MARK[t.status]} | \`${t.name.replace(/`/g, "'")}\` | ${t.category} | ${cell(t.result)} | ${cell(predictedWhy(t))} |`,
      )
    out.push(detail(...folded, '', '</details>', ''))
  }
  return out
}

/** Warnings by level, each cause in one line with its fix. */
function warningsSection(order: ReportOrder): Block[] {
  if (!order.warnings.length) return []
  const causes = order.warnings.reduce((n, g) => n + g.causes.length, 0)
  const checks = order.warnings.reduce((n, g) => n + g.checks, 0)
  const out: Block[] = [
    summary(
      `### Warnings: ${causes} ${causes === 1 ? 'cause' : 'causes'} (${checks} warned ${checks === 1 ? 'check' : 'checks'})`,
      '',
    ),
  ]
  let n = 0
  for (const g of order.warnings) {
    out.push(summary(`#### ${g.label}: ${g.causes.length} ${g.causes.length === 1 ? 'cause' : 'causes'}`, ''))
    for (const c of g.causes)
      out.push(
        summary(
          `${++n}. **${inline(c.title)}**${c.checks.length > 1 ? ` (${c.checks.length} checks)` : ''} — Fix: ${inline(c.fix)}`,
        ),
      )
    out.push(summary(''))
  }
  return out
}

function diagnosis(run: RunResult): string[] {
  const d = run.diagnosis
  if (!d) return []
  const out: string[] = [`### ${causesHeading(run)}`, '']
  d.causes.forEach((c, i) => {
    out.push(`${i + 1}. **${inline(c.title)}**  `, `   ${inline(causeEntraLine(c))}`, '')
    for (const e of c.observations) out.push(`   - ${cell(e)}`)
    out.push(`   - Fix: ${inline(c.fix)}`)
    if (c.reproduce) out.push(`   - Reproduce: \`${c.reproduce.command}\``)
    out.push('')
  })
  if (d.job) {
    out.push(`### Job status (${inline(d.job.file)})`, '', ...d.job.summary.map((l) => `- ${cell(l)}`))
    out.push(
      '',
      fenced(
        `${d.job.restart.graph.method} https://graph.microsoft.com/v1.0${d.job.restart.graph.path}\n${JSON.stringify(d.job.restart.graph.body)}`,
        'http',
      ),
      '',
    )
  }
  if (d.logs) {
    const logs = d.logs
    out.push('### Provisioning logs', '', inline(logsLine(logs)), '', `**${inline(logs.thresholds.sentence)}**`, '')
    if (logs.failureGroups.length) {
      out.push(
        '| Failures | Error code | Action | Manager/member | Example | Reproduce |',
        '| ---: | --- | --- | ---: | --- | --- |',
      )
      for (const g of logs.failureGroups) {
        const example = `${g.example.object ?? 'an object'}: ${g.example.text.slice(0, 200)}`
        out.push(
          `| ${g.count} | ${cell(g.code)} | ${cell(g.action)} | ${g.referenceCount} | ${cell(example)} | ${g.reproduce ? `\`${g.reproduce.command}\`` : '—'} |`,
        )
      }
      out.push('')
    }
  }
  const latency = probeLatency(run)
  if (latency.length) {
    out.push(
      '### Live probes',
      '',
      '| ms | Request |',
      '| ---: | --- |',
      ...latency.map((p) => `| ${p.ms} | ${cell(p.line)} |`),
      '',
    )
  }
  return out
}

/** A piece of the summary: 'must' pieces are always written, 'summary' ones while they fit, 'detail' ones after them. */
interface Block {
  text: string
  level: 'must' | 'summary' | 'detail'
}
const must = (...lines: string[]): Block => ({ text: lines.join('\n'), level: 'must' })
const summary = (...lines: string[]): Block => ({ text: lines.join('\n'), level: 'summary' })
const detail = (...lines: string[]): Block => ({ text: lines.join('\n'), level: 'detail' })

/** GitHub keeps at most 1 MiB of step summary per step; the summary stays at a quarter of that. */
export const MARKDOWN_BUDGET = 256 * 1024

/** The blocks that fit the budget, in their order: every 'must', then 'summary' blocks, then 'detail' ones, while they fit. */
function fit(blocks: Block[], budget: number, reportUrl: string | undefined): string {
  const size = (b: Block) => Buffer.byteLength(b.text, 'utf8') + 1
  const note = 600 + (reportUrl ? Buffer.byteLength(reportUrl) : 0)
  let used = note + blocks.filter((b) => b.level === 'must').reduce((n, b) => n + size(b), 0)
  const kept = new Set<Block>(blocks.filter((b) => b.level === 'must'))
  for (const level of ['summary', 'detail'] as const) {
    for (const b of blocks) {
      if (b.level !== level || used + size(b) > budget) continue
      kept.add(b)
      used += size(b)
    }
  }
  const left = blocks.filter((b) => !kept.has(b) && b.text.trim() !== '').length
  const out = blocks.filter((b) => kept.has(b)).map((b) => b.text)
  if (left) {
    const where = reportUrl ? `the [full report](${reportUrl})` : 'report.json and report.html'
    out.push(
      `> ${left} more part${left === 1 ? ' was' : 's were'} left out to keep this summary within GitHub's step-summary size: see ${where}.`,
      '',
    )
  }
  return out.join('\n')
}

export interface MarkdownOptions {
  /** Where the full HTML report can be read (the uploaded artifact, the CI run's page): linked under the verdict. */
  reportUrl?: string
  /** Bytes the summary may take; MARKDOWN_BUDGET by default. */
  budget?: number
}

/**
 * The run as GitHub-flavoured Markdown in the order of importance (order.ts): the verdict and the first fix, the causes
 * that fail the run, what a gallery submission still needs (folded details), the warnings by level, the counts per
 * flow; then every failure and warning in detail while the size budget allows. The headline is the first line.
 */
export function renderMarkdown(input: RunResult, opts: MarkdownOptions = {}): string {
  const run = sanitizeRun(input)
  const order = reportOrder(run)
  const url =
    opts.reportUrl && /^https?:\/\//i.test(opts.reportUrl)
      ? opts.reportUrl.replace(/[()\s]/g, encodeURIComponent)
      : undefined
  const sections: Record<Section, () => Block[]> = {
    verdict: () => {
      const head = [`## ${ICON[run.verdict.kind]} ${inline(run.verdict.headline)}`, '']
      if (order.firstFix) head.push(`**${inline(firstFixLine(order.firstFix))}**`, '')
      if (url) head.push(`[Full report (HTML)](${url})`, '')
      for (const limit of run.verdict.scope.limits) head.push(`> **${inline(limit)}**`, '')
      for (const n of run.run.notices) head.push(`> **Notice:** ${inline(n)}`, '')
      return [must(...head), ...diagnosis(run).map((l) => summary(l))]
    },
    failures: () => {
      if (!order.failures.length && run.diagnosis) return []
      return [
        must(`### ${inline(causesLine(order.failures))}`, ''),
        ...order.failures.map((c, i) => summary(...causeItem(run, c, i + 1))),
      ]
    },
    gallery: () => gallerySection(order),
    warnings: () => warningsSection(order),
    counts: () => [
      summary('### Per flow', '', ...flowTable(run), ''),
      must(`**${countsLine(run.counts, run.checks)}**`, ''),
      summary(`<sub>${inline(runLine(run))}</sub>`, ''),
      ...(run.diagnosis ? [] : [summary(`<sub>${inline(levelsLegend(run))}</sub>`, '')]),
    ],
  }
  const blocks = SECTIONS.flatMap((s) => sections[s]())

  if (run.diff) {
    const d = run.diff
    const list = (xs: string[]) => (xs.length ? xs.map((x) => `\`${x}\``).join(', ') : 'none')
    blocks.push(
      summary(
        `### Compared with ${inline(d.baseline)}`,
        '',
        `- New failures: ${list(d.newFailures)}`,
        `- Fixed: ${list(d.fixed)}`,
        `- Changed: ${list(d.changed)}`,
        '',
      ),
    )
  }
  if (run.leftovers.length) {
    blocks.push(
      must(
        '### Left behind on the server',
        '',
        ...run.leftovers.map((l) => `- ${l.type} \`${l.name}\` (id \`${l.id}\`): ${inline(l.reason)}`),
        '',
      ),
    )
  }
  const failed = run.checks.filter((c) => c.outcome === 'failed')
  const warned = run.checks.filter((c) => c.outcome === 'warned')
  // Each section's heading travels with its first check, so a heading is never left without one.
  if (failed.length)
    blocks.push(...failed.map((c, i) => detail(...(i ? [] : ['### Failures, check by check', '']), ...problem(run, c))))
  if (warned.length)
    blocks.push(...warned.map((c, i) => detail(...(i ? [] : ['### Warnings, check by check', '']), ...problem(run, c))))
  const waived = run.checks.filter((c) => c.outcome === 'waived')
  if (waived.length) {
    const lines = waived.map(
      (c) =>
        `- \`${c.id}\`${c.dialect ? ` ${dialectTag(c)}` : ''}: ${inline(c.waiver?.reason ?? 'waived')}${c.waiver?.expires ? ` (until ${c.waiver.expires})` : ''}`,
    )
    blocks.push(summary('### Waived', '', ...lines, ''))
  }
  return `${fit(blocks, opts.budget ?? MARKDOWN_BUDGET, url).trimEnd()}\n`
}
