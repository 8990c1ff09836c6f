// The 25 tests of Microsoft's gallery validation Logic App (AzureAD/SCIMReferenceCode,
// Microsoft.SCIM.LogicAppValidationTemplate: SCIM-Validation-Test-Overview.md, Orchestrator_Workflow.json,
// UserTests_Workflow.json, GroupTests_Workflow.json, SCIMTests_Workflow.json), in the order of Final_TestResults,
// each with the suite's checks it rests on. A test passes only when every check of every phase passes; the first
// phase with a failing check names Microsoft's failure string.
import type { CheckResult } from '../model/result.ts'

export type Workflow = 'UserTests_Workflow' | 'GroupTests_Workflow' | 'SCIMTests_Workflow'

/** When Microsoft's run skips a test (Initialization_Workflow's flags, or the auth settings left empty). */
export type SkipRule = 'no-groups' | 'manager-not-mapped' | 'active-not-mapped' | 'no-oauth'

/** The check that shows a good federated assertion getting a token the SCIM endpoint accepts (specs/authentication). */
export const FEDERATED_CHECK = 'authentication/federated-assertion-gets-working-token'

export interface Phase {
  checks: readonly string[]
  /** Microsoft's FAILED string for a failure in this phase; `failing` is the suite's failed check. */
  failed: (failing: CheckResult) => string
}

export interface LogicAppTest {
  name: string
  category: 'mandatory' | 'optional'
  workflow: Workflow
  /** Microsoft's string on success (Restore tests name the path they took). */
  success: string | ((facts: { activeMapped: boolean }) => string)
  skip?: { when: SkipRule; result: string }
  phases: readonly Phase[]
  /** The part Microsoft's test does that no offline run can show (provision on demand, the provisioning logs). */
  offline?: string
  /** Orchestrator_Workflow's Evaluate_Test_Results: a failure of this test makes overallResult "Failed". */
  counts: boolean
}

const status = (c: CheckResult): string => (c.observed?.status !== undefined ? ` - HTTP ${c.observed.status}` : '')
/** An engine test's failure: the phase is known; the rest of Microsoft's string comes from the provisioning log. */
const engine = (phase: string) => (): string => `FAILED - [${phase} Phase] Provisioning: … | SCIM: …`
const action =
  (name: string, tail = '') =>
  (c: CheckResult): string =>
    `FAILED - Action: ${name}${status(c)}${tail}`

const LOGS =
  'whether the provisioning log records the action as a success (the Logic App polls it for up to 40 minutes) is not predictable offline'
const POD =
  'the provision-on-demand call itself (Graph provisionOnDemand) and its provisioning log are not predictable offline'

export const LOGIC_APP_TESTS: readonly LogicAppTest[] = [
  {
    name: 'Create_User_Test',
    category: 'mandatory',
    workflow: 'UserTests_Workflow',
    success: 'success',
    counts: true,
    offline: LOGS,
    phases: [
      {
        checks: [
          'test-connection/users-filter-responds-200',
          'create-user/query-finds-nothing',
          'create-user/accepts-entra-body',
          'create-user/returns-id',
          'create-user/response-is-valid-user',
          'get-user-by-query/finds-exactly-one',
          'get-user-by-query/response-is-list-response',
        ],
        failed: engine('Create'),
      },
    ],
  },
  {
    name: 'Update_User_Test',
    category: 'mandatory',
    workflow: 'UserTests_Workflow',
    success: 'success',
    counts: true,
    offline: LOGS,
    phases: [
      {
        checks: [
          'update-user-single-valued/responds-200-or-204',
          'update-user-single-valued/renames-username',
          'update-user-mapped-attributes/responds-200-or-204',
          'update-user-mapped-attributes/updates-every-attribute',
          'get-user/responds-200',
          'get-user/returns-same-user',
        ],
        failed: engine('Update'),
      },
    ],
  },
  {
    name: 'Disable_User_Test',
    category: 'mandatory',
    workflow: 'UserTests_Workflow',
    success: 'success',
    counts: true,
    offline: LOGS,
    skip: { when: 'active-not-mapped', result: 'SKIPPED' },
    phases: [
      {
        checks: [
          'disable-user/responds-200-or-204',
          'disable-user/filter-returns-disabled-user',
          'disable-user/get-returns-disabled-user',
        ],
        failed: engine('Disable'),
      },
    ],
  },
  {
    name: 'Delete_User_Test',
    category: 'optional',
    workflow: 'UserTests_Workflow',
    success: 'success',
    counts: false,
    offline: LOGS,
    phases: [
      {
        checks: ['delete-user/get-after-delete-responds-404', 'delete-user/query-omits-deleted-user'],
        failed: engine('Delete'),
      },
    ],
  },
  {
    name: 'User_Update_Manager_Test',
    category: 'mandatory',
    workflow: 'UserTests_Workflow',
    success: 'success',
    counts: true,
    offline: LOGS,
    skip: { when: 'manager-not-mapped', result: 'SKIPPED - IsManagerAttributeSupported is false' },
    phases: [
      {
        checks: [
          'update-user-manager/responds-200-or-204',
          'update-user-manager/sets-manager-from-value-object',
          'update-user-manager/sets-manager-from-bare-id',
          'query-existing-user/returns-manager-as-object',
        ],
        failed: engine('Set Manager'),
      },
      { checks: ['update-user-manager/clears-manager-by-remove'], failed: engine('Remove Manager') },
    ],
  },
  {
    name: 'Restore_User_Test',
    category: 'mandatory',
    workflow: 'UserTests_Workflow',
    counts: true,
    offline: LOGS,
    // Unassigning a user whose active is mapped soft-deletes it (active false); otherwise Entra deletes it and re-creates it.
    success: ({ activeMapped }) => (activeMapped ? 'success (SoftDeleteRestore)' : 'success (HardDeleteReprovision)'),
    phases: [
      { checks: ['get-user-by-query/finds-exactly-one'], failed: engine('Create') },
      {
        checks: ['disable-user/responds-200-or-204', 'disable-user/filter-returns-disabled-user'],
        failed: engine('Deassign'),
      },
      { checks: ['disable-user/re-enables-user'], failed: engine('Reassign') },
    ],
  },
  {
    name: 'Create_Group_Test',
    category: 'mandatory',
    workflow: 'GroupTests_Workflow',
    success: 'success',
    counts: true,
    offline: LOGS,
    skip: { when: 'no-groups', result: 'SKIPPED' },
    phases: [
      {
        checks: [
          'test-connection/groups-filter-responds-200',
          'create-group/query-finds-nothing',
          'create-group/returns-id',
          'create-group/echoes-display-name-and-external-id',
          'get-group-by-display-name/finds-exactly-one',
          'validation-groups/finds-name-with-parentheses',
        ],
        failed: engine('Create'),
      },
    ],
  },
  {
    name: 'Update_Group_Test',
    category: 'mandatory',
    workflow: 'GroupTests_Workflow',
    success: 'success',
    counts: true,
    offline: LOGS,
    skip: { when: 'no-groups', result: 'SKIPPED' },
    phases: [
      {
        checks: [
          'update-group-non-member-attributes/responds-200-or-204',
          'update-group-non-member-attributes/renames-group',
        ],
        failed: engine('Update'),
      },
    ],
  },
  {
    name: 'Delete_Group_Test',
    category: 'optional',
    workflow: 'GroupTests_Workflow',
    success: 'success',
    counts: false,
    offline: LOGS,
    skip: { when: 'no-groups', result: 'SKIPPED' },
    phases: [{ checks: ['delete-group/get-after-delete-responds-404'], failed: engine('Delete') }],
  },
  {
    name: 'Group_Update_Add_Member_Test',
    category: 'mandatory',
    workflow: 'GroupTests_Workflow',
    success: 'success',
    counts: true,
    offline: LOGS,
    skip: { when: 'no-groups', result: 'SKIPPED' },
    phases: [
      {
        checks: [
          'update-group-add-members/responds-200-or-204',
          'update-group-add-members/adds-the-member',
          'validation-groups/filter-lists-members',
        ],
        failed: engine('Add Member'),
      },
    ],
  },
  {
    name: 'Group_Update_Remove_Member_Test',
    category: 'mandatory',
    workflow: 'GroupTests_Workflow',
    success: 'success',
    counts: true,
    offline: LOGS,
    skip: { when: 'no-groups', result: 'SKIPPED' },
    phases: [
      {
        checks: ['update-group-remove-members/responds-200-or-204', 'update-group-remove-members/removes-the-member'],
        failed: engine('Remove Member'),
      },
    ],
  },
  {
    name: 'Schema_Discoverability_Test',
    category: 'mandatory',
    workflow: 'SCIMTests_Workflow',
    success: 'success',
    counts: true,
    phases: [
      {
        checks: ['discovery/schemas-is-list-response'],
        failed: (c) => `FAILED - Action: SCIM_Get_Schemas${status(c) || ' - endpoint returned no schemas'}`,
      },
      {
        checks: [
          'discovery/schemas-describes-user',
          'discovery/schemas-describe-mapped-attributes',
          'schema-discoverability/declares-type-canonical-values',
          'schema-discoverability/describes-external-id',
        ],
        failed: (c) =>
          `FAILED - Action: Compose_Schema_Discoverability_Summary - Missing user attrs: ${JSON.stringify(Array.isArray(c.actual) ? c.actual : [])}`,
      },
    ],
  },
  {
    name: 'SCIM_Null_Update_Test',
    category: 'mandatory',
    workflow: 'SCIMTests_Workflow',
    success: 'success',
    counts: true,
    phases: [
      { checks: ['update-user-empty-values/responds-200-or-204'], failed: action('SCIM_Patch_Null_Update') },
      {
        checks: ['update-user-empty-values/clears-with-empty-string', 'update-user-empty-values/clears-with-null'],
        failed: () => 'FAILED - Action: Compose_SCIM_Null_Update_Summary - null update verification failed. Passed: …',
      },
    ],
  },
  {
    name: 'SCIM_User_Create_Test',
    category: 'mandatory',
    workflow: 'SCIMTests_Workflow',
    success: 'success',
    counts: true,
    // Microsoft accepts 200 or 201 and compares only id and userName, so responds-201 and echoes-attributes are not among them.
    phases: [
      {
        // It posts the Logic App's own scimUserBody, not Entra's: validation-bodies checks that body.
        checks: [
          'create-user/accepts-entra-body',
          'create-user/returns-id',
          'validation-bodies/accepts-logic-app-user-body',
        ],
        failed: (c) =>
          `FAILED - Action: SCIM_Direct_Create_User${c.observed?.status !== undefined ? ` - HTTP ${c.observed.status}.` : ''} …`,
      },
    ],
  },
  {
    name: 'SCIM_Group_Create_Test',
    category: 'mandatory',
    workflow: 'SCIMTests_Workflow',
    success: 'success',
    counts: true,
    skip: { when: 'no-groups', result: 'SKIPPED' },
    phases: [
      {
        checks: ['create-group/returns-id', 'create-group/echoes-display-name-and-external-id'],
        failed: (c) =>
          `FAILED - Action: SCIM_Direct_Create_Group${c.observed?.status !== undefined ? ` - HTTP ${c.observed.status}.` : ''} …`,
      },
    ],
  },
  {
    name: 'SCIM_User_Update_Test',
    category: 'mandatory',
    workflow: 'SCIMTests_Workflow',
    success: 'success',
    counts: true,
    phases: [
      {
        checks: [
          'update-user-mapped-attributes/responds-200-or-204',
          'update-user-mapped-attributes/updates-every-attribute',
          'get-user/responds-200',
        ],
        failed: (c) =>
          `FAILED - Action: SCIM_Update_Patch_User${c.observed?.status !== undefined ? ` - HTTP ${c.observed.status}.` : ''} …`,
      },
    ],
  },
  {
    name: 'SCIM_Group_Update_Test',
    category: 'mandatory',
    workflow: 'SCIMTests_Workflow',
    success: 'success',
    counts: true,
    skip: { when: 'no-groups', result: 'SKIPPED' },
    phases: [
      {
        checks: [
          'update-group-non-member-attributes/responds-200-or-204',
          'update-group-non-member-attributes/renames-group',
          'update-group-non-member-attributes/replaces-external-id',
        ],
        failed: (c) =>
          `FAILED - Action: SCIM_GroupUpdate_Patch_Group${c.observed?.status !== undefined ? ` - HTTP ${c.observed.status}.` : ''} …`,
      },
    ],
  },
  {
    name: 'Validate_Credentials_Test',
    category: 'mandatory',
    workflow: 'SCIMTests_Workflow',
    success: 'success',
    counts: false,
    skip: { when: 'no-oauth', result: 'SKIPPED' },
    // Microsoft posts client_id and client_secret in the form body (no Basic header); expires_in defaults to 3600 s when
    // absent, so token-response-has-expires-in is not among them.
    phases: [
      {
        checks: [
          'authentication/token-endpoint-accepts-body-credentials',
          'authentication/token-response-is-bearer-token',
        ],
        failed: () => 'FAILED - Action: Acquire_OAuth2_Token - …',
      },
      {
        checks: ['authentication/token-lifetime-within-gallery-range'],
        failed: () => 'FAILED - Action: Check_Token_Validity_Range - …',
      },
      {
        checks: ['authentication/issued-token-works'],
        failed: (c) =>
          `FAILED - Action: SCIM_Validate_Get_Users - SCIM /Users returned HTTP ${c.observed?.status ?? '…'}. Expected 2xx.`,
      },
    ],
  },
  {
    name: 'Federated_Identity_Test',
    category: 'mandatory',
    workflow: 'SCIMTests_Workflow',
    success: 'success',
    counts: false,
    // Skipped (Microsoft's rule for unconfigured federation) unless the run showed the federated exchange; see predict.ts.
    phases: [{ checks: [FEDERATED_CHECK], failed: () => 'Federated token exchange failed' }],
    offline:
      "step 1 (a token from Microsoft's own tenant for the federated app registration) is not predictable offline; the suite signs the assertion with the key it was given",
  },
  {
    name: 'SCIM_User_Pagination_Test',
    category: 'mandatory',
    workflow: 'SCIMTests_Workflow',
    success: 'success',
    counts: true,
    phases: [
      {
        checks: [
          'get-users-paged/honours-count',
          'get-users-paged/echoes-start-index',
          'get-users-paged/returns-each-user-once',
        ],
        failed: () => 'FAILED - Action: Filter_User_Pagination_Failed_Pages - Pages=… failedPages=…',
      },
    ],
  },
  {
    name: 'SCIM_Group_Pagination_Test',
    category: 'optional',
    workflow: 'SCIMTests_Workflow',
    success: 'success',
    counts: false,
    skip: { when: 'no-groups', result: 'SKIPPED' },
    phases: [
      {
        checks: ['list-groups/pages-with-start-index-and-count'],
        failed: () => 'FAILED - Action: Filter_Group_Pagination_Failed_Pages - Pages=… failedPages=…',
      },
    ],
  },
  {
    name: 'SCIM_Update_Manager_Test',
    category: 'mandatory',
    workflow: 'SCIMTests_Workflow',
    success: 'success',
    counts: true,
    skip: { when: 'manager-not-mapped', result: 'SKIPPED - manager attribute not in target directory' },
    phases: [
      {
        checks: ['update-user-manager/responds-200-or-204', 'update-user-manager/sets-manager-from-bare-id'],
        failed: () => 'FAILED - Action: SCIM_Manager_Patch_Set_Manager - …',
      },
      {
        checks: ['update-user-manager/clears-manager-by-replace-with-empty-string'],
        failed: () => 'FAILED - Action: SCIM_Manager_Get_After_Remove - …',
      },
    ],
  },
  {
    name: 'POD_User_Test',
    category: 'mandatory',
    workflow: 'UserTests_Workflow',
    success: 'success',
    counts: true,
    offline: POD,
    phases: [
      {
        checks: ['create-user/returns-id', 'get-user-by-query/finds-exactly-one'],
        failed: () => 'FAILED - Action: POD_SCIM_Get_User - user not found on SCIM endpoint',
      },
    ],
  },
  {
    name: 'POD_Group_Test',
    category: 'mandatory',
    workflow: 'GroupTests_Workflow',
    success: 'success',
    counts: true,
    offline: POD,
    skip: { when: 'no-groups', result: 'SKIPPED' },
    phases: [
      {
        checks: [
          'create-group/returns-id',
          'get-group-by-display-name/finds-exactly-one',
          'validation-groups/finds-name-with-parentheses',
        ],
        failed: () => 'FAILED - Action: POD_SCIM_Get_Group - …',
      },
    ],
  },
  {
    name: 'Restore_Group_Test',
    category: 'optional',
    workflow: 'GroupTests_Workflow',
    success: 'success (UnassignReassign)',
    counts: false,
    offline: LOGS,
    skip: { when: 'no-groups', result: 'SKIPPED' },
    phases: [
      {
        checks: ['get-group-by-display-name/finds-exactly-one'],
        failed: () => 'FAILED - [Create Phase] Action: RestoreGroupTest_SCIM_Check_Created - …',
      },
      {
        checks: ['delete-group/get-after-delete-responds-404'],
        failed: () => 'FAILED - [Unassign Phase] Action: RestoreGroupTest_SCIM_Check_Gone - …',
      },
      {
        checks: ['create-group/returns-id'],
        failed: () => 'FAILED - [Reassign Phase] Action: RestoreGroupTest_SCIM_Check_Restored - …',
      },
    ],
  },
]

/** Microsoft's fixed strings of Final_TestResults (Orchestrator_Workflow.json). */
export const KNOWN_ISSUES_URL = 'https://learn.microsoft.com/en-us/azure/active-directory/app-provisioning/known-issues'
export const RUN_LINK_MESSAGE = 'Click the runLink and search for the action Compose_Final_Results for more info.'
