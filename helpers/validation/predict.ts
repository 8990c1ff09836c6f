// Predicts Microsoft's gallery validation (the Logic App's Final_TestResults and the SCIM Validator's compliance
// flag) from one run's check results, test by test, with Microsoft's own names, strings, skip and warning rules.
// A test is predicted only from checks this run judged; what no offline run can show is said, never guessed.
import type { Exchange } from '../model/exchange.ts'
import type { CheckResult, PredictedTest, PredictedTool, ValidationPrediction } from '../model/result.ts'
import { redactText } from '../report/sanitize.ts'
import {
  FEDERATED_CHECK,
  LOGIC_APP_TESTS,
  MAPPED_ONLY,
  type LogicAppTest,
  type MappingRule,
  type SkipRule,
} from './logic-app-tests.ts'
import { catalog } from '../../specs/catalog.ts'
import { VALIDATOR_TESTS } from './validator-tests.ts'

/** What the run knew about the configuration Microsoft's run would have (the mapping, groups, credentials). */
export interface PredictionFacts {
  /** Group flows ran (not --no-groups, not --read-only). */
  groups: boolean
  /** The target attributes of the app's mapping (the profile). */
  mappedAttributes: readonly string[]
  /** The group attributes the mapping adds beyond displayName, externalId and members (the profile's groupAttributes). */
  groupAttributes?: readonly string[]
  /** The run authenticated with OAuth 2.0 client credentials (a token endpoint was given). */
  oauth: boolean
  /** The run was against the built-in reference endpoint: the prediction is about it, not the vendor's server. */
  embedded?: boolean
}

/** One check id's outcome over every dialect it ran in: the worst wins. */
interface Judged {
  state: 'passed' | 'failed' | 'blocked' | 'not-judged'
  result?: CheckResult
}

function judge(checks: readonly CheckResult[]): (id: string) => Judged {
  const byId = new Map<string, CheckResult[]>()
  for (const c of checks) byId.set(c.id, [...(byId.get(c.id) ?? []), c])
  return (id) => {
    const all = byId.get(id) ?? []
    // A waiver is the vendor's decision; Microsoft's run does not know it, so a waived failure still fails there.
    const failed = all.find((c) => c.outcome === 'failed' || c.outcome === 'warned' || c.outcome === 'waived')
    if (failed) return { state: 'failed', result: failed }
    const blocked = all.find((c) => c.outcome === 'blocked')
    if (blocked) return { state: 'blocked', result: blocked }
    if (all.length > 0 && all.every((c) => c.outcome === 'passed')) return { state: 'passed', result: all[0] }
    return { state: 'not-judged', ...(all[0] ? { result: all[0] } : {}) }
  }
}

const managerMapped = (f: PredictionFacts): boolean => f.mappedAttributes.some((a) => /(^|:)manager$/i.test(a))
const activeMapped = (f: PredictionFacts): boolean => f.mappedAttributes.some((a) => a.toLowerCase() === 'active')

function mapped(rule: MappingRule, f: PredictionFacts): boolean {
  switch (rule) {
    case 'roles-mapped':
      return f.mappedAttributes.some((a) => /^roles(\[|$)/i.test(a))
    case 'group-attributes-mapped':
      return (f.groupAttributes ?? []).length > 0
  }
}

/** The checks of a phase that Microsoft's test sends under this mapping (MAPPED_ONLY). */
const sentUnder =
  (f: PredictionFacts) =>
  (ids: readonly string[]): string[] =>
    ids.filter((id) => MAPPED_ONLY[id] === undefined || mapped(MAPPED_ONLY[id], f))

function skips(rule: SkipRule, f: PredictionFacts): string | undefined {
  switch (rule) {
    case 'no-groups':
      return f.groups
        ? undefined
        : "the run had groups off (--no-groups or --read-only): Microsoft's run skips the group tests when the app has no enabled group mapping (GroupTests_Workflow initialises each result to SKIPPED)"
    case 'manager-not-mapped':
      return managerMapped(f)
        ? undefined
        : "the mapping has no manager attribute, so Microsoft's run skips the manager tests"
    case 'active-not-mapped':
      return activeMapped(f)
        ? undefined
        : "the mapping has no active attribute, so Microsoft's UserTests_Workflow skips Disable_User_Test"
    case 'no-oauth':
      return f.oauth
        ? undefined
        : "the run used a static bearer token: with no client credentials configured, Microsoft's run reports the credentials test as skipped"
  }
}

interface Verdict {
  status: 'pass' | 'fail' | 'not-predictable'
  checks: string[]
  why: string
  failing?: CheckResult
  phase?: number
}

/** Judges a list of phases: the first failing (or failure-blocked) check decides; an unjudged one makes it unpredictable. */
function verdictOf(phases: readonly (readonly string[])[], judged: (id: string) => Judged): Verdict {
  const checks = [...new Set(phases.flat())].filter((i) => i in catalog)
  let unjudged: { id: string; j: Judged } | undefined
  for (const [phase, ids] of phases.entries()) {
    // A check this build's catalog does not have (another branch's, before the merge) says nothing either way.
    for (const id of ids.filter((i) => i in catalog)) {
      const j = judged(id)
      if (j.state === 'failed')
        return {
          status: 'fail',
          checks,
          why: redactText(`${id} ${j.result!.outcome}: ${j.result!.message ?? j.result!.title}`),
          failing: j.result,
          phase,
        }
      // Blocked is not failed: the step that blocked it may be one Microsoft's test never takes (a member added first),
      // so the test is not predictable from this run unless one of its own checks failed.
      if (j.state !== 'passed') unjudged ??= { id, j }
    }
  }
  if (unjudged) {
    const r = unjudged.j.result
    const how = !r
      ? 'was not run (not selected, or its flow did not run)'
      : r.outcome === 'blocked'
        ? `was blocked (${r.message ?? r.blockedBy})`
        : `was ${r.outcome}${r.message ? ` (${r.message})` : ''}`
    return {
      status: 'not-predictable',
      checks,
      why: redactText(`${unjudged.id} ${how}, so this run cannot predict the test`),
    }
  }
  return {
    status: 'pass',
    checks,
    why: checks.length ? `every check it rests on passed (${checks.length})` : 'no check of the suite covers it',
  }
}

function logicAppTest(test: LogicAppTest, judged: (id: string) => Judged, f: PredictionFacts): PredictedTest {
  const base = { name: test.name, category: test.category, ...(test.offline ? { offline: test.offline } : {}) }
  const skip = test.skip && skips(test.skip.when, f)
  if (test.skip && skip) return { ...base, status: 'skipped', result: test.skip.result, why: skip, checks: [] }
  if (test.name === 'Federated_Identity_Test') return federated(base, judged)
  const v = verdictOf(
    test.phases.map((p) => sentUnder(f)(p.checks)),
    judged,
  )
  const success = typeof test.success === 'function' ? test.success({ activeMapped: activeMapped(f) }) : test.success
  if (v.status === 'pass') return { ...base, status: 'pass', result: success, why: v.why, checks: v.checks }
  if (v.status === 'not-predictable')
    return { ...base, status: 'not-predictable', result: 'not predictable offline', why: v.why, checks: v.checks }
  const failed = test.phases[v.phase!]!.failed(v.failing!)
  // Orchestrator_Workflow: an optional test's FAILED is shown as WARNING.
  return test.category === 'optional'
    ? { ...base, status: 'warning', result: failed.replace(/^FAILED/, 'WARNING'), why: v.why, checks: v.checks }
    : { ...base, status: 'fail', result: failed, why: v.why, checks: v.checks }
}

/** Judged only from the federation check: passed is success, failed is Microsoft's exchange failure, else Microsoft's unconfigured rule. */
function federated(
  base: Pick<PredictedTest, 'name' | 'category' | 'offline'>,
  judged: (id: string) => Judged,
): PredictedTest {
  const v = verdictOf([[FEDERATED_CHECK]], judged)
  if (v.status === 'fail')
    return { ...base, status: 'fail', result: 'Federated token exchange failed', why: v.why, checks: v.checks }
  if (v.status === 'pass' && judged(FEDERATED_CHECK).state === 'passed')
    return {
      ...base,
      status: 'pass',
      result: 'success',
      why: 'a federated assertion got a token the SCIM endpoint accepts',
      checks: v.checks,
    }
  return {
    ...base,
    status: 'skipped',
    result: 'SKIPPED',
    why: "workload identity federation was not shown in this run (no --wif-key): with no federated settings, Microsoft's run reports the federation test as skipped",
    checks: [],
  }
}

/** Microsoft's documented caveats about reading overallResult, and the limits of an offline prediction. */
function logicAppCaveats(tests: readonly PredictedTest[], f: PredictionFacts): string[] {
  const caveats = [
    ...(f.embedded
      ? [
          'This run was against the built-in reference endpoint: the prediction shows the suite at work, not your server.',
        ]
      : []),
    'A prediction, not Microsoft\'s result: the Logic App drives the real provisioning engine and reads its provisioning logs, which no offline run can show; submit a real run (Microsoft: "Validate user provisioning for Microsoft Entra App Gallery").',
    'Microsoft: overallResult may say "Failed" for a run that can still be submitted (a static token, skipped manager tests, warnings), so judge the tests one by one; the submission asks for the run ID of a "Succeeded" run.',
  ]
  if (!f.oauth && !tests.some((t) => t.name === 'Federated_Identity_Test' && t.status === 'pass'))
    caveats.push(
      'Neither authentication test passes with a static token, and Orchestrator_Workflow then sets overallResult to "Failed"; the template\'s SCIMTests_Workflow may print "FAILED - Action: Acquire_OAuth2_Token …" and "Entra token acquisition failed" rather than skipping them.',
    )
  if (!f.groups)
    caveats.push(
      "With groups off, Microsoft's documents (troubleshooting article, test overview) say the group tests fail; the template skips the engine group tests and still runs SCIM_Group_Create_Test and SCIM_Group_Update_Test.",
    )
  if (tests.some((t) => t.name === 'Disable_User_Test' && t.status === 'skipped'))
    caveats.push(
      'The test overview says Disable_User_Test always runs; the template runs it only when active is mapped.',
    )
  caveats.push(
    'The four optional tests (Delete_User_Test, Delete_Group_Test, SCIM_Group_Pagination_Test, Restore_Group_Test) never change overallResult; their failures show as WARNING.',
  )
  return caveats
}

export function predictLogicApp(checks: readonly CheckResult[], f: PredictionFacts): PredictedTool {
  const judged = judge(checks)
  const tests = LOGIC_APP_TESTS.map((t) => logicAppTest(t, judged, f))
  const byName = new Map(tests.map((t) => [t.name, t]))
  const counted = LOGIC_APP_TESTS.filter((t) => t.counts).map((t) => byName.get(t.name)!)
  // Orchestrator_Workflow's Evaluate_Test_Results: a counted test FAILED, neither auth test PASSED, or the manager test failed with manager mapped.
  const authPassed =
    byName.get('Validate_Credentials_Test')!.status === 'pass' ||
    byName.get('Federated_Identity_Test')!.status === 'pass'
  const failed = counted.filter((t) => t.status === 'fail')
  const unknown = counted.filter((t) => t.status === 'not-predictable')
  const overall = failed.length > 0 || !authPassed ? 'Failed' : unknown.length > 0 ? 'Not predictable' : 'Succeeded'
  return {
    tool: 'logic-app',
    title: "Microsoft's gallery validation (Logic App, preview)",
    overall,
    passes: overall === 'Succeeded',
    caveats: logicAppCaveats(tests, f),
    tests,
  }
}

/** Attributes the schema says are never returned: the Validator posts them and then reports them missing. */
export function neverReturned(exchanges: readonly Exchange[]): string[] {
  const schemas = exchanges.find(
    (ex) => ex.request.method === 'GET' && /\/Schemas(\?|$)/.test(ex.request.url) && ex.response?.status === 200,
  )
  const resources = (schemas?.response?.body as { Resources?: unknown } | undefined)?.Resources
  if (!Array.isArray(resources)) return []
  const out: string[] = []
  for (const s of resources as { id?: unknown; attributes?: unknown }[]) {
    if (typeof s?.id !== 'string' || !/User$/.test(s.id) || !Array.isArray(s.attributes)) continue
    for (const a of s.attributes as { name?: unknown; returned?: unknown }[])
      if (a?.returned === 'never' && typeof a.name === 'string') out.push(a.name)
  }
  return out
}

export function predictValidator(
  checks: readonly CheckResult[],
  f: PredictionFacts,
  exchanges: readonly Exchange[] = [],
): PredictedTool {
  const judged = judge(checks)
  const hidden = neverReturned(exchanges)
  const tests: PredictedTest[] = VALIDATOR_TESTS.map((t) => {
    const base = { name: t.name, category: t.category }
    if (t.needs === 'groups' && !f.groups)
      return {
        ...base,
        status: 'skipped',
        result: 'Skipped',
        why: 'group tests run only with "Enable Group Tests", and this run had groups off',
        checks: [],
      }
    if (t.needs === 'manager' && !managerMapped(f))
      return {
        ...base,
        status: 'skipped',
        result: 'Skipped',
        why: 'the mapping has no manager attribute, so the Validator has no manager to test',
        checks: [],
      }
    if (t.checks.length === 0)
      return {
        ...base,
        status: 'not-predictable',
        result: 'not predictable offline',
        why: 'the suite sends no request of this shape',
        checks: [],
      }
    const v = verdictOf([sentUnder(f)(t.checks)], judged)
    if (v.status === 'pass' && t.name === 'Create a new User' && hidden.length) {
      return {
        ...base,
        status: 'fail',
        result: 'Failed',
        why: `known false positive of the Validator: /Schemas marks ${hidden.join(', ')} returned "never" (right by RFC 7643 §7), the Validator posts it and reports it missing from the answer`,
        checks: v.checks,
      }
    }
    if (v.status === 'pass') return { ...base, status: 'pass', result: 'Passed', why: v.why, checks: v.checks }
    if (v.status === 'fail')
      return {
        ...base,
        status: t.category === 'preview' ? 'warning' : 'fail',
        result: 'Failed',
        why: v.why,
        checks: v.checks,
      }
    return { ...base, status: 'not-predictable', result: 'not predictable offline', why: v.why, checks: v.checks }
  })
  const required = tests.filter((t) => t.category === 'required')
  const failing = required.some((t) => t.status === 'fail')
  const unknown = required.some((t) => t.status === 'not-predictable')
  const overall = failing ? 'Not compliant' : unknown ? 'Not predictable' : 'Compliant'
  return {
    tool: 'scim-validator',
    title: 'Microsoft Entra SCIM Validator',
    overall,
    passes: overall === 'Compliant',
    caveats: [
      "A prediction: the Validator's test list and its results file keys are known only from published runs (SFComplianceFailed is true when a required test fails); Microsoft documents the tool, not its results file.",
      "The Validator fills attributes with random values of its own (Microsoft lists random time zones among its known issues), so a value the endpoint refuses can fail a test the suite's realistic values pass.",
      'Preview tests never set SFComplianceFailed; their failures are shown here as warnings.',
    ],
    tests,
  }
}

export function predictValidation(
  checks: readonly CheckResult[],
  facts: PredictionFacts,
  exchanges: readonly Exchange[] = [],
): ValidationPrediction {
  return { tools: [predictLogicApp(checks, facts), predictValidator(checks, facts, exchanges)] }
}
