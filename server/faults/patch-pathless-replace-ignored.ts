// Servers written against path-bearing operations only answer 200 to a path-less replace and change nothing.
import { defineFault } from './define-fault.ts'

export default defineFault({
  id: 'patch-pathless-replace-ignored',
  summary: "A replace without a path (aadOptscim062020's form for several attributes) is accepted and ignored.",
  dialects: ['aadOptscim062020'],
  breaks: [
    'update-user-empty-values/clears-with-empty-string',
    'update-user-empty-values/clears-with-null',
    'update-user-mapped-attributes/updates-every-attribute',
    'update-user-multi-valued/replaces-department',
    'update-user-multi-valued/replaces-employee-number',
    'update-user-multi-valued/replaces-family-name',
    'update-user-pathless-add/applies-dotted-and-urn-keys',
    'update-user-single-valued/renames-username',
    'update-user-single-valued/updates-display-name',
    'update-user-single-valued/updates-title',
  ],
  policy: { preparePatch: (ops) => ops.filter((o) => o.path !== undefined) },
})
