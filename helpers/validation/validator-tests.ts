// The tests of Microsoft's SCIM Validator (https://scimvalidator.microsoft.com/; Microsoft's "Tutorial: Validate a
// SCIM endpoint"). Test names and categories are those its 2026 results files show (pranems/SCIMServer's published
// runs and its compliance spec: 25 required with groups, 7 preview); each rests on the suite's checks.
export interface ValidatorTest {
  name: string
  category: 'required' | 'preview'
  /** Group tests run only with "Enable Group Tests"; manager tests only when the schema has a manager. */
  needs?: 'groups' | 'manager'
  checks: readonly string[]
}

export const VALIDATOR_TESTS: readonly ValidatorTest[] = [
  {
    name: 'Create a new User',
    category: 'required',
    // It fills every attribute /Schemas declares with random values: validation-bodies checks those.
    checks: [
      'create-user/returns-id',
      'create-user/echoes-attributes',
      'validation-bodies/accepts-validator-random-values',
    ],
  },
  { name: 'Create a duplicate User', category: 'required', checks: ['create-user/rejects-duplicate-username'] },
  { name: 'Filter for an existing user', category: 'required', checks: ['get-user-by-query/finds-exactly-one'] },
  {
    name: 'Filter for a non-existing user',
    category: 'required',
    checks: ['test-connection/users-filter-responds-200', 'test-connection/users-filter-returns-empty-list'],
  },
  {
    name: 'Filter for an existing user with a different case',
    category: 'required',
    checks: ['get-user-by-query/matches-username-case-insensitively'],
  },
  {
    name: 'Patch User - Replace Attributes Verbose',
    category: 'required',
    checks: [
      'update-user-multi-valued/responds-200-or-204',
      'update-user-multi-valued/replaces-work-email',
      'update-user-multi-valued/replaces-work-locality',
      'update-user-multi-valued/replaces-family-name',
    ],
  },
  { name: 'Update User userName', category: 'required', checks: ['update-user-single-valued/renames-username'] },
  {
    name: 'Patch User - Disable User',
    category: 'required',
    checks: ['disable-user/responds-200-or-204', 'disable-user/get-returns-disabled-user'],
  },
  {
    name: 'Patch User - Add Manager',
    category: 'required',
    needs: 'manager',
    checks: ['update-user-manager/sets-manager-from-value-object'],
  },
  {
    name: 'Patch User - Replace Manager',
    category: 'required',
    needs: 'manager',
    checks: ['update-user-manager/sets-manager-from-bare-id'],
  },
  {
    name: 'Patch User - Remove Manager',
    category: 'required',
    needs: 'manager',
    checks: [
      'update-user-manager/clears-manager-by-remove',
      'update-user-manager/clears-manager-by-replace-with-empty-string',
    ],
  },
  { name: 'Delete a User', category: 'required', checks: ['delete-user/get-after-delete-responds-404'] },
  {
    name: 'Get group by id excluding members',
    category: 'required',
    needs: 'groups',
    checks: ['get-group/returns-the-group', 'get-group/excludes-members'],
  },
  {
    name: 'Filter for existing group excluding members',
    category: 'required',
    needs: 'groups',
    checks: ['get-group-by-display-name/excludes-members'],
  },
  {
    name: 'Filter for an existing group',
    category: 'required',
    needs: 'groups',
    checks: ['get-group-by-display-name/finds-exactly-one'],
  },
  {
    name: 'Filter for a non-existing group',
    category: 'required',
    needs: 'groups',
    checks: ['test-connection/groups-filter-responds-200'],
  },
  {
    name: 'Filter for existing group different case',
    category: 'required',
    needs: 'groups',
    checks: ['get-group-by-display-name/matches-case-insensitively'],
  },
  {
    name: 'Create a new Group',
    category: 'required',
    needs: 'groups',
    checks: ['create-group/returns-id', 'create-group/echoes-display-name-and-external-id'],
  },
  {
    name: 'Create a duplicate Group',
    category: 'required',
    needs: 'groups',
    checks: ['create-group/rejects-duplicate-display-name'],
  },
  {
    name: 'Patch Group - Replace Attributes',
    category: 'required',
    needs: 'groups',
    checks: [
      'update-group-non-member-attributes/responds-200-or-204',
      'update-group-non-member-attributes/replaces-external-id',
    ],
  },
  {
    name: 'Update Group displayName',
    category: 'required',
    needs: 'groups',
    checks: ['update-group-non-member-attributes/renames-group'],
  },
  {
    name: 'Patch Group - Add Member',
    category: 'required',
    needs: 'groups',
    checks: ['update-group-add-members/responds-200-or-204', 'update-group-add-members/adds-the-member'],
  },
  {
    name: 'Patch Group - Remove Member',
    category: 'required',
    needs: 'groups',
    checks: ['update-group-remove-members/responds-200-or-204', 'update-group-remove-members/removes-the-member'],
  },
  {
    name: 'Delete a Group',
    category: 'required',
    needs: 'groups',
    checks: ['delete-group/get-after-delete-responds-404'],
  },
  {
    name: 'Patch User - Add Attributes Verbose Request',
    category: 'required',
    checks: ['update-user-multi-valued/adds-missing-mobile-phone'],
  },
  {
    name: 'Patch User - Multiple Ops on different attributes',
    category: 'preview',
    checks: ['update-user-multiple-operations/applies-every-operation'],
  },
  {
    name: 'Patch User - Multiple Ops on same attribute',
    category: 'preview',
    checks: ['update-user-multiple-operations/applies-operations-in-order'],
  },
  { name: 'Delete a non-existent User', category: 'preview', checks: ['delete-user/delete-again-responds-404'] },
  { name: 'Delete the same User twice', category: 'preview', checks: ['delete-user/delete-again-responds-404'] },
  { name: 'Patch Group - Multiple Ops on same attribute', category: 'preview', needs: 'groups', checks: [] },
  {
    name: 'Delete a non-existent Group',
    category: 'preview',
    needs: 'groups',
    checks: ['delete-group/second-delete-responds-404'],
  },
  {
    name: 'Delete the same Group twice',
    category: 'preview',
    needs: 'groups',
    checks: ['delete-group/second-delete-responds-404'],
  },
]
