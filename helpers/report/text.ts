// Wording shared by every renderer, so console, Markdown, JUnit and HTML say the same thing the same way.
import { requestLine, type Exchange, type RequestLineOptions } from '../model/exchange.ts'
import type { CheckResult, Counts, GalleryItem, GalleryStatus, Outcome, RunResult } from '../model/result.ts'
import { SEVERITIES, SEVERITY_LABEL } from '../model/check-info.ts'
import { redactText } from './sanitize.ts'

export const MARK: Record<Outcome, string> = {
  passed: '✔',
  failed: '✘',
  warned: '⚠',
  skipped: '○',
  blocked: '⊘',
  waived: '≈',
}

/** How many of a failure's cited exchanges the short formats show; the HTML and HAR carry all of them. */
export const CITED_EXCHANGES_SHOWN = 3

/** `[legacy]` or `[aadOptscim062020]` for checks of per-dialect flows, else ''. */
export const dialectTag = (c: CheckResult): string => (c.dialect ? `[${c.dialect}]` : '')

export { checkKey } from '../model/check-keys.ts'

/** The request line a report shows: the whole URL (`METHOD URL → 201 Created`, or `→ no answer: timed out …`), with
 * anything that looks like a credential redacted. */
export const redactedRequestLine = (ex: Exchange, options: RequestLineOptions = {}): string =>
  redactText(requestLine(ex, { url: 'full', ...options }))

// Built once per run's exchanges, not once per check of every renderer.
const exchangesBySeq = new WeakMap<readonly Exchange[], Map<number, Exchange>>()

/** The exchanges a check relied on, the last (usually the decisive one) first. */
export function citedExchanges(run: RunResult, c: CheckResult, limit = Infinity): Exchange[] {
  let bySeq = exchangesBySeq.get(run.exchanges)
  if (!bySeq) exchangesBySeq.set(run.exchanges, (bySeq = new Map(run.exchanges.map((e) => [e.seq, e]))))
  const found = c.exchanges.map((s) => bySeq.get(s)).filter((e): e is Exchange => e !== undefined)
  return found.reverse().slice(0, limit)
}

/** A value for expected/actual: strings as they are, everything else as compact JSON, cut at `max` characters. */
export function showValue(v: unknown, max = 400): string {
  let s: string
  if (typeof v === 'string') s = v
  else if (v === undefined) s = 'undefined'
  else {
    try {
      s = JSON.stringify(v) ?? String(v)
    } catch {
      s = String(v)
    }
  }
  s = redactText(s)
  return s.length > max ? `${s.slice(0, max)}… (${s.length - max} more characters)` : s
}

/** Pretty JSON for bodies; strings are returned unchanged. */
export function prettyBody(v: unknown): string {
  if (typeof v === 'string') return v
  try {
    return JSON.stringify(v, null, 2) ?? String(v)
  } catch {
    return String(v)
  }
}

export const hasExpectation = (c: CheckResult): boolean => c.expected !== undefined || c.actual !== undefined

/** The Entra consequence on one line: `Entra: <code> (<quarantine>) — <effect>`. */
export function entraLine(c: CheckResult): string {
  const q = c.entra.quarantine ? ` (${c.entra.quarantine})` : ''
  return `Entra: ${c.entra.code}${q} — ${c.entra.effect}`
}

/** Checks grouped by flow, flows in the order they first ran. */
export function byFlow(checks: readonly CheckResult[]): Map<string, CheckResult[]> {
  const out = new Map<string, CheckResult[]>()
  for (const c of checks) {
    const list = out.get(c.flow)
    if (list) list.push(c)
    else out.set(c.flow, [c])
  }
  return out
}

/** The dialects a flow's checks ran in, in run order; empty for flows that run once. */
export function flowDialects(checks: readonly CheckResult[]): string[] {
  return [...new Set(checks.map((c) => c.dialect).filter((d): d is NonNullable<typeof d> => d !== undefined))]
}

/** `N passed · N failed · N warnings (N Gallery, N RFC only) · N skipped`, plus blocked and waived only when there are some. */
export function countsLine(n: Counts, checks: readonly CheckResult[] = []): string {
  const parts = [
    `${n.passed} passed`,
    `${n.failed} failed`,
    `${n.warned} warning${n.warned === 1 ? '' : 's'}${warningLevels(checks)}`,
    `${n.skipped} skipped`,
  ]
  if (n.blocked > 0) parts.push(`${n.blocked} blocked`)
  if (n.waived > 0) parts.push(`${n.waived} waived`)
  return parts.join(' · ')
}

/** Failed and warned checks: the ones a reader has to act on. */
export const needsAction = (c: CheckResult): boolean => c.outcome === 'failed' || c.outcome === 'warned'

/** One line describing the run itself: target, when, seed (so a failing run can be replayed), dialects. */
export function runLine(run: RunResult): string {
  const r = run.run
  const parts = [
    `Target ${r.target}${r.embedded ? ' (embedded reference server)' : ''}`,
    `run ${r.runId}`,
    `started ${r.startedAt}`,
    `${(r.durationMs / 1000).toFixed(1)} s`,
    `seed ${r.seed}`,
    `dialects ${r.dialects.join(', ') || 'none'}`,
    `profile ${r.profile}`,
    `matching on ${r.matchingAttribute}`,
  ]
  if (r.strict) parts.push('strict')
  if (r.readOnly) parts.push('read-only')
  if (r.concurrency !== undefined) parts.push(`concurrency ${r.concurrency}`)
  parts.push(`${r.tool.name} ${r.tool.version}`)
  return parts.join(' · ')
}

/** `(2 Gallery, 1 RFC only)`: the levels of the warnings, so a reader knows which flag would fail them. */
function warningLevels(checks: readonly CheckResult[]): string {
  const warned = checks.filter((c) => c.outcome === 'warned')
  if (!warned.length) return ''
  const by = SEVERITIES.map((s) => [s, warned.filter((c) => c.severity === s).length] as const).filter(([, k]) => k > 0)
  return ` (${by.map(([s, k]) => `${k} ${SEVERITY_LABEL[s]}`).join(', ')})`
}

/** `Level: RFC only — <why>`: the check's level and the evidence for it, printed with every failure and warning. */
export function levelLine(c: CheckResult): string {
  return `Level: ${SEVERITY_LABEL[c.severity]} — ${c.evidence.says}`
}

/** What a run's flags make of each level, for the report's legend. */
export function levelsLegend(run: RunResult): string {
  const r = run.run
  const gallery = r.strict || r.gallery ? 'fails the run' : 'a warning (fails with --gallery)'
  const rfc = r.strict ? 'fails the run' : 'a warning (fails with --strict)'
  return `Levels: ${SEVERITY_LABEL.entra} fails the run · ${SEVERITY_LABEL.security} fails the run · ${SEVERITY_LABEL.gallery} ${gallery} · ${SEVERITY_LABEL.rfc} ${rfc}`
}

export const GALLERY_MARK: Record<GalleryStatus, string> = { met: '✔', 'not-met': '✘', 'not-tested': '○' }
export const GALLERY_STATUS: Record<GalleryStatus, string> = {
  met: 'met',
  'not-met': 'not met',
  'not-tested': 'not tested',
}

/** One line per gallery requirement: status, requirement, what decided it, and what to do when it is not met or not tested. */
export function galleryItemLine(i: GalleryItem): string {
  const basis = i.basis.length ? ` — ${i.basis.join('; ')}` : ''
  const next = i.next ? `. ${i.status === 'not-met' ? 'Fix' : 'To test'}: ${i.next}` : ''
  return `${GALLERY_MARK[i.status]} ${i.requirement}: ${GALLERY_STATUS[i.status]}${basis}${next}`
}
