// explanation.md (and the GitHub step summary): the explanation in the order of importance (explain-order.ts), every
// string from Microsoft's file escaped so it cannot open a tag or break a table.
import { cell, fenced, inline } from '../report/markdown.ts'
import type { VerdictKind } from '../model/result.ts'
import type { ExplainedFailure, Explanation } from './explain.ts'
import { explanationOrder, kindLabel, rerunLine } from './explain-order.ts'

const ICON: Record<VerdictKind, string> = {
  ready: '✅',
  warnings: '⚠️',
  fails: '❌',
  incomplete: '◐',
  'not-ready': '➖',
}
const STATUS_MARK = { passed: '✔', failed: '✘', warning: '⚠', skipped: '○' } as const
// A results file is Microsoft's, but its strings are only read here: a long one is cut, not printed whole.
const cut = (s: string, n = 500): string => (s.length > n ? `${s.slice(0, n)}…` : s)
// A code span on one line that cannot close early (nor, in a table, split the row).
const code = (s: string, inTable = false): string => {
  const one = cut(s).replace(/`/g, "'").replace(/\r?\n/g, ' ')
  return `\`${inTable ? one.replace(/\|/g, '\\|') : one}\``
}

function failureItem(f: ExplainedFailure, n: number): string[] {
  const out = [
    `${n}. **${inline(f.test)}**${f.status === 'warning' ? ' (optional, WARNING)' : ''} — ${kindLabel(f)}: ${inline(f.title)}  `,
    `   Microsoft's result: ${code(f.result)}`,
    '',
    `   - Why: ${cell(f.explanation)}`,
    `   - Fix: ${cell(f.fix)}`,
  ]
  if (f.checks.length) out.push(`   - Checks: ${f.checks.map((c) => `\`${c}\``).join(', ')}`)
  if (f.reproduce) out.push(`   - Reproduce:`, '', fenced(f.reproduce, 'sh').replace(/^/gm, '     '), '')
  const now = rerunLine(f)
  if (now) out.push(`   - Re-run now: ${inline(now)}`)
  out.push(`   - Source: ${cell(f.source)}`, '')
  return out
}

export function renderExplanationMarkdown(e: Explanation, opts: { reportUrl?: string } = {}): string {
  const order = explanationOrder(e)
  const out = [`## ${ICON[order.kind]} ${inline(order.headline)}`, '']
  if (order.firstFix) out.push(`**Fix first: ${inline(order.firstFix.fix)}**`, '')
  if (opts.reportUrl && /^https?:\/\//i.test(opts.reportUrl))
    out.push(`[Full explanation (HTML)](${opts.reportUrl.replace(/[()\s]/g, encodeURIComponent)})`, '')
  out.push(`${code(e.file)}: ${inline(order.what)}: **${order.counts}**`, '')
  if (e.failures.length === 0) out.push('Nothing failed: no failure to explain.', '')
  for (const g of order.groups) {
    out.push(`### ${inline(g.title)} (${g.failures.length})`, '', inline(g.note), '')
    g.failures.forEach((f, i) => out.push(...failureItem(f, i + 1)))
  }
  if (e.rerun)
    out.push(
      `Re-run against ${inline(e.rerun.target)}: ${e.rerun.reproduced} failure(s) still reproduce, ${e.rerun.fixed} pass now.`,
      '',
    )
  out.push(
    `<details><summary>Every test of the file (${e.tests.length})</summary>`,
    '',
    "| | Test | Category | Microsoft's result |",
    '| --- | --- | --- | --- |',
    ...e.tests.map(
      (t) =>
        `| ${STATUS_MARK[t.status]} | ${code(t.name, true)} | ${cell(t.category ?? '')} | ${cell(cut(t.result))} |`,
    ),
    '',
    '</details>',
    '',
  )
  return out.join('\n')
}
