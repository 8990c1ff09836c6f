// junit.xml of an explanation: one testcase per Microsoft test of the file, in its order. What fails the testcase is
// what fails `explain` (explain-order.ts FAILING_GROUPS): a defect of the endpoint that stands, one a re-run could not
// judge, and a failure the suite cannot explain. A setup mistake of the run is <skipped> (Microsoft's test did not
// judge the endpoint); a known false positive of Microsoft's tool and a defect that passes now are passing testcases
// with the reason in <system-out> (the endpoint does what it should). A test Microsoft skipped is <skipped>.
import { xmlAttr, xmlText } from '../report/xml.ts'
import type { ExplainedFailure, Explanation } from './explain.ts'
import { explanationOrder, failingFailures, kindLabel, rerunLine, toolName } from './explain-order.ts'

const comment = (s: string): string => `<!-- ${xmlText(s).replace(/-(?=-)/g, '- ')} -->`

function detail(f: ExplainedFailure): string {
  const lines = [`${kindLabel(f)}: ${f.title}`, `Microsoft's result: ${f.result}`, f.explanation, `Fix: ${f.fix}`]
  if (f.checks.length) lines.push(`Checks: ${f.checks.join(', ')}`)
  if (f.reproduce) lines.push(`Reproduce: ${f.reproduce}`)
  const now = rerunLine(f)
  if (now) lines.push(`Re-run now: ${now}`)
  lines.push(`Source: ${f.source}`)
  return lines.join('\n')
}

export function renderExplanationJUnit(e: Explanation): string {
  const order = explanationOrder(e)
  const failing = new Set(failingFailures(e))
  const byTest = new Map(e.failures.map((f) => [f.test, f]))
  let failures = 0
  let skipped = 0
  const suiteName = `${toolName(e)}: ${e.file}`
  const cases = e.tests.map((t) => {
    const open = `<testcase classname="${xmlAttr(`${e.kind === 'logic-app' ? 'Logic App' : 'SCIM Validator'}${t.category ? `.${t.category}` : ''}`)}" name="${xmlAttr(t.name)}" time="0">`
    const f = byTest.get(t.name)
    if (f && failing.has(f)) {
      failures++
      return `    ${open}\n      <failure message="${xmlAttr(`${kindLabel(f)}: ${f.title}`)}" type="${xmlAttr(f.kind)}">${xmlText(detail(f))}</failure>\n    </testcase>`
    }
    if (f && f.kind === 'setup') {
      skipped++
      return `    ${open}\n      <skipped message="${xmlAttr(`Setup mistake, not a failure of the endpoint: ${f.title}`)}"/>\n      <system-out>${xmlText(detail(f))}</system-out>\n    </testcase>`
    }
    if (f) return `    ${open}\n      <system-out>${xmlText(detail(f))}</system-out>\n    </testcase>`
    if (t.status === 'skipped') {
      skipped++
      return `    ${open}\n      <skipped message="${xmlAttr(`Microsoft: ${t.result}`)}"/>\n    </testcase>`
    }
    return `    ${open}</testcase>`
  })
  const props = [
    ['file', e.file],
    ['result', order.what],
    ['verdict', order.headline],
    ...(order.firstFix ? [['first-fix', order.firstFix.fix]] : []),
    ...(e.rerun ? [['rerun-target', e.rerun.target]] : []),
  ].map(([k, v]) => `      <property name="${xmlAttr(k!)}" value="${xmlAttr(v!)}"/>`)
  const counts = `tests="${e.tests.length}" failures="${failures}" errors="0" skipped="${skipped}"`
  return [
    '<?xml version="1.0" encoding="UTF-8"?>',
    comment(order.headline),
    ...(order.firstFix ? [comment(`Fix first: ${order.firstFix.fix}`)] : []),
    `<testsuites name="scim-preflight explain" ${counts}>`,
    `  <testsuite name="${xmlAttr(suiteName)}" ${counts}>`,
    '    <properties>',
    ...props,
    '    </properties>',
    ...cases,
    '  </testsuite>',
    '</testsuites>',
    '',
  ].join('\n')
}
