// summary.md: the verdict, a flows × dialects table and each failure, sized for $GITHUB_STEP_SUMMARY.
import type { Cause, CheckResult, Outcome, RunResult, VerdictKind } from '../result/model.ts'
import { causesLine, causesOf } from '../result/causes.ts'
import { sanitizeRun } from './json.ts'
import { causeEntraLine, logsLine, probeLatency } from './diagnosis.ts'
import { causesHeading } from '../diagnose/to-report.ts'
import {
  byFlow,
  countsLine,
  dialectTag,
  entraLine,
  EVIDENCE_LIMIT,
  evidence,
  galleryItemLine,
  hasExpectation,
  levelLine,
  levelsLegend,
  MARK,
  requestLine,
  runLine,
  showValue,
} from './text.ts'

const ICON: Record<VerdictKind, string> = { ready: '✅', warnings: '⚠️', fails: '❌', incomplete: '◐', 'not-ready': '➖' }

// GitHub renders HTML inside Markdown, so text from the server must not be able to open a tag.
const inline = (s: string): string => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/([\\`*_[\]|])/g, '\\$1')
const cell = (s: string): string => inline(s).replace(/\r?\n/g, ' ')

/** A fenced block whose fence is longer than any backtick run inside, so the content can't close it. */
function fenced(text: string, lang = ''): string {
  const longest = Math.max(2, ...[...text.matchAll(/`+/g)].map((m) => m[0].length))
  const fence = '`'.repeat(longest + 1)
  return `${fence}${lang}\n${text}\n${fence}`
}

function flowTable(run: RunResult): string[] {
  const rows = ['| Flow | Dialect | ✔ passed | ✘ failed | ⚠ warnings | ○ skipped | ⊘ blocked | ≈ waived |', '| --- | --- | ---: | ---: | ---: | ---: | ---: | ---: |']
  for (const [flow, checks] of byFlow(run.checks)) {
    const dialects = [...new Set(checks.map((c) => c.dialect))]
    for (const d of dialects) {
      const list = checks.filter((c) => c.dialect === d)
      const n = (o: Outcome) => list.filter((c) => c.outcome === o).length
      const failed = n('failed') ? `**${n('failed')}**` : '0'
      rows.push(`| ${cell(flow)} | ${d ?? '—'} | ${n('passed')} | ${failed} | ${n('warned')} | ${n('skipped')} | ${n('blocked')} | ${n('waived')} |`)
    }
  }
  return rows
}

function problem(run: RunResult, c: CheckResult): string[] {
  const tag = c.dialect ? ` ${dialectTag(c)}` : ''
  const out = [`#### ${MARK[c.outcome]} \`${c.id}\`${tag}: ${inline(c.title)}`, '']
  if (c.message) out.push(inline(c.message), '')
  const lines = evidence(run, c, EVIDENCE_LIMIT).map(requestLine)
  if (hasExpectation(c)) lines.push(`expected: ${showValue(c.expected, 1000)}`, `actual:   ${showValue(c.actual, 1000)}`)
  if (lines.length) out.push(fenced(lines.join('\n'), 'text'), '')
  out.push(`- Rule: ${c.refs.map((r) => `[${inline(r.label)}](${r.url})`).join(', ')}`)
  out.push(`- ${inline(levelLine(c))} (${c.evidence.sources.map((r) => `[${inline(r.label)}](${r.url})`).join(', ')})`)
  out.push(`- ${inline(entraLine(c))}`)
  out.push(`- Fix: ${inline(c.fix)}`, '')
  return out
}

function causeItem(run: RunResult, c: Cause): string[] {
  const ids = c.checks.map((k) => `\`${k.id}\`${k.dialect ? ` [${k.dialect}]` : ''}`).join(', ')
  const ex = c.exchange !== undefined ? run.exchanges.find((e) => e.seq === c.exchange) : undefined
  const out = [`${c.rank}. **${inline(c.title)}**  `, `   _${inline(c.impact)}_`, '']
  out.push(`   - ${c.level === 'failure' ? 'Failed' : 'Warned'}: ${ids}${c.blocked ? ` (and ${c.blocked} blocked by it)` : ''}`)
  if (ex || c.request) out.push(`   - Request: \`${(ex ? requestLine(ex) : c.request!).replace(/`/g, "'")}\``)
  out.push(`   - Entra: ${inline(`${c.entra.code}${c.entra.quarantine ? ` (${c.entra.quarantine})` : ''} — ${c.entra.effect}`)}`)
  out.push(`   - Fix: ${inline(c.fix)}`, '')
  return out
}

/** "N causes (M failed checks)" and each cause, worst for Entra first; warnings the same way. */
function causesSection(run: RunResult): string[] {
  const causes = causesOf(run)
  const failures = causes.filter((c) => c.level === 'failure')
  const warnings = causes.filter((c) => c.level === 'warning')
  const out = [`### ${inline(causesLine(failures))}`, '']
  for (const c of failures) out.push(...causeItem(run, c))
  if (warnings.length) {
    const n = warnings.reduce((k, c) => k + c.checks.length, 0)
    out.push(`### Warnings: ${warnings.length} ${warnings.length === 1 ? 'cause' : 'causes'} (${n} warned ${n === 1 ? 'check' : 'checks'})`, '')
    for (const c of warnings) out.push(...causeItem(run, c))
  }
  return out
}

function diagnosis(run: RunResult): string[] {
  const d = run.diagnosis
  if (!d) return []
  const out: string[] = [`### ${causesHeading(run)}`, '']
  d.causes.forEach((c, i) => {
    out.push(`${i + 1}. **${inline(c.title)}**  `, `   ${inline(causeEntraLine(c))}`, '')
    for (const e of c.evidence) out.push(`   - ${cell(e)}`)
    out.push(`   - Fix: ${inline(c.fix)}`)
    if (c.reproduce) out.push(`   - Reproduce: \`${c.reproduce.command}\``)
    out.push('')
  })
  if (d.job) {
    out.push(`### Job status (${inline(d.job.file)})`, '', ...d.job.summary.map((l) => `- ${cell(l)}`))
    out.push('', fenced(`${d.job.restart.graph.method} https://graph.microsoft.com/v1.0${d.job.restart.graph.path}\n${JSON.stringify(d.job.restart.graph.body)}`, 'http'), '')
  }
  if (d.logs) {
    const logs = d.logs
    out.push('### Provisioning logs', '', inline(logsLine(logs)), '', `**${inline(logs.thresholds.sentence)}**`, '')
    if (logs.failureGroups.length) {
      out.push('| Failures | Error code | Action | Manager/member | Example | Reproduce |', '| ---: | --- | --- | ---: | --- | --- |')
      for (const g of logs.failureGroups) {
        const example = `${g.example.object ?? 'an object'}: ${g.example.text.slice(0, 200)}`
        out.push(`| ${g.count} | ${cell(g.code)} | ${cell(g.action)} | ${g.referenceCount} | ${cell(example)} | ${g.reproduce ? `\`${g.reproduce.command}\`` : '—'} |`)
      }
      out.push('')
    }
  }
  const latency = probeLatency(run)
  if (latency.length) {
    out.push('### Live probes', '', '| ms | Request |', '| ---: | --- |', ...latency.map((p) => `| ${p.ms} | ${cell(p.line)} |`), '')
  }
  return out
}

/** The run as GitHub-flavoured Markdown; the headline is the first line. */
export function renderMarkdown(input: RunResult): string {
  const run = sanitizeRun(input)
  const out: string[] = [`## ${ICON[run.verdict.kind]} ${inline(run.verdict.headline)}`, '']
  for (const limit of run.verdict.scope.limits) out.push(`> **${inline(limit)}**`, '')
  out.push(`${run.verdict.gallery.met ? '✅' : '➖'} ${inline(run.verdict.gallery.text)}`, '')
  if (run.verdict.gallery.items.length) out.push(...run.verdict.gallery.items.map((i) => `- ${inline(galleryItemLine(i))}`), '')
  for (const n of run.run.notices) out.push(`> **Notice:** ${inline(n)}`, '')
  out.push(...diagnosis(run))
  out.push(...causesSection(run))
  out.push(`<sub>${inline(runLine(run))}</sub>`, '')
  out.push(...flowTable(run), '')
  out.push(`**${countsLine(run.counts, run.checks)}**`, '')
  if (!run.diagnosis) out.push(`<sub>${inline(levelsLegend(run))}</sub>`, '')

  if (run.diff) {
    const d = run.diff
    const list = (xs: string[]) => (xs.length ? xs.map((x) => `\`${x}\``).join(', ') : 'none')
    out.push(`### Compared with ${inline(d.baseline)}`, '')
    out.push(`- New failures: ${list(d.newFailures)}`, `- Fixed: ${list(d.fixed)}`, `- Changed: ${list(d.changed)}`, '')
  }
  const failed = run.checks.filter((c) => c.outcome === 'failed' || (run.run.strict && c.outcome === 'warned'))
  const warned = run.checks.filter((c) => c.outcome === 'warned' && !run.run.strict)
  if (failed.length) out.push('### Failures', '', ...failed.flatMap((c) => problem(run, c)))
  if (warned.length) out.push('### Warnings', '', ...warned.flatMap((c) => problem(run, c)))
  const waived = run.checks.filter((c) => c.outcome === 'waived')
  if (waived.length) {
    out.push('### Waived', '')
    for (const c of waived) out.push(`- \`${c.id}\`${c.dialect ? ` ${dialectTag(c)}` : ''}: ${inline(c.waiver?.reason ?? 'waived')}${c.waiver?.expires ? ` (until ${c.waiver.expires})` : ''}`)
    out.push('')
  }
  if (run.leftovers.length) {
    out.push('### Left behind on the server', '')
    for (const l of run.leftovers) out.push(`- ${l.type} \`${l.name}\` (id \`${l.id}\`): ${inline(l.reason)}`)
    out.push('')
  }
  return `${out.join('\n').trimEnd()}\n`
}
