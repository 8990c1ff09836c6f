// Console output in h2spec's style: an indented tree per flow, and for each failure the request, rule, consequence and fix.
import type { Cause, CheckResult, GalleryStatus, Outcome, RunResult, VerdictKind } from '../result/model.ts'
import { causesLine, causesOf } from '../result/causes.ts'
import {
  byFlow,
  countsLine,
  dialectTag,
  entraLine,
  EVIDENCE_LIMIT,
  evidence,
  flowDialects,
  galleryItemLine,
  hasExpectation,
  levelLine,
  levelsLegend,
  MARK,
  needsAction,
  requestLine,
  runLine,
  showValue,
} from './text.ts'
import { redactText } from './sanitize.ts'
import { causeEntraLine, logsLine, probeLatency, redactDiagnosis } from './diagnosis.ts'
import { causesHeading } from '../diagnose/to-report.ts'

type Paint = (code: string, s: string) => string
const ansi: Paint = (code, s) => `\u001b[${code}m${s}\u001b[0m`
const plain: Paint = (_code, s) => s

const OUTCOME_COLOUR: Record<Outcome, string> = { passed: '32', failed: '31', warned: '33', skipped: '2', blocked: '35', waived: '36' }
const VERDICT_COLOUR: Record<VerdictKind, string> = { ready: '1;32', warnings: '1;33', fails: '1;31', incomplete: '1;33', 'not-ready': '1;33' }
const GALLERY_COLOUR: Record<GalleryStatus, string> = { met: '32', 'not-met': '31', 'not-tested': '2' }

function checkLine(c: CheckResult, paint: Paint): string {
  const tag = c.dialect ? ` ${paint('2', dialectTag(c))}` : ''
  return `${paint(OUTCOME_COLOUR[c.outcome], MARK[c.outcome])} ${paint('1', c.id)} ${c.title}${tag}`
}

function details(run: RunResult, c: CheckResult, paint: Paint): string[] {
  const pad = '      '
  const out: string[] = []
  if (c.outcome === 'skipped' || c.outcome === 'blocked' || c.outcome === 'waived') {
    if (c.message) out.push(`${pad}${paint('2', redactText(c.message))}`)
    if (c.waiver) out.push(`${pad}${paint('36', `Waived: ${c.waiver.reason}${c.waiver.expires ? ` (until ${c.waiver.expires})` : ''}`)}`)
    return out
  }
  // A passed check's message is a measurement (e.g. a response time), shown dimmed.
  if (c.outcome === 'passed' && c.message) out.push(`${pad}${paint('2', redactText(c.message))}`)
  if (!needsAction(c)) return out
  if (c.message) out.push(`${pad}${redactText(c.message)}`)
  const shown = evidence(run, c, EVIDENCE_LIMIT)
  for (const ex of shown) out.push(`${pad}${paint('1', requestLine(ex))}`)
  const hidden = c.exchanges.length - shown.length
  if (hidden > 0) out.push(`${pad}${paint('2', `(+${hidden} earlier request${hidden === 1 ? '' : 's'})`)}`)
  if (hasExpectation(c)) {
    out.push(`${pad}expected: ${paint('32', showValue(c.expected))}`)
    out.push(`${pad}actual:   ${paint('31', showValue(c.actual))}`)
  }
  for (const ref of c.refs) out.push(`${pad}${ref.label}  ${paint('4', ref.url)}`)
  out.push(`${pad}${levelLine(c)} (${c.evidence.sources.map((r) => r.label).join('; ')})`)
  out.push(`${pad}${entraLine(c)}`)
  out.push(`${pad}Fix: ${c.fix}`)
  return out
}

const TOP_GROUPS = 5

// A diagnose run leads with what the engineer came for: the ranked causes, then the job and the logs behind them.
function diagnosisLines(run: RunResult, paint: Paint): string[] {
  const d = redactDiagnosis(run)
  if (!d) return []
  const out: string[] = ['', paint('1', causesHeading(run))]
  d.causes.forEach((c, i) => {
    out.push(`  ${paint('1', `${i + 1}. ${c.title}`)}`, `     ${causeEntraLine(c)}`)
    for (const e of c.evidence) out.push(`     ${paint('2', '•')} ${e}`)
    out.push(`     Fix: ${c.fix}`)
    if (c.reproduce) out.push(`     Reproduce: ${paint('36', c.reproduce.command)}`)
  })
  if (d.job) {
    out.push('', paint('1', `Job status (${d.job.file})`))
    for (const line of d.job.summary) out.push(`  ${line}`)
    out.push(`  Restart with Graph: ${d.job.restart.graph.method} ${d.job.restart.graph.path} ${JSON.stringify(d.job.restart.graph.body)}`)
  }
  if (d.logs) {
    const logs = d.logs
    out.push('', paint('1', 'Provisioning logs'), `  ${logsLine(logs)}`)
    out.push(`  ${paint(logs.thresholds.wouldQuarantine ? '31' : '32', logs.thresholds.sentence)}`)
    if (logs.failureGroups.length) out.push('  Failures by error code and action:')
    for (const g of logs.failureGroups.slice(0, TOP_GROUPS)) {
      const ref = g.referenceCount ? ` (${g.referenceCount.toLocaleString('en-US')} manager/member updates)` : ''
      out.push(`    ${g.count.toLocaleString('en-US').padStart(7)}  ${g.code} · ${g.action}${ref}`)
      out.push(`             e.g. ${g.example.object ?? 'an object'}: ${showValue(g.example.text.replace(/\s+/g, ' '), 300)}`)
      if (g.reproduce) out.push(`             Reproduce: ${paint('36', g.reproduce.command)}`)
    }
  }
  const latency = probeLatency(run)
  if (latency.length) {
    out.push('', paint('1', 'Live probes (latency)'))
    for (const p of latency) out.push(`  ${String(p.ms).padStart(6)} ms  ${p.line}`)
  }
  return out
}

const checkRef = (c: { id: string; dialect?: string }): string => `${c.id}${c.dialect ? ` [${c.dialect}]` : ''}`

/** One cause: its title, the checks it failed, the one request that shows it, what Entra does, the fix. */
function causeLines(run: RunResult, cause: Cause, paint: Paint): string[] {
  const colour = cause.level === 'failure' ? '31' : '33'
  const out = [`  ${paint(colour, `${cause.rank}.`)} ${paint('1', redactText(cause.title))}`]
  out.push(`     ${paint('2', `${cause.impact}`)}`)
  // What the first failed check saw, in its own words (e.g. "expected 200, got 404").
  const first = run.checks.find((c) => c.id === cause.checks[0]?.id && c.dialect === cause.checks[0]?.dialect)
  if (first?.message) out.push(`     ${showValue(first.message, 400)}`)
  if (first) out.push(`     ${levelLine(first)}`, `     Rule: ${first.refs.map((r) => r.label).join('; ')}`)
  const ids = cause.checks.map(checkRef)
  const shown = ids.length > 6 ? [...ids.slice(0, 6), `+${ids.length - 6} more`] : ids
  out.push(`     ${cause.level === 'failure' ? 'Failed' : 'Warned'}: ${shown.join(', ')}${cause.blocked ? paint('35', ` (and ${cause.blocked} check${cause.blocked === 1 ? '' : 's'} blocked by it)`) : ''}`)
  const ex = cause.exchange !== undefined ? run.exchanges.find((e) => e.seq === cause.exchange) : undefined
  if (ex) out.push(`     Request: ${paint('1', requestLine(ex))}`)
  else if (cause.request) out.push(`     Request: ${paint('1', redactText(cause.request))}`)
  const q = cause.entra.quarantine ? ` (${cause.entra.quarantine})` : ''
  out.push(`     Entra: ${cause.entra.code}${q} — ${cause.entra.effect}`)
  out.push(`     Fix: ${cause.fix}`)
  return out
}

/** "3 causes (12 failed checks)", then each cause, worst for Entra first; warnings the same way after them. */
function causesSection(run: RunResult, paint: Paint): string[] {
  const causes = causesOf(run)
  const failures = causes.filter((c) => c.level === 'failure')
  const warnings = causes.filter((c) => c.level === 'warning')
  const out: string[] = ['', paint('1', causesLine(failures))]
  for (const c of failures) out.push(...causeLines(run, c, paint))
  if (warnings.length) {
    const n = warnings.reduce((k, c) => k + c.checks.length, 0)
    out.push('', paint('1', `Warnings: ${warnings.length} ${warnings.length === 1 ? 'cause' : 'causes'} (${n} warned ${n === 1 ? 'check' : 'checks'})`))
    for (const c of warnings) out.push(...causeLines(run, c, paint))
  }
  return out
}

/** Blocked and skipped checks, each reason once with the checks it covers; passes as a count per flow. */
function restSection(run: RunResult, paint: Paint): string[] {
  const out: string[] = []
  const blocked = run.checks.filter((c) => c.outcome === 'blocked')
  if (blocked.length) {
    const byBlocker = new Map<string, CheckResult[]>()
    for (const c of blocked) byBlocker.set(c.blockedBy ?? '?', [...(byBlocker.get(c.blockedBy ?? '?') ?? []), c])
    out.push('', paint('1', `Blocked: ${blocked.length} check${blocked.length === 1 ? '' : 's'} could not be judged because a step they need failed`))
    for (const [by, list] of byBlocker) out.push(`  ${paint('35', MARK.blocked)} by ${paint('1', by)}: ${list.map(checkRef).join(', ')}`)
  }
  const skipped = run.checks.filter((c) => c.outcome === 'skipped')
  if (skipped.length) {
    const byReason = new Map<string, CheckResult[]>()
    for (const c of skipped) byReason.set(c.message ?? 'skipped', [...(byReason.get(c.message ?? 'skipped') ?? []), c])
    out.push('', paint('1', `Skipped: ${skipped.length} check${skipped.length === 1 ? '' : 's'}`))
    for (const [reason, list] of byReason) {
      out.push(`  ${paint('2', MARK.skipped)} ${redactText(reason)}`)
      out.push(`    ${paint('2', list.length > 8 ? `${list.slice(0, 8).map(checkRef).join(', ')} +${list.length - 8} more` : list.map(checkRef).join(', '))}`)
    }
  }
  const waived = run.checks.filter((c) => c.outcome === 'waived')
  if (waived.length) {
    out.push('', paint('1', `Waived: ${waived.length}`))
    for (const c of waived) out.push(`  ${paint('36', MARK.waived)} ${checkRef(c)}: ${c.waiver?.reason ?? ''}${c.waiver?.expires ? ` (until ${c.waiver.expires})` : ''}`)
  }
  const flows = [...byFlow(run.checks)].map(([flow, list]) => {
    const passed = list.filter((c) => c.outcome === 'passed').length
    return `${flow} ${passed}/${list.length}`
  })
  out.push('', paint('1', 'Passed, per flow'), `  ${paint('32', flows.join(' · '))}`)
  return out
}

/** Every check under its flow, with the evidence of each failure: the --verbose view. */
function everyCheck(run: RunResult, paint: Paint): string[] {
  const lines: string[] = []
  for (const [flow, checks] of byFlow(run.checks)) {
    // A flow that ran once per PATCH dialect is shown once per dialect, so each dialect reads as its own run.
    const dialects = flowDialects(checks)
    const groups = dialects.length ? dialects.map((d) => [`${flow} [${d}]`, checks.filter((c) => c.dialect === d)] as const) : [[flow, checks] as const]
    for (const [title, list] of groups) {
      lines.push('', paint('1', title))
      for (const c of list) lines.push(`  ${checkLine(c, paint)}`, ...details(run, c, paint))
    }
  }
  return lines
}

/**
 * The whole report as terminal text: the verdict, the target line, then the causes (each with its failed checks, the
 * request that shows it and the fix), warnings the same way, then blocked, skipped (each reason once) and passes as a
 * count per flow; the counts line last. `verbose` adds every check as it ran. ANSI colour only when asked.
 */
export function renderConsole(run: RunResult, opts: { color: boolean; verbose?: boolean }): string {
  const paint = opts.color ? ansi : plain
  const lines: string[] = []
  // The verdict is the first line of every format; the target line came before the run (cli/run.ts) and repeats here.
  lines.push(paint(VERDICT_COLOUR[run.verdict.kind], run.verdict.headline))
  for (const limit of run.verdict.scope.limits) lines.push(paint('33', limit))
  lines.push(paint(run.verdict.gallery.met ? '32' : '2', run.verdict.gallery.text))
  for (const item of run.verdict.gallery.items) lines.push(`  ${paint(GALLERY_COLOUR[item.status], galleryItemLine(item))}`)
  for (const n of run.run.notices) lines.push(paint('33', `Notice: ${n}`))
  lines.push(paint('2', runLine(run)))
  lines.push(...diagnosisLines(run, paint))
  lines.push(...causesSection(run, paint))
  lines.push(...(opts.verbose ? everyCheck(run, paint) : restSection(run, paint)))

  if (run.diff) {
    const d = run.diff
    lines.push('', paint('1', `Compared with ${d.baseline}`))
    lines.push(`  New failures: ${d.newFailures.length ? d.newFailures.join(', ') : 'none'}`)
    lines.push(`  Fixed: ${d.fixed.length ? d.fixed.join(', ') : 'none'}`)
    if (d.changed.length) lines.push(`  Changed: ${d.changed.join(', ')}`)
  }
  if (run.leftovers.length) {
    lines.push('', paint('33', 'Left behind on the server (delete by hand):'))
    for (const l of run.leftovers) lines.push(`  ${l.type} ${l.name} (id ${l.id}): ${l.reason}`)
  }
  lines.push('')
  if (!run.diagnosis) lines.push(paint('2', levelsLegend(run)))
  lines.push(countsLine(run.counts, run.checks))
  return lines.join('\n')
}

/** One line per finished check, for live progress while the run goes on. */
export function renderProgressLine(check: CheckResult, opts: { color?: boolean } = {}): string {
  const paint = opts.color ? ansi : plain
  const why = check.outcome !== 'passed' && check.message ? paint('2', ` — ${redactText(check.message)}`) : ''
  return `${checkLine(check, paint)} ${paint('2', `(${check.flow}, ${Math.round(check.durationMs)} ms)`)}${why}`
}
