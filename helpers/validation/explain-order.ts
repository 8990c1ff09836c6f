// The order of importance of an explanation, shared by every format (console, HTML, Markdown, JUnit's head): the
// verdict and the first fix (as helpers/report/order.ts puts a run's), then the failures grouped by what they are,
// the ones that need the vendor's work first: defects that stand, defects a re-run could not judge, setup mistakes,
// failures the suite cannot explain, defects that pass now, and Microsoft's own false positives; the counts last.
import type { VerdictKind } from '../model/result.ts'
import { standingDefects, type ExplainedFailure, type Explanation } from './explain.ts'

export type ExplainGroupId = 'defects' | 'unjudged' | 'setup' | 'unknown' | 'fixed' | 'false-positive'

export interface ExplainGroup {
  id: ExplainGroupId
  /** "Defects of the endpoint". */
  title: string
  /** What the group means for a submission, in one sentence. */
  note: string
  failures: ExplainedFailure[]
}

export interface ExplanationOrder {
  /** The kinds of a run's verdict, so the reports' colours and icons mean the same. */
  kind: VerdictKind
  headline: string
  /** The first thing to do, and what it is about. */
  firstFix?: { fix: string; about: string }
  /** Non-empty groups, most important first. */
  groups: ExplainGroup[]
  /** "24 passed, 1 failed, 0 warning, 0 skipped". */
  counts: string
  /** "Logic App result (Final_TestResults), overall Failed". */
  what: string
}

export const toolName = (e: Explanation): string =>
  e.kind === 'logic-app' ? "Microsoft's Logic App validation" : "Microsoft's SCIM Validator"

const plural = (n: number, one: string, many: string): string => `${n} ${n === 1 ? one : many}`

/** The label of a failure's kind, as every format prints it. */
export function kindLabel(f: ExplainedFailure): string {
  return f.kind === 'defect'
    ? 'Defect of the endpoint'
    : f.kind === 'false-positive'
      ? 'Known false positive'
      : f.kind === 'setup'
        ? 'Setup mistake'
        : 'Not explained'
}

/** "still fails (a, b)", "passes now", "not judged". */
export function rerunLine(f: ExplainedFailure): string | undefined {
  if (!f.reproduces) return undefined
  return f.reproduces === 'yes'
    ? `still fails (${(f.failingNow ?? []).join(', ')})`
    : f.reproduces === 'no'
      ? 'passes now'
      : 'not judged'
}

export function explanationOrder(e: Explanation): ExplanationOrder {
  const standing = standingDefects(e)
  const defects = e.failures.filter((f) => f.kind === 'defect')
  // Microsoft's mandatory failures before its optional ones (shown as WARNING).
  const byStatus = (list: ExplainedFailure[]) =>
    [...list].sort((a, b) => Number(a.status === 'warning') - Number(b.status === 'warning'))
  const all: ExplainGroup[] = [
    {
      id: 'defects',
      title: e.rerun ? `Defects that still reproduce against ${e.rerun.target}` : 'Defects of the endpoint',
      note: 'Fix these in the endpoint, then run the validation again.',
      failures: byStatus(standing),
    },
    {
      id: 'unjudged',
      title: 'Defects the re-run could not judge',
      note: 'A check behind the test was skipped or blocked in the re-run: read its reason in the re-run, or run the --only command.',
      failures: byStatus(defects.filter((f) => f.reproduces === 'not judged')),
    },
    {
      id: 'setup',
      title: 'Setup mistakes of the run',
      note: 'Not a failure of the endpoint: correct the setup and run the validation again.',
      failures: e.failures.filter((f) => f.kind === 'setup'),
    },
    {
      id: 'unknown',
      title: 'Failures the suite cannot explain',
      note: "No check of the suite covers these tests: read the failed action in Microsoft's run (runLink, Compose_Final_Results).",
      failures: e.failures.filter((f) => f.kind === 'unknown'),
    },
    {
      id: 'fixed',
      title: `Defects that pass now${e.rerun ? ` against ${e.rerun.target}` : ''}`,
      note: 'Fixed since the run: run the validation again to show it.',
      failures: byStatus(defects.filter((f) => f.reproduces === 'no')),
    },
    {
      id: 'false-positive',
      title: "Known false positives of Microsoft's tool",
      note: 'Not a failure of the endpoint: note them in the submission.',
      failures: e.failures.filter((f) => f.kind === 'false-positive'),
    },
  ]
  const groups = all.filter((g) => g.failures.length > 0)
  const has = (id: ExplainGroupId) => groups.some((g) => g.id === id)
  const tool = toolName(e)
  const n = (id: ExplainGroupId) => groups.find((g) => g.id === id)?.failures.length ?? 0
  let kind: VerdictKind
  let headline: string
  if (standing.length) {
    kind = 'fails'
    headline = e.rerun
      ? `${plural(standing.length, 'failure', 'failures')} of ${tool} still ${standing.length === 1 ? 'reproduces' : 'reproduce'} against ${e.rerun.target}`
      : `${plural(standing.length, 'failure', 'failures')} of ${tool} ${standing.length === 1 ? 'is a defect' : 'are defects'} of the endpoint`
  } else if (nothingJudged(e)) {
    kind = 'incomplete'
    headline = `Nothing was judged: no test of ${tool}'s result passed or failed`
  } else if (e.failures.length === 0) {
    kind = 'ready'
    headline = `Nothing failed in ${tool}'s result`
  } else if (has('unjudged') || has('unknown')) {
    kind = 'incomplete'
    headline = `${plural(n('unjudged') + n('unknown'), 'failure', 'failures')} of ${tool} could not be judged`
  } else if (has('setup')) {
    kind = 'warnings'
    headline = `No defect of the endpoint: ${plural(n('setup'), 'failure comes', 'failures come')} from the run's setup`
  } else if (has('fixed')) {
    kind = 'ready'
    headline = `Every defect of ${tool}'s run passes now against ${e.rerun!.target}`
  } else {
    kind = 'ready'
    headline = `No defect of the endpoint: ${plural(n('false-positive'), 'known false positive', 'known false positives')} of ${tool}`
  }
  const first = groups.find((g) => g.id === 'defects' || g.id === 'setup' || g.id === 'unjudged')?.failures[0]
  const what = e.kind === 'logic-app' ? `Logic App result (${e.shape})` : 'SCIM Validator results'
  return {
    kind,
    headline,
    ...(first ? { firstFix: { fix: first.fix, about: first.title } } : {}),
    groups,
    counts: `${e.counts.passed} passed, ${e.counts.failed} failed, ${e.counts.warning} warning, ${e.counts.skipped} skipped`,
    what: `${what}${e.overall ? `, overall ${e.overall}` : ''}`,
  }
}

/** The groups that make `explain` exit 1 and are JUnit failures: a defect that stands, one a re-run could not judge,
 * and a failure the suite cannot explain (no false green: what the tool could not judge is not a pass). */
export const FAILING_GROUPS: readonly ExplainGroupId[] = ['defects', 'unjudged', 'unknown']

/** A result in which no test passed or failed (every test skipped): Microsoft judged nothing, so neither does explain. */
export function nothingJudged(e: Explanation): boolean {
  return e.failures.length === 0 && e.counts.passed === 0
}

/** The failures that fail `explain`, in the order of importance. */
export function failingFailures(e: Explanation): ExplainedFailure[] {
  return explanationOrder(e)
    .groups.filter((g) => FAILING_GROUPS.includes(g.id))
    .flatMap((g) => g.failures)
}
