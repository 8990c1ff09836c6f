// Explains every failure of a real validation result: a defect of the endpoint (the suite's checks behind the
// test, the fix, the --only command that reproduces it), a known false positive of Microsoft's tool, or a setup
// mistake of the run (Microsoft's troubleshooting article for the validation, and the Logic App template's own notes).
import { catalog } from '../../specs/catalog.ts'
import type { CheckResult } from '../model/result.ts'
import { LOGIC_APP_TESTS } from './logic-app-tests.ts'
import type { ReadResult, ReadTest } from './read-result.ts'
import { VALIDATOR_TESTS } from './validator-tests.ts'

export type FailureKind = 'defect' | 'false-positive' | 'setup' | 'unknown'

export interface ExplainedFailure {
  test: string
  result: string
  status: 'failed' | 'warning'
  kind: FailureKind
  /** The finding, in one sentence. */
  title: string
  explanation: string
  /** The suite's checks behind the test (a defect), or the check that shows the setup mistake's endpoint side. */
  checks: string[]
  fix: string
  /** The command that reproduces a defect against the endpoint. */
  reproduce?: string
  /** Set by a re-run (--url): whether the checks behind it fail now. */
  reproduces?: 'yes' | 'no' | 'not judged'
  /** The checks that failed in the re-run. */
  failingNow?: string[]
  source: string
}

export interface Explanation {
  file: string
  kind: ReadResult['kind']
  shape: ReadResult['shape']
  overall?: string
  counts: { passed: number; failed: number; warning: number; skipped: number }
  /** Every test of the file in its order, with Microsoft's own result string (the JUnit and HTML list them all). */
  tests: { name: string; category?: string; result: string; status: ReadTest['status'] }[]
  /** Mistakes of the run's setup that explain several failures at once. */
  setup: string[]
  failures: ExplainedFailure[]
  /** Present after a re-run against --url. */
  rerun?: { target: string; checks: number; reproduced: number; fixed: number }
}

const TROUBLESHOOT = 'Microsoft: Troubleshoot user provisioning validation for the Microsoft Entra App Gallery'
const SETUP_ARTICLE = 'Microsoft: Set up the validation Logic App in the Azure portal (preview)'
const VALIDATE_ARTICLE = 'Microsoft: Validate user provisioning for Microsoft Entra App Gallery (preview)'

/** `scim-preflight --url … --only …` for the checks: one --only per check. */
export function reproduceCommand(checks: readonly string[], url?: string): string {
  return `scim-preflight --url ${url ?? '<SCIM base URL>'} --token "$SCIM_TOKEN" --gallery ${checks.map((c) => `--only '${c}'`).join(' ')}`
}

function checksBehind(r: ReadResult, t: ReadTest): string[] {
  if (r.kind === 'logic-app') {
    const test = LOGIC_APP_TESTS.find((x) => x.name.toLowerCase() === t.name.toLowerCase())
    if (!test) return []
    // The phase or failed action Microsoft's string names narrows the checks to that phase's.
    const keyOf = (s: string): string | undefined => {
      const m = /\[([^\]]+) Phase\]|Action: (\w+)/.exec(s)
      return m ? (m[1] ?? m[2]) : undefined
    }
    const named = keyOf(t.result)
    const phase = named ? test.phases.find((p) => keyOf(p.failed({} as CheckResult)) === named) : undefined
    return [...new Set((phase ? [phase] : test.phases).flatMap((p) => p.checks))]
  }
  const test = VALIDATOR_TESTS.find((x) => x.name.toLowerCase() === t.name.trim().toLowerCase())
  return test ? [...test.checks] : []
}

const known = (id: string): id is keyof typeof catalog => id in catalog

type Setup = Omit<ExplainedFailure, 'test' | 'result' | 'status'>

/** Setup mistakes visible anywhere in the file, each explaining every failure it touches. */
function setupMistake(r: ReadResult, t: ReadTest, anySuccess: boolean): Setup | undefined {
  const text = `${t.result} ${t.details}`
  if (/aadOptscim062020/i.test(r.text)) {
    return {
      kind: 'setup',
      title: 'The scimEndpoint parameter carries the aadOptscim062020 flag',
      explanation:
        "The flag belongs only in the Tenant URL of the provisioning app; in the Logic App's scimEndpoint it becomes part of every direct SCIM request and breaks them all.",
      checks: [],
      fix: "Remove ?aadOptscim062020 from scimEndpoint (keep it in the app's Tenant URL if the app needs it) and run the validation again.",
      source: `${TROUBLESHOOT}; ${SETUP_ARTICLE}`,
    }
  }
  if (/did not return Group schema/i.test(text)) {
    return {
      kind: 'setup',
      title: "/Schemas has no Group schema, so Microsoft's run fails the group tests instead of skipping them",
      explanation:
        'Microsoft treats group provisioning as mandatory: with no urn:ietf:params:scim:schemas:core:2.0:Group in /Schemas, the group tests fail at initialisation.',
      checks: ['discovery/schemas-describes-group'],
      fix: 'Serve /Groups and describe the Group schema in /Schemas (displayName, members), with several membership changes per PATCH.',
      reproduce: reproduceCommand(['discovery/schemas-describes-group']),
      source: TROUBLESHOOT,
    }
  }
  if (/Get_Templates/i.test(text) && /unauthori[sz]ed|forbidden|401|403/i.test(text)) {
    return {
      kind: 'setup',
      title: "The Logic App's managed identity may not read the provisioning templates",
      explanation: "Get_Templates was refused: the managed identity's permissions are missing or not yet effective.",
      checks: [],
      fix: 'Grant the managed identity the permissions the setup article lists, wait for them to apply, and run again.',
      source: `${TROUBLESHOOT}; ${SETUP_ARTICLE}`,
    }
  }
  if (/Request_ResourceNotFound/i.test(text)) {
    return {
      kind: 'setup',
      title: 'A Graph replication race: the assignment did not find the new object yet',
      explanation:
        "Microsoft's template notes Request_ResourceNotFound on assignment as a Graph replication race, not a defect of the endpoint.",
      checks: [],
      fix: 'Run the validation again.',
      source: 'Microsoft SCIM validation Logic App template (scim-onboarding agent notes)',
    }
  }
  if (
    /POD_Provision_On_Demand - HTTP 401|NO_LOGS_FOUND/i.test(text) &&
    r.tests.filter((x) => /NO_LOGS_FOUND/i.test(`${x.result} ${x.details}`)).length > 2
  ) {
    return {
      kind: 'setup',
      title: "The provisioning job wrote no logs: quarantined, or the Logic App's identity does not own the app",
      explanation:
        'NO_LOGS_FOUND across the engine tests (or a 401 on provision on demand) means the engine did not run the job, not that the endpoint refused it.',
      checks: [],
      fix: "Check the test app's provisioning status (quarantine), make the Logic App's identity an owner of the app and its service principal, and run again.",
      source: 'Microsoft SCIM validation Logic App template (scim-onboarding agent notes)',
    }
  }
  if (
    t.name !== 'Validate_Credentials_Test' &&
    t.name !== 'Federated_Identity_Test' &&
    /\b401\b|unauthori[sz]ed/i.test(text)
  ) {
    return anySuccess
      ? {
          kind: 'setup',
          title: 'The bearer token expired during the run',
          explanation:
            'Requests were accepted earlier in the run and refused with 401 later: the scimBearerToken stopped working part-way through a run of 60 to 90 minutes.',
          checks: [],
          fix: 'Give scimBearerToken a token valid for at least 24 hours and run again.',
          source: `${VALIDATE_ARTICLE}; ${TROUBLESHOOT}`,
        }
      : {
          kind: 'setup',
          title: 'The endpoint refused the bearer token from the start',
          explanation:
            'Every request was refused with 401: the scimBearerToken given to the Logic App is not one the endpoint accepts.',
          checks: ['authentication/issued-token-works'],
          fix: 'Give scimBearerToken a token the endpoint accepts, valid for at least 24 hours.',
          source: VALIDATE_ARTICLE,
        }
  }
  if (t.name === 'Federated_Identity_Test' && /Entra token acquisition failed/i.test(text)) {
    return {
      kind: 'setup',
      title: "Microsoft's own token for the federated app registration could not be had",
      explanation:
        "Step 1 of the federation test asks Microsoft's tenant for a token of the app registration named in the federated* parameters; it failed before the endpoint was called (placeholder or wrong values, no App ID URI, or requestedAccessTokenVersion not 2).",
      checks: [],
      fix: 'Fill federatedEntraTenantId, federatedApplicationId and its secret with a real app registration that has an App ID URI and requestedAccessTokenVersion 2; leave federation unconfigured only if the app does not offer it.',
      source: 'Microsoft: SCIMTests_WorkloadIdentityFederation_Setup.md (Logic App template)',
    }
  }
  if (
    t.name === 'Validate_Credentials_Test' &&
    r.parameters &&
    !r.parameters.scimTokenEndpoint &&
    !r.parameters.scimClientId
  ) {
    return {
      kind: 'setup',
      title: 'No client credentials were configured: the run used a static token',
      explanation:
        'With scimTokenEndpoint and scimClientId empty the credentials test cannot pass; Microsoft accepts a long-lived token for the validation run but onboards gallery apps only with OAuth 2.0 client credentials or federation.',
      checks: [],
      fix: 'Fill scimTokenEndpoint, scimClientId and scimClientSecret (and scimOAuthScope if the endpoint needs one).',
      source: `${VALIDATE_ARTICLE}; Microsoft: User provisioning requirements for Microsoft Entra App Gallery`,
    }
  }
  return undefined
}

function falsePositive(r: ReadTest): Setup | undefined {
  const text = `${r.result} ${r.details}`
  if (/returned[^a-z]{0,6}never|writeOnly|password/i.test(text)) {
    return {
      kind: 'false-positive',
      title:
        'A known false positive of the SCIM Validator: an attribute the schema marks never returned is reported missing',
      explanation:
        'The Validator posts every discovered attribute, password and other returned:"never" or writeOnly ones included, then reports them missing from the answer, which RFC 7643 §7 forbids the server to return.',
      checks: [],
      fix: 'Nothing to fix in the endpoint. Note the false positive in the submission, or run the Validator with default attributes (without those attributes) instead of schema discovery.',
      source: 'pranems/SCIMServer: SCIM Validator run 32 false-positive analysis (third party)',
    }
  }
  if (/time ?zone/i.test(text)) {
    return {
      kind: 'false-positive',
      title: 'A known issue of the SCIM Validator: random time-zone values',
      explanation:
        'The Validator fills timezone with a random string; an endpoint that checks it against the IANA zone names RFC 7643 §4.1.1 names refuses it. Microsoft lists random time-zone values among the known issues of the Validator.',
      checks: [],
      fix: "Nothing to fix in the endpoint. Give timezone a real zone (America/Los_Angeles) in the Validator's attribute values, or leave it out, and run it again.",
      source: 'Microsoft: Tutorial: Validate a SCIM endpoint (known issues)',
    }
  }
  if (/roles/i.test(text) && /primary/i.test(text)) {
    return {
      kind: 'false-positive',
      title: 'The SCIM Validator sends roles[].primary as the string "True"',
      explanation:
        'A strict server refuses the create, and most later tests fail with it; Entra itself never sends roles this way.',
      checks: [],
      fix: 'Accept "True"/"False" strings for boolean sub-attributes (as Entra\'s legacy dialect needs anyway), or run the Validator without roles.',
      source: 'pranems/SCIMServer: SCIM Validator results analysis (third party)',
    }
  }
  return undefined
}

export function explainResult(r: ReadResult, file: string, opts: { url?: string } = {}): Explanation {
  const counts = { passed: 0, failed: 0, warning: 0, skipped: 0 }
  for (const t of r.tests) counts[t.status]++
  const anySuccess = r.tests.some(
    (t) => t.status === 'passed' && t.name !== 'Validate_Credentials_Test' && t.name !== 'Federated_Identity_Test',
  )
  const failures: ExplainedFailure[] = r.tests
    .filter((t) => t.status === 'failed' || t.status === 'warning')
    .map((t) => {
      const head = { test: t.name, result: t.result, status: t.status as 'failed' | 'warning' }
      const setup = setupMistake(r, t, anySuccess) ?? (r.kind === 'scim-validator' ? falsePositive(t) : undefined)
      if (setup)
        return {
          ...head,
          ...setup,
          ...(setup.reproduce ? { reproduce: reproduceCommand(setup.checks, opts.url) } : {}),
        }
      const checks = checksBehind(r, t).filter(known)
      if (checks.length === 0) {
        return {
          ...head,
          kind: 'unknown',
          title: `No check of the suite covers ${t.name}`,
          explanation: 'This test is not one the suite knows, or it sends requests the suite does not.',
          checks: [],
          fix: 'Read the failed action in the run (runLink, Compose_Final_Results).',
          source:
            r.kind === 'logic-app'
              ? 'Microsoft SCIM validation Logic App template'
              : 'Microsoft: Tutorial: Validate a SCIM endpoint',
        }
      }
      const first = catalog[checks[0]!]
      return {
        ...head,
        kind: 'defect',
        title: `${t.name} fails where the endpoint fails: ${first.title}${checks.length > 1 ? ` (or one of ${checks.length - 1} more check(s))` : ''}`,
        explanation: `${t.status === 'warning' ? 'An optional test (shown as WARNING): it does not change overallResult. ' : ''}Microsoft's test fails when the endpoint answers as one of these checks describes: ${checks.join(', ')}.`,
        checks,
        fix: first.fix,
        reproduce: reproduceCommand(checks, opts.url),
        source:
          r.kind === 'logic-app'
            ? 'Microsoft SCIM validation Logic App template (SCIM-Validation-Test-Overview.md)'
            : 'Microsoft: Tutorial: Validate a SCIM endpoint',
      }
    })
  const setup = [...new Set(failures.filter((f) => f.kind === 'setup').map((f) => f.title))]
  const tests = r.tests.map((t) => ({
    name: t.name,
    ...(t.category ? { category: t.category } : {}),
    result: t.result,
    status: t.status,
  }))
  return {
    file,
    kind: r.kind,
    shape: r.shape,
    ...(r.overall ? { overall: r.overall } : {}),
    counts,
    tests,
    setup,
    failures,
  }
}

/** The failures that make explain exit 1: defects, or after a re-run those that still reproduce. */
export function standingDefects(e: Explanation): ExplainedFailure[] {
  return e.rerun ? e.failures.filter((f) => f.reproduces === 'yes') : e.failures.filter((f) => f.kind === 'defect')
}

/** Merges a re-run's check outcomes: a failure reproduces when one of its checks fails now. */
export function applyRerun(e: Explanation, outcomes: ReadonlyMap<string, string[]>, target: string): Explanation {
  let reproduced = 0
  let fixed = 0
  let checks = 0
  const failures = e.failures.map((f) => {
    if (f.checks.length === 0) return f
    const seen = f.checks.map((id) => outcomes.get(id) ?? [])
    checks += f.checks.length
    const failingNow = f.checks.filter((id) => (outcomes.get(id) ?? []).some((o) => o === 'failed' || o === 'warned'))
    const allPassed = seen.every((o) => o.length > 0 && o.every((x) => x === 'passed'))
    const reproduces = failingNow.length ? 'yes' : allPassed ? 'no' : 'not judged'
    if (reproduces === 'yes') reproduced++
    if (reproduces === 'no') fixed++
    return { ...f, reproduces, failingNow } as ExplainedFailure
  })
  return { ...e, failures, rerun: { target, checks, reproduced, fixed } }
}
