// junit.xml: one testsuite per flow (per dialect when a flow ran in several), one testcase per check.
import type { Cause, CheckResult, RunResult } from '../model/result.ts'
import { causesLine, causesOf } from '../result/causes.ts'
import { SEVERITY_LABEL } from '../model/check-info.ts'
import { sanitizeRun } from './json.ts'
import { firstFixLine, reportOrder, SECTIONS, type Section, type ShownCause } from './order.ts'
import {
  byFlow,
  checkKey,
  countsLine,
  entraLine,
  CITED_EXCHANGES_SHOWN,
  citedExchanges,
  flowDialects,
  galleryItemLine,
  hasExpectation,
  levelLine,
  redactedRequestLine,
  showValue,
} from './text.ts'
import { xmlAttr, xmlText } from './xml.ts'

interface Suite {
  name: string
  checks: CheckResult[]
}

function suites(checks: readonly CheckResult[]): Suite[] {
  const out: Suite[] = []
  for (const [flow, list] of byFlow(checks)) {
    const dialects = flowDialects(list)
    if (dialects.length < 2) {
      out.push({ name: flow, checks: list })
      continue
    }
    const plain = list.filter((c) => !c.dialect)
    if (plain.length) out.push({ name: flow, checks: plain })
    for (const d of dialects) out.push({ name: `${flow} [${d}]`, checks: list.filter((c) => c.dialect === d) })
  }
  return out
}

const seconds = (ms: number): string => (ms / 1000).toFixed(3)
const property = (name: string, value: string): string =>
  `<property name="${xmlAttr(name)}" value="${xmlAttr(value)}"/>`
// XML comments may not contain "--".
const comment = (s: string): string => `<!-- ${xmlText(s).replace(/-(?=-)/g, '- ')} -->`

function detailText(run: RunResult, c: CheckResult): string {
  const lines: string[] = []
  if (c.message) lines.push(c.message)
  for (const ex of citedExchanges(run, c, CITED_EXCHANGES_SHOWN)) lines.push(`Request: ${redactedRequestLine(ex)}`)
  if (hasExpectation(c)) lines.push(`Expected: ${showValue(c.expected, 2000)}`, `Actual: ${showValue(c.actual, 2000)}`)
  for (const r of c.refs) lines.push(`Rule: ${r.label} ${r.url}`)
  lines.push(`${levelLine(c)} (${c.evidence.sources.map((r) => `${r.label} ${r.url}`).join('; ')})`)
  lines.push(entraLine(c), `Fix: ${c.fix}`)
  if (c.waiver) lines.push(`Waived: ${c.waiver.reason}${c.waiver.expires ? ` (until ${c.waiver.expires})` : ''}`)
  return lines.join('\n')
}

const failsTestcase = (run: RunResult, c: CheckResult): boolean =>
  c.outcome === 'failed' || (c.outcome === 'warned' && run.run.strict)

const causeRef = (k: Cause | undefined, all: number): string | undefined =>
  k ? `cause ${k.rank} of ${all}: ${k.title}` : undefined

function causeOfCheck(causes: readonly Cause[], c: CheckResult): Cause | undefined {
  return causes.find((k) => k.checks.some((x) => x.id === c.id && x.dialect === c.dialect))
}

function testcase(run: RunResult, c: CheckResult, newFailures: Set<string>, causes: readonly Cause[] = []): string {
  const props = [
    property('severity', c.severity),
    property('level', SEVERITY_LABEL[c.severity]),
    property('level.evidence', c.evidence.says),
    property('outcome', c.outcome),
  ]
  for (const r of c.evidence.sources) props.push(property('level.source', `${r.label} ${r.url}`))
  const cause = causeRef(causeOfCheck(causes, c), causes.length)
  if (cause) props.push(property('cause', cause))
  if (c.blockedBy) props.push(property('blockedBy', c.blockedBy))
  if (c.dialect) props.push(property('dialect', c.dialect))
  for (const r of c.refs) props.push(property('reference', `${r.label} ${r.url}`))
  props.push(property('entra.code', c.entra.code))
  if (c.entra.quarantine) props.push(property('entra.quarantine', c.entra.quarantine))
  props.push(property('entra.effect', c.entra.effect))
  if (c.outcome === 'warned') props.push(property('warning', c.message ?? c.title))
  if (c.waiver) props.push(property('waived', c.waiver.reason))
  if (newFailures.has(checkKey(c))) props.push(property('new-failure', 'true'))

  const body: string[] = [`      <properties>${props.map((p) => `\n        ${p}`).join('')}\n      </properties>`]
  if (failsTestcase(run, c)) {
    const message = c.message ?? `${c.title}: ${c.outcome}`
    body.push(
      `      <failure message="${xmlAttr(message)}" type="${xmlAttr(c.entra.code)}">${xmlText(`${cause ? `${cause[0]!.toUpperCase()}${cause.slice(1)}\n` : ''}${detailText(run, c)}`)}</failure>`,
    )
  } else if (c.outcome === 'skipped' || c.outcome === 'blocked') {
    body.push(`      <skipped${c.message ? ` message="${xmlAttr(c.message)}"` : ''}/>`)
  } else if (c.outcome === 'warned' || c.outcome === 'waived') {
    body.push(`      <system-out>${xmlText(detailText(run, c))}</system-out>`)
  }
  const name = `${c.id} — ${c.title}${c.dialect ? ` [${c.dialect}]` : ''}`
  return `    <testcase name="${xmlAttr(name)}" classname="${xmlAttr(c.flow)}" time="${seconds(c.durationMs)}">\n${body.join('\n')}\n    </testcase>`
}

/** The run as JUnit XML; warned checks pass with a `warning` property unless the run is strict. */
export function renderJUnit(input: RunResult): string {
  const run = sanitizeRun(input)
  const newFailures = new Set(run.diff?.newFailures ?? [])
  const all = suites(run.checks)
  const failing = (list: CheckResult[]) => list.filter((c) => failsTestcase(run, c)).length
  const skipped = (list: CheckResult[]) => list.filter((c) => c.outcome === 'skipped' || c.outcome === 'blocked').length
  const time = (list: CheckResult[]) => seconds(list.reduce((t, c) => t + c.durationMs, 0))

  const causes = causesOf(run)
  const order = reportOrder(run)
  const failureCauses = causes.filter((k) => k.level === 'failure')
  const causeComment = (k: ShownCause, n: number, what: string) =>
    comment(
      `${what} ${n}: ${k.title} (${k.checks.length} check${k.checks.length === 1 ? '' : 's'}: ${k.checks.map((x) => x.id).join(', ')}); Entra: ${k.entra.code}; fix: ${k.fix}${k.serverMessage ? `; the server said: ${k.serverMessage}` : ''}`,
    )
  // The head follows the order of importance (order.ts), one section after the other.
  const sections: Record<Section, () => string[]> = {
    verdict: () => [
      comment(run.verdict.headline),
      ...(order.firstFix ? [comment(firstFixLine(order.firstFix))] : []),
      ...run.verdict.scope.limits.map((l) => comment(l)),
      ...run.run.notices.map((n) => comment(`Notice: ${n}`)),
      ...(run.diagnosis?.causes ?? []).map((c, i) =>
        comment(`Likely cause ${i + 1}: ${c.title} (Entra: ${c.code}); fix: ${c.fix}`),
      ),
    ],
    failures: () => [
      comment(causesLine(failureCauses)),
      ...order.failures.map((k, i) => causeComment(k, i + 1, 'Cause')),
    ],
    gallery: () => [
      comment(run.verdict.gallery.text),
      ...order.gallery.items.filter((l) => l.status !== 'met').map((l) => comment(`Gallery: ${l.name}: ${l.summary}`)),
      ...order.gallery.prediction.map((p) => comment(p.summary)),
    ],
    warnings: () => {
      let n = 0
      return order.warnings.flatMap((g) => g.causes.map((k) => causeComment(k, ++n, `${g.label} warning`)))
    },
    counts: () => [comment(countsLine(run.counts, run.checks))],
  }
  const head = ['<?xml version="1.0" encoding="UTF-8"?>', ...SECTIONS.flatMap((s) => sections[s]())]
  if (run.diff) {
    const d = run.diff
    head.push(
      comment(
        `Compared with ${d.baseline}: new failures ${d.newFailures.join(', ') || 'none'}; fixed ${d.fixed.join(', ') || 'none'}; changed ${d.changed.join(', ') || 'none'}`,
      ),
    )
  }
  const runProps = [
    property('verdict', run.verdict.headline),
    ...(order.firstFix ? [property('fix-first', order.firstFix.fix)] : []),
    property('causes', causesLine(failureCauses)),
    ...causes.map((k) => property(`cause.${k.rank}`, `${k.title} — fix: ${k.fix}`)),
    property('verdict.kind', run.verdict.kind),
    property('verdict.complete', String(run.verdict.scope.complete)),
    ...run.verdict.scope.limits.map((l) => property('verdict.limit', l)),
    property('gallery', run.verdict.gallery.text),
    ...order.gallery.prediction.map((p) => property(`prediction.${p.tool.tool}`, p.summary)),
    property('target', run.run.target),
    property('runId', run.run.runId),
    property('seed', String(run.run.seed)),
    property('strict', String(run.run.strict)),
    // Comments cannot carry "--" and CI pages hide them: notices (e.g. --insecure) are properties too.
    ...run.run.notices.map((n) => property('notice', n)),
  ]
  const suiteXml = all.map((s) => {
    const attrs = `name="${xmlAttr(s.name)}" tests="${s.checks.length}" failures="${failing(s.checks)}" errors="0" skipped="${skipped(s.checks)}" time="${time(s.checks)}" timestamp="${xmlAttr(run.run.startedAt)}"`
    const cases = s.checks.map((c) => testcase(run, c, newFailures, causes))
    return `  <testsuite ${attrs}>\n    <properties>${runProps.map((p) => `\n      ${p}`).join('')}\n    </properties>\n${cases.join('\n')}\n  </testsuite>`
  })
  const gallery = gallerySuite(run)
  if (gallery) suiteXml.push(gallery.xml)
  const failures = failing(run.checks) + (gallery?.failures ?? 0)
  const total = `name="${xmlAttr(`${run.run.tool.name}: ${run.run.target}`)}" tests="${run.checks.length + (gallery?.tests ?? 0)}" failures="${failures}" errors="0" skipped="${skipped(run.checks) + (gallery?.skipped ?? 0)}" time="${seconds(run.run.durationMs)}" timestamp="${xmlAttr(run.run.startedAt)}"`
  return `${head.join('\n')}\n<testsuites ${total}>\n${suiteXml.join('\n')}\n</testsuites>\n`
}

/** The gallery checklist as a suite of its own: a requirement not met fails its case when --gallery enforces it. */
function gallerySuite(run: RunResult): { xml: string; tests: number; failures: number; skipped: number } | undefined {
  const g = run.verdict.gallery
  if (!g.items.length) return undefined
  let failures = 0
  let skipped = 0
  const cases = g.items.map((i) => {
    const text = xmlText(galleryItemLine(i))
    let body: string
    if (i.status === 'met') body = `      <system-out>${text}</system-out>`
    else if (g.failsRun && (i.status === 'not-met' || !run.run.embedded)) {
      failures++
      body = `      <failure message="${xmlAttr(`${i.requirement}: ${i.status}`)}" type="gallery">${text}</failure>`
    } else if (i.status === 'not-tested') {
      skipped++
      body = `      <skipped message="${xmlAttr(galleryItemLine(i))}"/>`
    } else body = `      <system-out>${text}</system-out>`
    return `    <testcase name="${xmlAttr(`gallery/${i.id} — ${i.requirement}`)}" classname="Gallery onboarding" time="0">\n${body}\n    </testcase>`
  })
  const attrs = `name="Gallery onboarding" tests="${cases.length}" failures="${failures}" errors="0" skipped="${skipped}" time="0" timestamp="${xmlAttr(run.run.startedAt)}"`
  return { xml: `  <testsuite ${attrs}>\n${cases.join('\n')}\n  </testsuite>`, tests: cases.length, failures, skipped }
}
