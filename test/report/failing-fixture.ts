// A failing run as the order of importance has to lay it out: three causes that fail it (one of them a refusal whose
// server message is long, and one RFC-only warning sharing its headline), gallery requirements unmet, ten warnings at
// two levels, a flow mostly skipped, and Microsoft's predicted validation (built from its type in the result model).
import type { Exchange } from '../../helpers/model/exchange.ts'
import { groupCauses } from '../../helpers/result/causes.ts'
import type { CheckResult, PredictedTest, RunResult, ValidationPrediction } from '../../helpers/model/result.ts'
import { computeVerdict, countOutcomes } from '../../helpers/result/verdict.ts'
import { entra, msValidation, rfc7643, rfc7644 } from '../../helpers/model/refs.ts'
import { BASE, CHECKS, EXCHANGES, makeRun } from './fixtures.ts'

/** The server's own error text for the refused PATCH: long, and never to be cut into the title. */
export const SERVER_MESSAGE =
  "Unsupported operation type 'Replace' for attribute path 'displayName' of operation 1 in PatchOp request: the operation must be one of 'add', 'remove' or 'replace' (case-sensitive, see SCIM-1042 in the vendor's tracker)"

const refused: Exchange = {
  ...EXCHANGES[4]!,
  response: {
    ...EXCHANGES[4]!.response!,
    body: {
      schemas: ['urn:ietf:params:scim:api:messages:2.0:Error'],
      status: '400',
      scimType: 'invalidSyntax',
      detail: SERVER_MESSAGE,
    },
  },
}
const exchanges: Exchange[] = [...EXCHANGES.slice(0, 4), refused, ...EXCHANGES.slice(5)]

const rfcEvidence: CheckResult['evidence'] = { says: 'An RFC rule Entra does not exercise.', sources: [rfc7644('3.1')] }
const galleryEvidence: CheckResult['evidence'] = {
  says: "Microsoft's gallery validation sends this request; a running Entra job does not.",
  sources: [msValidation('test overview')],
}

function warned(
  id: string,
  title: string,
  flow: string,
  severity: 'gallery' | 'rfc',
  fix: string,
  exchange = 6,
): CheckResult {
  return {
    id,
    title,
    flow,
    severity,
    evidence: severity === 'rfc' ? rfcEvidence : galleryEvidence,
    refs: [severity === 'rfc' ? rfc7644('3.1') : msValidation('test overview')],
    outcome: 'warned',
    exchanges: [exchange],
    durationMs: 12,
    message: `${title}: not so on the request shown`,
    entra: {
      code: 'none',
      effect: "A running Entra job does not notice; Microsoft's validation or another SCIM client may.",
    },
    fix,
  }
}

const WARNINGS: CheckResult[] = [
  warned(
    'schema-discovery/lists-enterprise-extension',
    'Lists the enterprise extension schema in /Schemas',
    'Schema discovery',
    'gallery',
    'Add urn:ietf:params:scim:schemas:extension:enterprise:2.0:User to /Schemas, with every attribute the mapping sends.',
  ),
  warned(
    'schema-discovery/resource-types',
    'Serves /ResourceTypes with User and Group',
    'Schema discovery',
    'gallery',
    'Serve /ResourceTypes listing User and Group, each with its schema and endpoint.',
  ),
  warned(
    'get-users-paged/honours-count',
    'Honours count on a paged list of users',
    'Get Users paged',
    'gallery',
    'Return at most count resources per page, and totalResults for the whole list.',
  ),
  warned(
    'list-groups/pages-with-start-index-and-count',
    'Pages groups with startIndex and count',
    'List Groups',
    'gallery',
    'Apply startIndex (1-based) and count to GET /Groups as to GET /Users.',
  ),
  warned(
    'create-user/content-type-scim-json',
    'Answers with Content-Type application/scim+json',
    'Create User',
    'rfc',
    'Send Content-Type: application/scim+json on every SCIM response.',
    4,
  ),
  warned(
    'create-user/location-header',
    'Sends a Location header with the created user',
    'Create User',
    'rfc',
    "Send Location: the new user's URL, equal to meta.location.",
    4,
  ),
  warned(
    'create-user/meta-version',
    'Returns meta.version as an ETag on create',
    'Create User',
    'rfc',
    'Return meta.version and the matching ETag header, or leave both out.',
    4,
  ),
  warned(
    'update-group-remove-members/responds-204',
    'Answers a group PATCH with 204 No Content',
    'Update Group [Remove Members]',
    'rfc',
    'Answer group PATCH with 204 and no body.',
    8,
  ),
  warned(
    'delete-user/second-delete-404',
    'Answers a second DELETE of a user with 404',
    'Delete User',
    'rfc',
    'Answer 404 to a DELETE of a user that no longer exists.',
    8,
  ),
  warned(
    'errors/scim-type-on-409',
    'Gives scimType uniqueness on a 409',
    'Errors',
    'rfc',
    'Put "scimType": "uniqueness" in the 409 error body.',
    8,
  ),
]

// Refused on the same PATCH as the legacy replace, at RFC level: the same defect, so it must not headline a warning too.
const SAME_REFUSAL: CheckResult = {
  ...warned(
    'update-user/error-body-schema',
    'Answers a refused PATCH with a SCIM error body',
    'Update User [Single-valued properties]',
    'rfc',
    'Compare PATCH op values case-insensitively: Entra sends "Replace" unless aadOptscim062020 is set.',
    5,
  ),
  dialect: 'legacy',
  expected: '200 or 204',
  actual: 400,
  observed: { answer: 'refused', exchange: 5, request: 'PATCH /Users/{id} with op "Replace" → 400', status: 400 },
}

// Authentication: one check passed, eight skipped (a static token): counted as "1 passed, 8 skipped", never "1/9".
const AUTH: CheckResult[] = [
  {
    ...CHECKS[0]!,
    id: 'authentication/rejects-missing-token',
    title: 'Refuses a request without a token',
    flow: 'Authentication',
    outcome: 'passed',
    exchanges: [1],
    severity: 'entra',
  },
  ...Array.from({ length: 8 }, (_, i): CheckResult => ({
    ...CHECKS[0]!,
    id: `authentication/oauth-${i + 1}`,
    title: `OAuth client-credentials step ${i + 1}`,
    flow: 'Authentication',
    outcome: 'skipped',
    exchanges: [],
    message: 'The run used a static token: the OAuth checks need --token-url, --client-id and --client-secret',
  })),
]

function failingChecks(): CheckResult[] {
  const checks = structuredClone(CHECKS)
  const replace = checks.find((c) => c.id === 'update-user/replace-single-valued' && c.dialect === 'legacy')!
  replace.observed = {
    answer: 'refused',
    exchange: 5,
    request: 'PATCH /Users/{id} with op "Replace" → 400',
    status: 400,
  }
  replace.expected = '200 or 204'
  replace.refs = [rfc7644('3.5.2'), entra('tutorial', 'update-user-single-valued-properties'), rfc7643('2.4')]
  // Everything after the ten warnings is what the run passed or skipped.
  return [...AUTH, ...checks.filter((c) => c.outcome !== 'warned'), SAME_REFUSAL, ...WARNINGS]
}

const test = (
  name: string,
  category: PredictedTest['category'],
  status: PredictedTest['status'],
  checks: string[],
  result: string,
  why: string,
): PredictedTest => ({ name, category, status, checks, result, why })

/** Microsoft's validation as this run predicts it: a Logic App run that fails three tests, and the SCIM Validator. */
export function failingPrediction(): ValidationPrediction {
  const passes = [
    'Get_User_By_Id_Test',
    'Filter_User_By_UserName_Test',
    'Update_User_Multi_Valued_Test',
    'Disable_User_Test',
    'Delete_User_Test',
    'Create_Group_Test',
    'Get_Group_By_Id_Test',
    'Filter_Group_Test',
    'Update_Group_DisplayName_Test',
    'Add_Group_Member_Test',
    'Delete_Group_Test',
    'Schema_Discovery_Test',
    'Service_Provider_Config_Test',
    'Resource_Types_Test',
    'Paging_Users_Test',
    'Empty_Values_Test',
    'Restore_User_Test',
    'Get_User_Not_Found_Test',
  ]
  return {
    tools: [
      Object.assign(
        {
          tool: 'logic-app' as const,
          title: 'Logic App validation',
          overall: 'Failed',
          passes: false,
          caveats: [
            'The run also provisions on demand and reads the audit logs; those steps cannot be predicted offline.',
          ],
          tests: [
            test(
              'Create_User_Test',
              'mandatory',
              'fail',
              ['create-user/returns-id'],
              'FAILED - [Create Phase] Failed Action: Get_Created_User',
              'The 201 body has no "id", so the created user cannot be read back.',
            ),
            test(
              'Update_User_Single_Valued_Test',
              'mandatory',
              'fail',
              ['update-user/replace-single-valued'],
              'FAILED - [Update Phase] Failed Action: Patch_User',
              'The server refuses op "Replace".',
            ),
            test(
              'Remove_Group_Member_Test',
              'mandatory',
              'fail',
              ['update-group-remove-members/value-filter'],
              'FAILED - [Update Phase] Failed Action: Remove_Member',
              'A member addressed by value filter gets a 500.',
            ),
            ...passes.map((name) => test(name, 'mandatory', 'pass', [], 'success', 'Every check it rests on passed.')),
            test(
              'Manager_Update_Test',
              'optional',
              'skipped',
              [],
              'SKIPPED - manager is not mapped',
              'Microsoft skips the manager tests when the manager is not mapped.',
            ),
            test(
              'Restore_Group_Test',
              'optional',
              'warning',
              ['delete-group/restore'],
              'WARNING - restore not supported',
              'Microsoft reports the restore tests as warnings.',
            ),
            // `offline` (i21a's optional field): the part of Microsoft's test the suite cannot run.
            Object.assign(
              test(
                'Provision_On_Demand_Test',
                'mandatory',
                'not-predictable',
                [],
                'not predictable offline',
                'Provisioning on demand runs in the tenant.',
              ),
              { offline: 'provision on demand and the provisioning logs' },
            ),
          ],
        },
        { file: 'logic-app-result.json' },
      ),
      {
        tool: 'scim-validator',
        title: 'SCIM Validator',
        overall: 'Not compliant',
        passes: false,
        caveats: [],
        tests: [
          test(
            'Create a new User',
            'required',
            'fail',
            ['create-user/returns-id'],
            'Failed',
            'The 201 body has no "id".',
          ),
          test(
            'Patch User - Replace Attributes',
            'required',
            'fail',
            ['update-user/replace-single-valued'],
            'Failed',
            'The server refuses op "Replace".',
          ),
          test('Filter User by userName', 'required', 'pass', [], 'Passed', 'Every check it rests on passed.'),
          test(
            'Group paging',
            'preview',
            'warning',
            ['list-groups/pages-with-start-index-and-count'],
            'Passed with warnings',
            'startIndex and count are ignored on /Groups.',
          ),
        ],
      },
    ],
  }
}

/** The failing run every renderer is pinned on: 3 failure causes, gallery unmet, 10 warnings, a prediction. */
export function failingRun(): RunResult {
  const checks = failingChecks()
  const run = makeRun(checks, exchanges, { runId: '2026-05-06T10-00-00Z-f41l' })
  run.verdict = computeVerdict(checks, { groupsTested: true, target: { url: BASE, embedded: false, tls: 'TLSv1.3' } })
  run.counts = countOutcomes(checks)
  run.causes = groupCauses(checks, exchanges).map((c) =>
    c.checks.some((k) => k.id === 'update-user/replace-single-valued') ? { ...c, serverMessage: SERVER_MESSAGE } : c,
  )
  run.prediction = failingPrediction()
  return structuredClone(run)
}
