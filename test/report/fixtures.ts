// Fixed RunResults for the renderer tests: one run with every outcome across four flows, and one clean run.
import type { Exchange } from '../../helpers/model/exchange.ts'
import type { CheckResult, RunInfo, RunResult } from '../../helpers/model/result.ts'
import { entra, rfc7643, rfc7644 } from '../../helpers/model/refs.ts'
import { computeVerdict, countOutcomes } from '../../helpers/result/verdict.ts'

export const BASE = 'https://scim.fabrikam.example/scim/v2'
/** The token the fixture server was configured with: it must appear in no rendered artifact. */
export const TOKEN = 'fbk_live_7Qx9ZtR2mW4vKp8LnJ3sH6dY'
export const SCRIPT_BODY = '<html><body><h1>Internal error</h1><script>document.title="pwned"</script></body></html>'

const USER_ID = '2819c223-7f76-453a-919d-413861904646'
const GROUP_ID = 'e9e30dba-f08f-4109-8486-d5c6a331660a'
const MEMBER_ID = '902c246b-6245-4190-8e05-00816be7344a'
const USER_NAME = 'scimpf-4k2j_Test_User_00aa00aa@contoso.com'
const LIST_EMPTY = {
  schemas: ['urn:ietf:params:scim:api:messages:2.0:ListResponse'],
  totalResults: 0,
  Resources: [],
  startIndex: 1,
  itemsPerPage: 20,
}

const reqHeaders = (body: boolean): Record<string, string> => ({
  Authorization: 'Bearer [redacted]',
  Accept: 'application/scim+json',
  'User-Agent': 'scim-preflight/0.1.0',
  ...(body ? { 'Content-Type': 'application/scim+json; charset=utf-8' } : {}),
})
const resHeaders = (type = 'application/scim+json; charset=utf-8'): Record<string, string> => ({
  'content-type': type,
  date: 'Tue, 05 May 2026 09:14:03 GMT',
})

let clock = Date.parse('2026-05-05T09:14:02.000Z')
function ex(
  seq: number,
  method: string,
  path: string,
  body: unknown,
  status: number,
  statusText: string,
  resBody: unknown,
  extra: Partial<Exchange> = {},
): Exchange {
  clock += 37
  const e: Exchange = {
    seq,
    startedAt: new Date(clock).toISOString(),
    durationMs: 20 + (seq % 7) * 9,
    request: {
      method,
      url: `${BASE}${path}`,
      headers: reqHeaders(body !== undefined),
      ...(body !== undefined ? { body } : {}),
    },
    response: {
      status,
      statusText,
      headers: typeof resBody === 'string' ? resHeaders('text/html; charset=utf-8') : resHeaders(),
      ...(typeof resBody === 'string' ? { rawText: resBody } : resBody !== undefined ? { body: resBody } : {}),
    },
    ...extra,
  }
  return e
}

const userBody = {
  schemas: ['urn:ietf:params:scim:schemas:core:2.0:User', 'urn:ietf:params:scim:schemas:extension:enterprise:2.0:User'],
  externalId: '0a21f0f2-8d2a-4f8e-bf98-7363c4aed4ef',
  userName: USER_NAME,
  active: true,
  emails: [{ primary: true, type: 'work', value: USER_NAME }],
  meta: { resourceType: 'User' },
  name: { formatted: 'Adele Vance', familyName: 'Vance', givenName: 'Adele' },
  roles: [],
}
const patchReplace = (op: string) => ({
  schemas: ['urn:ietf:params:scim:api:messages:2.0:PatchOp'],
  Operations: [{ op, path: 'displayName', value: 'Adele V.' }],
})

export const EXCHANGES: Exchange[] = [
  ex(
    1,
    'GET',
    '/Users?filter=userName+eq+%2200aa00aa-bb11-cc22-dd33-44ee44ee44ee%22',
    undefined,
    200,
    'OK',
    LIST_EMPTY,
  ),
  ex(
    2,
    'GET',
    '/Groups?excludedAttributes=members&filter=displayName+eq+%2211bb11bb-cc22-dd33-ee44-55ff55ff55ff%22',
    undefined,
    200,
    'OK',
    LIST_EMPTY,
  ),
  ex(3, 'GET', `/Users?filter=userName+eq+%22${encodeURIComponent(USER_NAME)}%22`, undefined, 200, 'OK', LIST_EMPTY),
  ex(4, 'POST', '/Users', userBody, 201, 'Created', {
    ...userBody,
    meta: { resourceType: 'User', created: '2026-05-05T09:14:02Z' },
  }),
  ex(5, 'PATCH', `/Users/${USER_ID}`, patchReplace('Replace'), 400, 'Bad Request', {
    schemas: ['urn:ietf:params:scim:api:messages:2.0:Error'],
    status: '400',
    scimType: 'invalidSyntax',
    detail: "Unsupported op 'Replace'",
  }),
  ex(6, 'PATCH', `/Users/${USER_ID}?aadOptscim062020`, patchReplace('replace'), 200, 'OK', {
    ...userBody,
    id: USER_ID,
    displayName: 'Adele V.',
    meta: { resourceType: 'User', created: '2026-05-05T09:14:02Z', lastModified: '2026-05-05T09:14:02Z' },
  }),
  ex(
    7,
    'PATCH',
    `/Groups/${GROUP_ID}`,
    {
      schemas: ['urn:ietf:params:scim:api:messages:2.0:PatchOp'],
      Operations: [{ op: 'Remove', path: `members[value eq "${MEMBER_ID}"]` }],
    },
    500,
    'Internal Server Error',
    SCRIPT_BODY,
  ),
  ex(
    8,
    'PATCH',
    `/Groups/${GROUP_ID}`,
    {
      schemas: ['urn:ietf:params:scim:api:messages:2.0:PatchOp'],
      Operations: [{ op: 'Remove', path: 'members', value: [{ value: MEMBER_ID }] }],
    },
    200,
    'OK',
    {
      schemas: ['urn:ietf:params:scim:schemas:core:2.0:Group'],
      id: GROUP_ID,
      displayName: 'scimpf-4k2j Sales',
      members: [],
    },
  ),
  {
    seq: 9,
    startedAt: '2026-05-05T09:14:03.100Z',
    durationMs: 10000,
    request: {
      method: 'GET',
      url: `${BASE}/Groups/${GROUP_ID}?excludedAttributes=members`,
      headers: reqHeaders(false),
    },
    error: 'timed out after 10000 ms',
    retries: 2,
  },
]

const serviceIncompatible = 'SystemForCrossDomainIdentityManagementServiceIncompatible'

function check(
  partial: Partial<CheckResult> & Pick<CheckResult, 'id' | 'title' | 'flow' | 'outcome' | 'exchanges'>,
): CheckResult {
  return {
    severity: 'entra',
    evidence: { says: "Microsoft's tutorial shows Entra sending this request.", sources: [entra('tutorial')] },
    refs: [entra('tutorial')],
    durationMs: 42,
    entra: { code: serviceIncompatible, effect: 'Entra logs the request as failed and retries it in the next cycle.' },
    fix: 'Follow the tutorial for this request.',
    ...partial,
  }
}

export const CHECKS: CheckResult[] = [
  check({
    id: 'test-connection/zero-results-200',
    title: 'Answers a query for a user that does not exist with 200 and an empty ListResponse',
    flow: 'Test Connection',
    outcome: 'passed',
    exchanges: [1],
    refs: [entra('tutorial', 'get-user-by-query---zero-results'), rfc7644('3.4.2')],
    entra: {
      code: 'SystemForCrossDomainIdentityManagementCredentialValidationFailure',
      quarantine: 'EncounteredQuarantineException',
      effect: 'Test Connection fails and the job cannot be saved.',
    },
    fix: 'Return 200 with totalResults 0 and an empty Resources array when a filter matches nothing.',
  }),
  check({
    id: 'test-connection/groups-probe-200',
    title: 'Answers the groups probe with 200 and an empty ListResponse',
    flow: 'Test Connection',
    outcome: 'passed',
    exchanges: [2],
    entra: {
      code: 'InvalidCredentials',
      quarantine: 'EncounteredQuarantineException',
      effect: 'Test Connection fails with a 404 on /Groups.',
    },
    fix: 'Serve /Groups even if groups are not provisioned.',
  }),
  check({
    id: 'create-user/query-zero-results',
    title: 'Answers the matching query before create with an empty ListResponse',
    flow: 'Create User',
    outcome: 'passed',
    exchanges: [3],
  }),
  check({
    id: 'create-user/returns-id',
    title: 'Returns the new user with a server-assigned id',
    flow: 'Create User',
    outcome: 'failed',
    exchanges: [3, 4],
    message: 'POST /Users: the 201 Created body has no "id"',
    expected: 'a non-empty "id" string',
    actual: 'no "id" property',
    refs: [rfc7643('3.1'), rfc7644('3.3'), entra('tutorial', 'create-user')],
    entra: {
      code: serviceIncompatible,
      effect: 'Entra cannot store the target id, so every later update and delete of this user fails.',
    },
    fix: 'Assign an id on create and return it in the 201 body, with meta.location.',
  }),
  check({
    id: 'create-user/content-type-scim-json',
    title: 'Answers with Content-Type application/scim+json',
    flow: 'Create User',
    severity: 'rfc',
    evidence: { says: 'An RFC rule Entra does not exercise.', sources: [rfc7644('3.1')] },
    outcome: 'warned',
    exchanges: [4],
    message: 'POST /Users answered with Content-Type application/json',
    expected: 'application/scim+json',
    actual: 'application/json',
    refs: [rfc7644('3.1')],
    entra: { code: 'none', effect: 'Entra accepts application/json; other SCIM clients may not.' },
    fix: 'Send Content-Type: application/scim+json on every SCIM response.',
  }),
  check({
    id: 'update-user/replace-single-valued',
    title: 'Applies a replace of a single-valued attribute',
    flow: 'Update User [Single-valued properties]',
    dialect: 'legacy',
    outcome: 'failed',
    exchanges: [5],
    message: 'PATCH /Users/{id} with op "Replace": expected 200 OK, got 400 Bad Request',
    expected: 200,
    actual: 400,
    refs: [rfc7644('3.5.2'), entra('tutorial', 'update-user-single-valued-properties')],
    entra: {
      code: 'SystemForCrossDomainIdentityManagementBadRequest',
      effect: 'Every attribute change for every user fails; users stay stale in the app.',
    },
    fix: 'Compare PATCH op values case-insensitively: Entra sends "Replace" unless aadOptscim062020 is set.',
  }),
  check({
    id: 'update-user/replace-single-valued',
    title: 'Applies a replace of a single-valued attribute',
    flow: 'Update User [Single-valued properties]',
    dialect: 'aadOptscim062020',
    outcome: 'passed',
    exchanges: [6],
  }),
  check({
    id: 'update-user/returns-resource',
    title: 'Returns the updated user in a 200 body',
    flow: 'Update User [Single-valued properties]',
    dialect: 'aadOptscim062020',
    severity: 'rfc',
    evidence: { says: 'An RFC rule Entra does not exercise.', sources: [rfc7644('3.1')] },
    outcome: 'passed',
    exchanges: [6],
  }),
  check({
    id: 'update-group-remove-members/value-filter',
    title: 'Removes a member addressed with members[value eq "…"]',
    flow: 'Update Group [Remove Members]',
    outcome: 'failed',
    exchanges: [7],
    message:
      'PATCH /Groups/{id} removing members[value eq "…"]: expected 204 No Content, got 500 Internal Server Error',
    expected: 204,
    actual: 500,
    refs: [rfc7644('3.5.2.2'), entra('tutorial', 'update-group-remove-members')],
    entra: {
      code: 'InternalServerError',
      effect: 'Entra retries in 40 minutes; the user keeps the group membership meanwhile.',
    },
    fix: 'Support value filters in PATCH remove paths, as RFC 7644 §3.5.2.2 requires.',
  }),
  check({
    id: 'update-group-remove-members/responds-204',
    title: 'Answers a group PATCH with 204 No Content',
    flow: 'Update Group [Remove Members]',
    severity: 'rfc',
    evidence: { says: 'An RFC rule Entra does not exercise.', sources: [rfc7644('3.1')] },
    outcome: 'warned',
    exchanges: [8],
    message: 'PATCH /Groups/{id}: expected 204 No Content, got 200 OK with the full group',
    expected: 204,
    actual: 200,
    refs: [entra('tutorial', 'update-group-remove-members')],
    entra: { code: 'none', effect: 'Works, but large groups make every membership change slow.' },
    fix: 'Answer group PATCH with 204 and no body.',
  }),
  check({
    id: 'update-group-remove-members/removes-all-listed',
    title: 'Removes every member listed in one operation',
    flow: 'Update Group [Remove Members]',
    outcome: 'waived',
    exchanges: [8],
    message: 'PATCH /Groups/{id}: 1 of 2 members still present',
    waiver: { reason: 'Known gap, fixed in 4.2 (SCIM-88)', expires: '2099-12-31' },
  }),
  check({
    id: 'update-group-remove-members/read-back',
    title: 'Shows the removal on the next GET',
    flow: 'Update Group [Remove Members]',
    outcome: 'skipped',
    exchanges: [9],
    message: 'GET /Groups/{id} timed out after 10000 ms; membership could not be read back',
  }),
]

const RUN: RunInfo = {
  tool: { name: 'scim-preflight', version: '0.1.0' },
  runId: '2026-05-05T09-14-02Z-4k2j',
  runPrefix: 'scimpf-4k2j',
  target: BASE,
  embedded: false,
  startedAt: '2026-05-05T09:14:02.000Z',
  finishedAt: '2026-05-05T09:14:14.500Z',
  durationMs: 12500,
  dialects: ['legacy', 'aadOptscim062020'],
  profile: 'entra-default',
  matchingAttribute: 'userName',
  seed: 1234,
  strict: false,
  readOnly: false,
  notices: ['TLS certificate checks are off (--insecure)'],
}

/** Builds a consistent RunResult: verdict and counts computed from the checks. */
export function makeRun(
  checks: CheckResult[],
  exchanges: Exchange[],
  info: Partial<RunInfo> = {},
  groupsTested = true,
): RunResult {
  return {
    run: { ...RUN, ...info },
    verdict: computeVerdict(checks, { groupsTested, target: { url: BASE, embedded: false, tls: 'TLSv1.3' } }),
    counts: countOutcomes(checks),
    checks,
    exchanges,
    leftovers: [{ type: 'User', id: USER_ID, name: USER_NAME, reason: 'DELETE /Users/{id} answered 500' }],
  }
}

/** Every outcome across the four flows, with realistic exchanges. */
export const mixedRun = (): RunResult => structuredClone(makeRun(CHECKS, EXCHANGES))

const CLEAN_CHECKS: CheckResult[] = [
  { ...CHECKS[0]! },
  { ...CHECKS[2]!, outcome: 'passed' },
  check({
    id: 'schema-discovery/schemas-list',
    title: 'Lists /Schemas as a ListResponse',
    flow: 'Schema discovery',
    outcome: 'passed',
    exchanges: [1],
  }),
  { ...CHECKS[5]!, outcome: 'passed', message: undefined },
  { ...CHECKS[6]! },
  { ...CHECKS[8]!, outcome: 'passed', message: undefined, exchanges: [8] },
]

/** Every check passes, including schema discovery and groups. */
export function cleanRun(): RunResult {
  const run = makeRun(
    CLEAN_CHECKS.map((c) => JSON.parse(JSON.stringify(c)) as CheckResult),
    EXCHANGES.slice(0, 8),
    { runId: '2026-05-04T08-00-00Z-aaaa', notices: [] },
  )
  run.verdict = computeVerdict(run.checks, {
    groupsTested: true,
    rate: { measured: 31.4, required: 25 },
    target: { url: BASE, embedded: false, tls: 'TLSv1.3' },
    oauthTested: true,
  })
  run.leftovers = []
  return structuredClone(run)
}
