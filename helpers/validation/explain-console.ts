// The explanation on the console, in the order of importance (explain-order.ts): the verdict and the first fix first,
// the failures grouped by what they are, and the first fix again as the last line, where a terminal leaves the eye.
import type { ExplainedFailure, Explanation } from './explain.ts'
import { explanationOrder, kindLabel, rerunLine } from './explain-order.ts'

function failureLines(f: ExplainedFailure): string[] {
  const lines = [
    `${f.status === 'warning' ? '!' : '✗'} ${f.test}: ${f.result}`,
    `  ${kindLabel(f)}: ${f.title}`,
    `  ${f.explanation}`,
    `  Fix: ${f.fix}`,
  ]
  if (f.checks.length) lines.push(`  Checks: ${f.checks.join(', ')}`)
  if (f.reproduce) lines.push(`  Reproduce: ${f.reproduce}`)
  const now = rerunLine(f)
  if (now) lines.push(`  Re-run now: ${now}`)
  lines.push(`  Source: ${f.source}`)
  return lines
}

export function renderExplanationConsole(e: Explanation): string {
  const order = explanationOrder(e)
  const fixFirst = order.firstFix ? `Fix first: ${order.firstFix.fix}` : undefined
  const lines: string[] = [order.headline, `${e.file}: ${order.what}: ${order.counts}`]
  if (fixFirst) lines.push(fixFirst)
  for (const s of e.setup) lines.push(`Setup mistake: ${s}`)
  if (e.failures.length === 0) lines.push('Nothing failed: no failure to explain.')
  for (const g of order.groups) {
    lines.push('', `${g.title} (${g.failures.length}): ${g.note}`)
    for (const f of g.failures) lines.push('', ...failureLines(f))
  }
  if (e.rerun)
    lines.push(
      '',
      `Re-run against ${e.rerun.target}: ${e.rerun.reproduced} failure(s) still reproduce, ${e.rerun.fixed} pass now.`,
    )
  if (fixFirst && e.failures.length > 1) lines.push('', fixFirst)
  return lines.join('\n')
}
