// Reads a real result of Microsoft's validation: the Logic App's Final_TestResults (or the validation script's
// validation-result-<RunId>.json, which carries the same testResults), or the SCIM Validator's results file
// (its overall flag SFComplianceFailed; the per-test keys are known only from published runs, so they are searched for).
import { UsageError } from '../model/errors.ts'

export type ResultKind = 'logic-app' | 'scim-validator'

export interface ReadTest {
  name: string
  category?: string
  /** Microsoft's own result string ("success", "SKIPPED - …", "FAILED - [Create Phase] …", "Failed"). */
  result: string
  status: 'passed' | 'failed' | 'warning' | 'skipped'
  /** provisioningErrorDetails (or the Validator's failure text), as text. */
  details: string
}

export interface ReadResult {
  kind: ResultKind
  /** Which file shape: Final_TestResults, validation-result-<RunId>.json, or the Validator's results. */
  shape: 'Final_TestResults' | 'validation-result' | 'scim-results'
  overall?: string
  tests: ReadTest[]
  /** The validation script's parameters (secrets masked), when the file has them. */
  parameters?: Record<string, unknown>
  /** The whole file as text, for setup mistakes that show anywhere in it. */
  text: string
}

type Obj = Record<string, unknown>
const isObj = (v: unknown): v is Obj => !!v && typeof v === 'object' && !Array.isArray(v)
const asText = (v: unknown): string =>
  v === undefined || v === null || v === '' ? '' : typeof v === 'string' ? v : JSON.stringify(v)

/** Microsoft's reading of a testResult: success* passes, SKIPPED* skips, WARNING* is an optional failure, the rest fails (case ignored). */
export function statusOf(result: string): ReadTest['status'] {
  if (/^success/i.test(result)) return 'passed'
  if (/^skipped/i.test(result)) return 'skipped'
  if (/^warning/i.test(result)) return 'warning'
  return 'failed'
}

function logicAppTests(list: unknown[]): ReadTest[] {
  return list
    .filter(isObj)
    .filter((t) => typeof t.testName === 'string')
    .map((t) => {
      const result = asText(t.testResult)
      return {
        name: t.testName as string,
        ...(typeof t.testCategory === 'string' ? { category: t.testCategory } : {}),
        result,
        status: statusOf(result),
        details: asText(t.provisioningErrorDetails),
      }
    })
}

const NAME_KEYS = [
  'testName',
  'TestName',
  'name',
  'Name',
  'title',
  'Title',
  'description',
  'Description',
  'test',
  'Test',
]

/** One Validator test: a name-like string and a pass/fail indicator of any of the shapes published runs show. */
function validatorTest(o: Obj): ReadTest | undefined {
  const nameKey = NAME_KEYS.find((k) => typeof o[k] === 'string')
  if (!nameKey) return undefined
  let status: ReadTest['status'] | undefined
  let result = ''
  for (const [k, v] of Object.entries(o)) {
    if (typeof v === 'boolean' && /pass|success|succeeded/i.test(k)) {
      status = v ? 'passed' : 'failed'
      result = v ? 'Passed' : 'Failed'
    } else if (typeof v === 'boolean' && /fail/i.test(k)) {
      status = v ? 'failed' : 'passed'
      result = v ? 'Failed' : 'Passed'
    } else if (typeof v === 'string' && /^(status|result|outcome|testResult)$/i.test(k)) {
      result = v
      status = /fail|error/i.test(v)
        ? 'failed'
        : /skip/i.test(v)
          ? 'skipped'
          : /warn/i.test(v)
            ? 'warning'
            : /pass|success|succeed|ok/i.test(v)
              ? 'passed'
              : status
    }
  }
  if (!status) return undefined
  const category =
    typeof o.category === 'string' || typeof o.Category === 'string'
      ? String(o.category ?? o.Category)
      : typeof o.category === 'number' || typeof o.Category === 'number'
        ? Number(o.category ?? o.Category) === 0
          ? 'required'
          : 'preview'
        : undefined
  const { [nameKey]: _n, ...rest } = o
  return {
    name: o[nameKey] as string,
    ...(category ? { category } : {}),
    result,
    status,
    details: status === 'passed' ? '' : JSON.stringify(rest),
  }
}

function findValidatorTests(v: unknown, out: ReadTest[], depth = 0): void {
  if (depth > 6) return
  if (Array.isArray(v)) {
    for (const item of v) {
      const t = isObj(item) ? validatorTest(item) : undefined
      if (t) out.push(t)
      else findValidatorTests(item, out, depth + 1)
    }
  } else if (isObj(v)) {
    for (const value of Object.values(v)) findValidatorTests(value, out, depth + 1)
  }
}

/** Detects the kind and reads the tests; a file of neither kind is a UsageError naming what was expected. */
export function readValidationResult(text: string, path: string): ReadResult {
  let json: unknown
  try {
    json = JSON.parse(text.replace(/^\uFEFF/, ''))
  } catch {
    throw new UsageError(
      `'${path}' is not JSON: give a Logic App result (Final_TestResults or validation-result-<RunId>.json) or a SCIM Validator results file`,
    )
  }
  // The portal's "Show raw outputs" may wrap the object in {"body": …}.
  if (isObj(json) && isObj(json.body) && !('testResults' in json)) json = json.body
  if (isObj(json) && Array.isArray(json.testResults) && logicAppTests(json.testResults).length > 0) {
    const shape = 'validationResult' in json ? 'validation-result' : 'Final_TestResults'
    const overall =
      typeof json.overallResult === 'string'
        ? json.overallResult
        : typeof json.overallResultFromTests === 'string'
          ? json.overallResultFromTests
          : undefined
    return {
      kind: 'logic-app',
      shape,
      ...(overall ? { overall } : {}),
      tests: logicAppTests(json.testResults),
      ...(isObj(json.parameters) ? { parameters: json.parameters } : {}),
      text,
    }
  }
  if (isObj(json) && typeof json.SFComplianceFailed === 'boolean') {
    const tests: ReadTest[] = []
    findValidatorTests(json, tests)
    return {
      kind: 'scim-validator',
      shape: 'scim-results',
      overall: json.SFComplianceFailed
        ? 'Not compliant (SFComplianceFailed: true)'
        : 'Compliant (SFComplianceFailed: false)',
      tests,
      text,
    }
  }
  throw new UsageError(
    `'${path}' is neither a Logic App result (no testResults with testName) nor a SCIM Validator results file (no SFComplianceFailed)`,
  )
}
