// Reading only Operations[0]: legacy Entra's one-operation-per-attribute PATCH loses every change but one.
import { defineFault } from './define-fault.ts'

export default defineFault({
  id: 'patch-applies-only-first-operation',
  summary: 'PATCH applies only the first of its operations and ignores the rest.',
  breaks: [
    'update-user-capitalised-paths/applies-capitalised-sub-attributes',
    'update-user-empty-values/clears-with-empty-string',
    'update-user-empty-values/clears-with-null',
    'update-user-mapped-attributes/updates-every-attribute',
    'update-user-multi-valued/adds-missing-mobile-phone',
    'update-user-multi-valued/replaces-department',
    'update-user-multi-valued/replaces-employee-number',
    'update-user-multi-valued/replaces-family-name',
    'update-user-multi-valued/replaces-work-locality',
    'update-user-multiple-operations/applies-every-operation',
    'update-user-multiple-operations/applies-operations-in-order',
    'update-user-single-valued/updates-title',
  ],
  policy: { preparePatch: (ops) => ops.slice(0, 1) },
})
