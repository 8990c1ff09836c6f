// A server that compares `op` with lower-case names and treats anything else as nothing to do: Entra's default
// dialect sends "Add", "Replace" and "Remove", gets 200 with the resource unchanged, and logs every update as applied.
import { defineFault } from './define-fault.ts'
import { isGroupById, isUserById, operationsOf } from './match.ts'

const capitalised = (op: unknown): boolean => typeof op === 'string' && op !== op.toLowerCase()

export default defineFault({
  id: 'capital-ops-ignored',
  summary:
    'A PATCH whose op is capitalised ("Add", "Replace", "Remove") is answered 200 with the resource unchanged; lower-case ops are applied.',
  dialects: ['legacy'],
  breaks: [
    'disable-user/accepts-lower-case-string-booleans',
    'disable-user/get-returns-disabled-user',
    'large-group/keeps-all-members',
    'update-group-add-members/adding-existing-member-succeeds',
    'update-group-add-members/adds-several-members-in-one-patch',
    'update-group-add-members/adds-the-member',
    'update-group-add-members/keeps-existing-members',
    'update-group-add-members/member-query-finds-group',
    'update-group-non-member-attributes/renames-group',
    'update-group-non-member-attributes/replaces-external-id',
    'update-user-capitalised-paths/applies-capitalised-sub-attributes',
    'update-user-empty-values/clears-with-empty-string',
    'update-user-empty-values/clears-with-null',
    'update-user-manager/sets-manager-from-bare-id',
    'update-user-manager/sets-manager-from-ref-array',
    'update-user-manager/sets-manager-from-value-object',
    'update-user-mapped-attributes/updates-every-attribute',
    'update-user-multi-valued/adds-missing-mobile-phone',
    'update-user-multi-valued/replaces-department',
    'update-user-multi-valued/replaces-employee-number',
    'update-user-multi-valued/replaces-family-name',
    'update-user-multi-valued/replaces-work-email',
    'update-user-multi-valued/replaces-work-locality',
    'update-user-multiple-operations/applies-every-operation',
    'update-user-multiple-operations/applies-operations-in-order',
    'update-user-roles/adds-stringified-roles',
    'update-user-single-valued/renames-username',
    'update-user-single-valued/updates-display-name',
    'update-user-single-valued/updates-title',
    'validation-groups/filter-lists-members',
  ],
  intercept: (req) => {
    if (req.method !== 'PATCH' || !(isUserById(req) || isGroupById(req))) return undefined
    if (!operationsOf(req).some((o) => capitalised(o.op))) return undefined
    // Answered as the read it turns into: 200 with the resource as stored.
    req.method = 'GET'
    req.body = undefined
    return undefined
  },
})
