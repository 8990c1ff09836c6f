// The one order of importance every report follows (console, HTML, Markdown, JUnit's head, JSON's keys): the verdict
// and the first thing to fix; the causes that fail the run, worst for Entra first; what a gallery submission still
// needs (the checklist and Microsoft's predicted validation), a line per requirement with the details folded; the
// warnings by level; passes and skips as counts. Renderers lay out SECTIONS in this order and print what reportOrder
// gives them; none of them sorts or picks on its own.
import type {
  Cause,
  CheckResult,
  Counts,
  GalleryItem,
  GalleryStatus,
  PredictedStatus,
  PredictedTest,
  PredictedTool,
  RunResult,
  Verdict,
} from '../model/result.ts'
import { causesOf } from '../result/causes.ts'
import { SEVERITIES, SEVERITY_LABEL, type Severity } from '../model/check-info.ts'
import { byFlow, flowDialects } from './text.ts'

/** The sections of every report, most important first. */
export const SECTIONS = ['verdict', 'failures', 'gallery', 'warnings', 'counts'] as const
export type Section = (typeof SECTIONS)[number]

/** What to do first, in one sentence, and what it is about. */
export interface FirstFix {
  /** 'likely-cause': a diagnose run's most likely cause; 'cause': the worst cause that fails the run; 'gallery': an
   * unmet requirement that fails it; 'warning': the worst warning. */
  kind: 'likely-cause' | 'cause' | 'gallery' | 'warning'
  /** The fix itself, e.g. "Compare PATCH op values case-insensitively…". */
  fix: string
  /** What it fixes: the cause's title or the requirement. */
  about: string
}

/** A cause as the reports show it: a warned cause with the same headline as a failure is folded into that failure. */
export interface ShownCause extends Cause {
  /** Checks of a warning that shares this failure's headline (one defect, one headline). */
  alsoWarned: Cause['checks']
  /** The level of the cause's checks (a warning's decides the group it is listed under). */
  severity: Severity
}

export interface WarningGroup {
  severity: Severity
  /** "Gallery", "RFC only". */
  label: string
  causes: ShownCause[]
  /** Warned checks in the group. */
  checks: number
}

/** One gallery requirement on one line; what decided it (check ids, measurements) is the folded detail. */
export interface GalleryLine {
  item: GalleryItem
  /** Short name: "Group provisioning". */
  name: string
  status: GalleryStatus
  /** "not met — 1 check failed, 1 waived". */
  summary: string
}

/** A predicted test with i21a's optional `offline` (what of Microsoft's test cannot be predicted offline), read when present. */
export type PredictedTestView = PredictedTest & { offline?: string }

/** One of Microsoft's tools, predicted, summarised on one line; its tests are the folded detail. */
export interface PredictionLine {
  tool: PredictedTool
  /** "Logic App validation (predicted): Failed — 3 of 25 tests fail, 18 pass, 2 skipped, 2 not predictable offline". */
  summary: string
  /** Tests in the order a reader needs them: failing first, then warnings, not predictable, skipped, passing. */
  tests: PredictedTestView[]
  /** The Microsoft-shaped results file written next to the reports, when there is one. */
  file?: string
}

/** A flow's (or a flow's dialect's) outcome counts, said in words: "8 passed, 1 skipped". */
export interface FlowCount {
  flow: string
  dialect?: string
  text: string
  /** Every check of it passed. */
  clean: boolean
}

export interface ReportOrder {
  verdict: Verdict
  firstFix?: FirstFix
  failures: ShownCause[]
  gallery: { text: string; met: boolean; failsRun: boolean; items: GalleryLine[]; prediction: PredictionLine[] }
  warnings: WarningGroup[]
  flows: FlowCount[]
  counts: Counts
}

/** Worst first, in the one order the levels are declared in (SEVERITIES). */
export const severityRank = (s: Severity): number => SEVERITIES.indexOf(s)
const sameCheck = (c: CheckResult, k: { id: string; dialect?: string }): boolean =>
  c.id === k.id && c.dialect === k.dialect

/** The most severe level among a cause's checks. */
function severityOf(run: RunResult, cause: Cause): Severity {
  const levels = cause.checks.map((k) => run.checks.find((c) => sameCheck(c, k))?.severity ?? 'rfc')
  return levels.sort((a, b) => severityRank(a) - severityRank(b))[0] ?? 'rfc'
}

/** The short name of a requirement: its text before the first ":" or "(". */
export const requirementName = (i: GalleryItem): string => i.requirement.split(/[:(,]/)[0]!.trim()

const STATUS_WORDS: Record<GalleryStatus, string> = { met: 'met', 'not-met': 'not met', 'not-tested': 'not tested' }
const CHECK_EVIDENCE = /^([a-z0-9-]+\/[a-z0-9-]+)(?: \[[^\]]+\])?: (passed|failed|warned|skipped|blocked|waived)\b/

/** "not met — 2 checks failed, 1 waived": checks collapsed to counts, the rest of the basis (a rate, TLS) kept. */
function gallerySummary(i: GalleryItem): string {
  const byOutcome = new Map<string, number>()
  const other: string[] = []
  for (const e of i.basis) {
    const m = CHECK_EVIDENCE.exec(e)
    if (m) byOutcome.set(m[2]!, (byOutcome.get(m[2]!) ?? 0) + 1)
    else other.push(e)
  }
  const order = ['failed', 'warned', 'blocked', 'waived', 'skipped', 'passed']
  const counted = order
    .filter((o) => byOutcome.has(o))
    .map((o, n) => {
      const k = byOutcome.get(o)!
      return n === 0 ? `${k} check${k === 1 ? '' : 's'} ${o}` : `${k} ${o}`
    })
  const shortOther = other.filter((e) => e.length <= 80)
  const parts = [...counted, ...shortOther]
  return `${STATUS_WORDS[i.status]}${parts.length ? ` — ${parts.join(', ')}` : ''}`
}

const PREDICTED_ORDER: PredictedStatus[] = ['fail', 'warning', 'not-predictable', 'skipped', 'pass']
const PREDICTED_WORDS: Record<PredictedStatus, [string, string]> = {
  fail: ['fails', 'fail'],
  warning: ['warning', 'warnings'],
  'not-predictable': ['not predictable offline', 'not predictable offline'],
  skipped: ['skipped', 'skipped'],
  pass: ['passes', 'pass'],
}

/** "Failed — 3 of 25 tests fail, 18 pass, 2 skipped, 2 not predictable offline". */
function predictionSummary(t: PredictedTool): string {
  const n = (s: PredictedStatus) => t.tests.filter((x) => x.status === s).length
  const parts = PREDICTED_ORDER.filter((s) => n(s) > 0).map((s, i) => {
    const k = n(s)
    const word = PREDICTED_WORDS[s][k === 1 ? 0 : 1]
    return i === 0
      ? `${k} of ${t.tests.length} test${t.tests.length === 1 ? '' : 's'} ${k === 1 ? word : PREDICTED_WORDS[s][1]}`
      : `${k} ${word}`
  })
  return `${t.title} (predicted): ${t.overall}${parts.length ? ` — ${parts.join(', ')}` : ''}`
}

/** "8 passed, 1 skipped": the outcomes a list of checks had, in words, zeros left out. */
export function outcomeWords(list: readonly CheckResult[]): string {
  const words: [CheckResult['outcome'], string, string][] = [
    ['failed', 'failed', 'failed'],
    ['warned', 'warning', 'warnings'],
    ['blocked', 'blocked', 'blocked'],
    ['waived', 'waived', 'waived'],
    ['passed', 'passed', 'passed'],
    ['skipped', 'skipped', 'skipped'],
  ]
  const parts = words
    .map(([o, one, many]) => [list.filter((c) => c.outcome === o).length, one, many] as const)
    .filter(([k]) => k > 0)
  return parts.map(([k, one, many]) => `${k} ${k === 1 ? one : many}`).join(', ') || 'no checks'
}

function flowCounts(run: RunResult): FlowCount[] {
  const out: FlowCount[] = []
  for (const [flow, list] of byFlow(run.checks)) {
    const dialects = flowDialects(list)
    const groups =
      dialects.length && list.every((c) => c.dialect)
        ? dialects.map((d) => [d, list.filter((c) => c.dialect === d)] as const)
        : [[undefined, list] as const]
    for (const [dialect, items] of groups) {
      out.push({
        flow,
        ...(dialect ? { dialect } : {}),
        text: outcomeWords(items),
        clean: items.every((c) => c.outcome === 'passed'),
      })
    }
  }
  return out
}

/** The first thing to fix: the worst cause failing the run, else the gallery requirement failing it, else the worst warning. */
function firstFixOf(failures: ShownCause[], run: RunResult, warnings: WarningGroup[]): FirstFix | undefined {
  const likely = run.diagnosis?.causes[0]
  if (likely) return { kind: 'likely-cause', fix: likely.fix, about: likely.title }
  const worst = failures[0]
  if (worst) return { kind: 'cause', fix: worst.fix, about: worst.title }
  const g = run.verdict.gallery
  if (g.failsRun) {
    const unmet = g.items.find((i) => i.status === 'not-met') ?? g.items.find((i) => i.status !== 'met')
    if (unmet?.next)
      return { kind: 'gallery', fix: unmet.next, about: `${requirementName(unmet)}: ${STATUS_WORDS[unmet.status]}` }
  }
  const warning = warnings[0]?.causes[0]
  if (warning) return { kind: 'warning', fix: warning.fix, about: warning.title }
  return undefined
}

/** The run laid out in the order of importance: what every renderer prints, section by section. */
export function reportOrder(run: RunResult): ReportOrder {
  const causes = causesOf(run)
  const failures: ShownCause[] = causes
    .filter((c) => c.level === 'failure')
    .sort((a, b) => a.rank - b.rank)
    .map((c) => ({ ...c, alsoWarned: [], severity: severityOf(run, c) }))
  const warned: ShownCause[] = []
  for (const c of causes.filter((x) => x.level === 'warning').sort((a, b) => a.rank - b.rank)) {
    // One defect, one headline: a warning that reads like a failure joins it.
    const same = failures.find((f) => f.key === c.key || f.title === c.title)
    if (same) same.alsoWarned.push(...c.checks)
    else warned.push({ ...c, alsoWarned: [], severity: severityOf(run, c) })
  }
  const warnings: WarningGroup[] = SEVERITIES.map((severity) => {
    const list = warned.filter((c) => c.severity === severity)
    return {
      severity,
      label: SEVERITY_LABEL[severity],
      causes: list,
      checks: list.reduce((n, c) => n + c.checks.length, 0),
    }
  }).filter((g) => g.causes.length > 0)
  const g = run.verdict.gallery
  const items = g.items.map((item) => ({
    item,
    name: requirementName(item),
    status: item.status,
    summary: gallerySummary(item),
  }))
  const prediction = (run.prediction?.tools ?? []).map((tool) => ({
    tool,
    summary: predictionSummary(tool),
    tests: [...tool.tests].sort((a, b) => PREDICTED_ORDER.indexOf(a.status) - PREDICTED_ORDER.indexOf(b.status)),
    ...((tool as PredictedTool & { file?: string }).file
      ? { file: (tool as PredictedTool & { file?: string }).file }
      : {}),
  }))
  return {
    verdict: run.verdict,
    firstFix: firstFixOf(failures, run, warnings),
    failures,
    gallery: { text: g.text, met: g.met, failsRun: g.failsRun, items, prediction },
    warnings,
    flows: flowCounts(run),
    counts: run.counts,
  }
}

/** "Fix first: <fix>": the line every format puts under the verdict (and the console repeats as its last). */
export function firstFixLine(f: FirstFix): string {
  const lead = f.kind === 'warning' ? 'To clear the warnings, start with' : 'Fix first'
  return `${lead}: ${f.fix}`
}

/** Checks of a cause, each with its dialect: "update-user/x [legacy]". */
export const checkLabel = (k: { id: string; dialect?: string }): string =>
  `${k.id}${k.dialect ? ` [${k.dialect}]` : ''}`

/** The check ids a cause failed or warned, collapsed to a count when there are more than `max`. */
export function checkList(checks: Cause['checks'], max: number): string {
  if (checks.length <= max) return checks.map(checkLabel).join(', ')
  const flows = new Set(checks.map((k) => k.id.slice(0, k.id.indexOf('/'))))
  return `${checks.length} checks in ${flows.size} flow${flows.size === 1 ? '' : 's'}`
}

/** "— why (not predictable offline: …)": a predicted test's explanation, in every format's folded list. */
export const predictedWhy = (t: PredictedTestView): string =>
  `${t.why}${t.offline ? ` (not predictable offline: ${t.offline})` : ''}`

/** Test statuses in Microsoft's words, for the folded test list. */
export const PREDICTED_MARK: Record<PredictedStatus, string> = {
  pass: '✔',
  fail: '✘',
  warning: '⚠',
  skipped: '○',
  'not-predictable': '?',
}
