// Entra's legacy dialect sends "Replace"/"Add"/"Remove"; Microsoft's SCIM tutorial asks servers to compare op case-insensitively.
import { defineFault } from './define-fault.ts'

export default defineFault({
  id: 'patch-op-case-sensitive',
  summary: 'PATCH accepts only lower-case op values and rejects the capitalised ones legacy Entra sends.',
  dialects: ['legacy'],
  breaks: [
    'disable-user/accepts-lower-case-string-booleans',
    'disable-user/responds-200-or-204',
    'large-group/adds-members-in-batches-of-100',
    'update-group-add-members/adding-existing-member-succeeds',
    'update-group-add-members/adds-several-members-in-one-patch',
    'update-group-add-members/adds-the-member',
    'update-group-add-members/keeps-existing-members',
    'update-group-add-members/member-query-finds-group',
    'update-group-add-members/responds-200-or-204',
    'update-group-non-member-attributes/replaces-external-id',
    'update-group-non-member-attributes/responds-200-or-204',
    'update-user-capitalised-paths/applies-capitalised-sub-attributes',
    'update-user-empty-values/responds-200-or-204',
    'update-user-manager/responds-200-or-204',
    'update-user-manager/sets-manager-from-value-object',
    'update-user-mapped-attributes/responds-200-or-204',
    'update-user-multi-valued/responds-200-or-204',
    'update-user-multiple-operations/responds-200-or-204',
    'update-user-roles/adds-stringified-roles',
    'update-user-single-valued/responds-200-or-204',
  ],
  policy: { opMatches: (sent, op) => sent === op },
})
