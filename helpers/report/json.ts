// report.json: the RunResult itself, secrets redacted, pointing at the JSON Schema shipped beside this file.
import type { RunResult } from '../model/result.ts'
import { causesLine, causesOf } from '../result/causes.ts'
import { redactDiagnosis } from './diagnosis.ts'
import { redactBody, redactText, sanitizeExchange } from './sanitize.ts'

/** Package-relative location of the schema; writeReports passes a path relative to the report instead. */
export const SCHEMA_PATH = 'helpers/report/report.schema.json'

/** Each exchange redacted once per run, though every renderer (JSON, HAR, JUnit, HTML, Markdown) asks for the copy:
 * the exchanges are most of a report, and a recorded exchange never changes. */
const sanitized = new WeakMap<RunResult['exchanges'][number], RunResult['exchanges'][number]>()
function sanitizedExchange(ex: RunResult['exchanges'][number]): RunResult['exchanges'][number] {
  let out = sanitized.get(ex)
  if (!out) {
    out = sanitizeExchange(ex)
    sanitized.set(ex, out)
  }
  return out
}

/** The copy every file renderer works from: redacted exchanges, no typed `data` views, `$schema` first. */
export function sanitizeRun(run: RunResult, schema = SCHEMA_PATH): RunResult {
  const { $schema: _old, run: info, verdict, causes: _causes, prediction, counts, ...rest } = run
  const causes = causesOf(run).map((c) => ({
    ...c,
    title: redactText(c.title),
    ...(c.request ? { request: redactText(c.request) } : {}),
    ...(c.serverMessage ? { serverMessage: redactText(c.serverMessage) } : {}),
  }))
  // Keys in the order of importance (order.ts): the verdict, the causes that fail the run, what a gallery submission
  // still needs (the checklist is in the verdict; the predicted validation follows the causes), then the counts.
  return {
    $schema: schema,
    run: info,
    verdict,
    causeSummary: causesLine(causes),
    causes,
    ...(prediction ? { prediction } : {}),
    counts,
    ...rest,
    checks: run.checks.map((c) => ({
      ...c,
      ...(c.message !== undefined ? { message: redactText(c.message) } : {}),
      ...(c.expected !== undefined ? { expected: redactBody(c.expected) } : {}),
      ...(c.actual !== undefined ? { actual: redactBody(c.actual) } : {}),
    })),
    exchanges: run.exchanges.map(sanitizedExchange),
    ...(run.diagnosis ? { diagnosis: redactDiagnosis(run) } : {}),
  }
}

/** Pretty JSON of the run; `schema` overrides where `$schema` points. */
export function renderJson(run: RunResult, opts: { schema?: string } = {}): string {
  return `${JSON.stringify(sanitizeRun(run, opts.schema), null, 2)}\n`
}
