// Console output in h2spec's style: an indented tree per flow, and for each failure the request, rule, consequence and fix.
import type { CheckResult, GalleryStatus, Outcome, RunResult, VerdictKind } from '../model/result.ts'
import { causesLine } from '../result/causes.ts'
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
import { consoleWidth, wrapText } from './wrap.ts'
import {
  byFlow,
  countsLine,
  dialectTag,
  entraLine,
  CITED_EXCHANGES_SHOWN,
  citedExchanges,
  flowDialects,
  GALLERY_MARK,
  hasExpectation,
  levelLine,
  levelsLegend,
  MARK,
  needsAction,
  redactedRequestLine,
  runLine,
  showValue,
} from './text.ts'
import { redactText } from './sanitize.ts'
import { causeEntraLine, logsLine, probeLatency, redactDiagnosis } from './diagnosis.ts'
import { causesHeading } from '../diagnose/to-report.ts'

type Paint = (code: string, s: string) => string
const ansi: Paint = (code, s) => `\u001b[${code}m${s}\u001b[0m`
const plain: Paint = (_code, s) => s

const OUTCOME_COLOUR: Record<Outcome, string> = {
  passed: '32',
  failed: '31',
  warned: '33',
  skipped: '2',
  blocked: '35',
  waived: '36',
}
const VERDICT_COLOUR: Record<VerdictKind, string> = {
  ready: '1;32',
  warnings: '1;33',
  fails: '1;31',
  incomplete: '1;33',
  'not-ready': '1;33',
}
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
    if (c.waiver)
      out.push(
        `${pad}${paint('36', `Waived: ${c.waiver.reason}${c.waiver.expires ? ` (until ${c.waiver.expires})` : ''}`)}`,
      )
    return out
  }
  // A passed check's message is a measurement (e.g. a response time), shown dimmed.
  if (c.outcome === 'passed' && c.message) out.push(`${pad}${paint('2', redactText(c.message))}`)
  if (!needsAction(c)) return out
  if (c.message) out.push(`${pad}${redactText(c.message)}`)
  const shown = citedExchanges(run, c, CITED_EXCHANGES_SHOWN)
  for (const ex of shown) out.push(`${pad}${paint('1', redactedRequestLine(ex))}`)
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
    for (const e of c.observations) out.push(`     ${paint('2', '•')} ${e}`)
    out.push(`     Fix: ${c.fix}`)
    if (c.reproduce) out.push(`     Reproduce: ${paint('36', c.reproduce.command)}`)
  })
  if (d.job) {
    out.push('', paint('1', `Job status (${d.job.file})`))
    for (const line of d.job.summary) out.push(`  ${line}`)
    out.push(
      `  Restart with Graph: ${d.job.restart.graph.method} ${d.job.restart.graph.path} ${JSON.stringify(d.job.restart.graph.body)}`,
    )
  }
  if (d.logs) {
    const logs = d.logs
    out.push('', paint('1', 'Provisioning logs'), `  ${logsLine(logs)}`)
    out.push(`  ${paint(logs.thresholds.wouldQuarantine ? '31' : '32', logs.thresholds.sentence)}`)
    if (logs.failureGroups.length) out.push('  Failures by error code and action:')
    for (const g of logs.failureGroups.slice(0, TOP_GROUPS)) {
      const ref = g.referenceCount ? ` (${g.referenceCount.toLocaleString('en-US')} manager/member updates)` : ''
      out.push(`    ${g.count.toLocaleString('en-US').padStart(7)}  ${g.code} · ${g.action}${ref}`)
      out.push(
        `             e.g. ${g.example.object ?? 'an object'}: ${showValue(g.example.text.replace(/\s+/g, ' '), 300)}`,
      )
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
/** Ids listed in full up to this many; more collapse to a count (--verbose and the report files list them). */
const IDS_SHOWN = 2

/** One cause: its title, the server's own words, the checks it failed, the one request that shows it, what Entra does, the fix. */
function causeLines(run: RunResult, cause: ShownCause, n: number, paint: Paint, verbose: boolean): string[] {
  const colour = cause.level === 'failure' ? '31' : '33'
  const out = [`  ${paint(colour, `${n}.`)} ${paint('1', redactText(cause.title))}`]
  out.push(`     ${paint('2', `${cause.impact}`)}`)
  if (cause.serverMessage) out.push(`     Server said: ${redactText(cause.serverMessage.replace(/\s+/g, ' ').trim())}`)
  // What the first failed check saw, in its own words (e.g. "expected 200, got 404").
  const first = run.checks.find((c) => c.id === cause.checks[0]?.id && c.dialect === cause.checks[0]?.dialect)
  if (first?.message) out.push(`     ${showValue(first.message, 600)}`)
  if (first) out.push(`     ${levelLine(first)}`, `     Rule: ${first.refs.map((r) => r.label).join('; ')}`)
  const ids = verbose ? cause.checks.map(checkRef).join(', ') : checkList(cause.checks, IDS_SHOWN)
  const blocked = cause.blocked
    ? paint('35', ` (and ${cause.blocked} check${cause.blocked === 1 ? '' : 's'} blocked by it)`)
    : ''
  out.push(`     ${cause.level === 'failure' ? 'Failed' : 'Warned'}: ${ids}${blocked}`)
  if (cause.alsoWarned.length)
    out.push(
      `     Also warned: ${verbose ? cause.alsoWarned.map(checkRef).join(', ') : checkList(cause.alsoWarned, IDS_SHOWN)}`,
    )
  const ex = cause.exchange !== undefined ? run.exchanges.find((e) => e.seq === cause.exchange) : undefined
  if (ex) out.push(`     Request: ${paint('1', redactedRequestLine(ex))}`)
  else if (cause.request) out.push(`     Request: ${paint('1', redactText(cause.request))}`)
  const q = cause.entra.quarantine ? ` (${cause.entra.quarantine})` : ''
  out.push(`     Entra: ${cause.entra.code}${q} — ${cause.entra.effect}`)
  out.push(`     Fix: ${cause.fix}`)
  return out
}

/** "3 causes (12 failed checks)", then each cause, worst for Entra first. */
function failuresSection(run: RunResult, order: ReportOrder, paint: Paint, verbose: boolean): string[] {
  if (!order.failures.length && run.diagnosis) return []
  const out: string[] = ['', paint('1', causesLine(order.failures))]
  order.failures.forEach((c, i) => out.push(...causeLines(run, c, i + 1, paint, verbose)))
  return out
}

/** What a gallery submission still needs: a line per requirement, a line per predicted Microsoft tool; details with --verbose. */
function gallerySection(order: ReportOrder, paint: Paint, verbose: boolean): string[] {
  const g = order.gallery
  if (!g.items.length && !g.prediction.length) return []
  const out: string[] = ['', paint('1', g.text)]
  for (const line of g.items) {
    out.push(`  ${paint(GALLERY_COLOUR[line.status], `${GALLERY_MARK[line.status]} ${line.name}: ${line.summary}`)}`)
    if (!verbose) continue
    for (const e of line.item.basis) out.push(`      ${paint('2', e)}`)
    if (line.item.next) out.push(`      ${line.status === 'not-met' ? 'Fix' : 'To test'}: ${line.item.next}`)
  }
  for (const p of g.prediction) {
    out.push(`  ${paint(p.tool.passes ? '32' : '31', `${p.tool.passes ? '✔' : '✘'} ${p.summary}`)}`)
    if (!verbose) continue
    for (const t of p.tests)
      out.push(
        `      ${PREDICTED_MARK[t.status]} ${t.name}: ${t.result}${t.status === 'pass' && !t.offline ? '' : ` — ${predictedWhy(t)}`}`,
      )
    if (p.file) out.push(`      ${paint('2', `Microsoft-shaped result: ${p.file}`)}`)
    for (const c of p.tool.caveats) out.push(`      ${paint('2', c)}`)
  }
  if (!verbose && g.prediction.length)
    out.push(
      `  ${paint('2', "Each requirement's checks and each predicted test: --verbose, or the HTML and JSON reports.")}`,
    )
  return out
}

/** Warnings by level (Gallery, then RFC only), each cause once. */
function warningsSection(run: RunResult, order: ReportOrder, paint: Paint, verbose: boolean): string[] {
  if (!order.warnings.length) return []
  const causes = order.warnings.reduce((n, g) => n + g.causes.length, 0)
  const checks = order.warnings.reduce((n, g) => n + g.checks, 0)
  const out: string[] = [
    '',
    paint(
      '1',
      `Warnings: ${causes} ${causes === 1 ? 'cause' : 'causes'} (${checks} warned ${checks === 1 ? 'check' : 'checks'})`,
    ),
  ]
  let n = 0
  for (const g of order.warnings) {
    out.push(`  ${paint('1', `${g.label}: ${g.causes.length} ${g.causes.length === 1 ? 'cause' : 'causes'}`)}`)
    for (const c of g.causes) out.push(...causeLines(run, c, ++n, paint, verbose))
  }
  return out
}

/** Blocked and skipped checks, each reason once with how many checks it covers; passes and skips as counts per flow. */
function countsSection(run: RunResult, order: ReportOrder, paint: Paint, verbose: boolean): string[] {
  const out: string[] = []
  const ids = (list: CheckResult[]) =>
    verbose || list.length <= IDS_SHOWN ? list.map(checkRef).join(', ') : `${list.length} checks`
  const blocked = run.checks.filter((c) => c.outcome === 'blocked')
  if (blocked.length) {
    const byBlocker = new Map<string, CheckResult[]>()
    for (const c of blocked) byBlocker.set(c.blockedBy ?? '?', [...(byBlocker.get(c.blockedBy ?? '?') ?? []), c])
    out.push(
      '',
      paint(
        '1',
        `Blocked: ${blocked.length} check${blocked.length === 1 ? '' : 's'} could not be judged because a step they need failed`,
      ),
    )
    for (const [by, list] of byBlocker) out.push(`  ${paint('35', MARK.blocked)} by ${paint('1', by)}: ${ids(list)}`)
  }
  const skipped = run.checks.filter((c) => c.outcome === 'skipped')
  if (skipped.length) {
    const byReason = new Map<string, CheckResult[]>()
    for (const c of skipped) byReason.set(c.message ?? 'skipped', [...(byReason.get(c.message ?? 'skipped') ?? []), c])
    out.push('', paint('1', `Skipped: ${skipped.length} check${skipped.length === 1 ? '' : 's'}`))
    for (const [reason, list] of byReason)
      out.push(`  ${paint('2', MARK.skipped)} ${redactText(reason)} ${paint('2', `(${ids(list)})`)}`)
  }
  const waived = run.checks.filter((c) => c.outcome === 'waived')
  if (waived.length) {
    out.push('', paint('1', `Waived: ${waived.length}`))
    for (const c of waived)
      out.push(
        `  ${paint('36', MARK.waived)} ${checkRef(c)}: ${c.waiver?.reason ?? ''}${c.waiver?.expires ? ` (until ${c.waiver.expires})` : ''}`,
      )
  }
  if (verbose) return [...out, ...everyCheck(run, paint)]
  if (order.flows.length) {
    out.push('', paint('1', 'Per flow'))
    for (const f of order.flows)
      out.push(`  ${paint(f.clean ? '32' : '2', `${f.flow}${f.dialect ? ` [${f.dialect}]` : ''}: ${f.text}`)}`)
  }
  return out
}

/** Every check under its flow, with the evidence of each failure: the --verbose view. */
function everyCheck(run: RunResult, paint: Paint): string[] {
  const lines: string[] = []
  for (const [flow, checks] of byFlow(run.checks)) {
    // A flow that ran once per PATCH dialect is shown once per dialect, so each dialect reads as its own run.
    const dialects = flowDialects(checks)
    const groups = dialects.length
      ? dialects.map((d) => [`${flow} [${d}]`, checks.filter((c) => c.dialect === d)] as const)
      : [[flow, checks] as const]
    for (const [title, list] of groups) {
      lines.push('', paint('1', title))
      for (const c of list) lines.push(`  ${checkLine(c, paint)}`, ...details(run, c, paint))
    }
  }
  return lines
}

/** The verdict and the first thing to fix: the report's first lines, and again its last. */
function verdictLines(run: RunResult, order: ReportOrder, paint: Paint): string[] {
  const out = [paint(VERDICT_COLOUR[run.verdict.kind], run.verdict.headline)]
  if (order.firstFix) out.push(paint('1', firstFixLine(order.firstFix)))
  return out
}

export interface ConsoleOptions {
  color: boolean
  /** Every check, every id and every predicted test, in place of counts. */
  verbose?: boolean
  /** Columns to wrap to (see terminalWidth); 100 when not given. */
  width?: number
  /** Report files written, listed just before the closing verdict. */
  reports?: readonly string[]
}

/**
 * The whole report as terminal text, in the order of importance (order.ts): the verdict and the first thing to fix;
 * the causes that fail the run; what a gallery submission still needs; the warnings by level; blocked, skipped and
 * passed as counts. The verdict and the first fix are repeated as the last lines, where a CI log ends. Every line is
 * wrapped to `width`. ANSI colour only when asked.
 */
export function renderConsole(run: RunResult, opts: ConsoleOptions): string {
  const paint = opts.color ? ansi : plain
  const verbose = opts.verbose === true
  const order = reportOrder(run)
  const sections: Record<Section, () => string[]> = {
    verdict: () => [
      ...verdictLines(run, order, paint),
      ...run.verdict.scope.limits.map((l) => paint('33', l)),
      ...run.run.notices.map((n) => paint('33', `Notice: ${n}`)),
      paint('2', runLine(run)),
      ...diagnosisLines(run, paint),
    ],
    failures: () => failuresSection(run, order, paint, verbose),
    gallery: () => gallerySection(order, paint, verbose),
    warnings: () => warningsSection(run, order, paint, verbose),
    counts: () => countsSection(run, order, paint, verbose),
  }
  const lines = SECTIONS.flatMap((s) => sections[s]())

  if (run.diff) {
    const d = run.diff
    lines.push('', paint('1', `Compared with ${d.baseline}`))
    const list = (xs: string[]) =>
      !xs.length ? 'none' : verbose || xs.length <= IDS_SHOWN ? xs.join(', ') : `${xs.length} checks`
    lines.push(`  New failures: ${list(d.newFailures)}`)
    lines.push(`  Fixed: ${list(d.fixed)}`)
    if (d.changed.length) lines.push(`  Changed: ${list(d.changed)}`)
  }
  if (run.leftovers.length) {
    lines.push('', paint('33', 'Left behind on the server (delete by hand):'))
    for (const l of run.leftovers) lines.push(`  ${l.type} ${l.name} (id ${l.id}): ${l.reason}`)
  }
  lines.push('')
  if (!run.diagnosis) lines.push(paint('2', levelsLegend(run)))
  lines.push(countsLine(run.counts, run.checks))
  if (opts.reports?.length) lines.push(`Reports: ${opts.reports.join(', ')}`)
  // Where a CI log ends: the verdict and the first fix again.
  lines.push('', ...verdictLines(run, order, paint))
  return wrapText(lines.join('\n'), consoleWidth(opts.width))
}

/** One line per finished check, for live progress while the run goes on. */
export function renderProgressLine(check: CheckResult, opts: { color?: boolean } = {}): string {
  const paint = opts.color ? ansi : plain
  const why = check.outcome !== 'passed' && check.message ? paint('2', ` — ${redactText(check.message)}`) : ''
  return `${checkLine(check, paint)} ${paint('2', `(${check.flow}, ${Math.round(check.durationMs)} ms)`)}${why}`
}
