// RFC 7644 to the letter: remove on "members" without a filter removes them all, so Entra's legacy removal
// (path "members" plus a value array) empties the group (MicrosoftDocs/azure-docs#30826, MicrosoftDocs/entra-docs#949).
import { defineFault } from './define-fault.ts'
import { isGroupPatch, operationsOf, opIs } from './match.ts'

export default defineFault({
  id: 'remove-with-value-empties-group',
  summary: 'A remove on path "members" ignores its value array and removes every member.',
  // Legacy's "Remove" fails keeps-other-members (and blocks the captured form's check); under aadOptscim062020 only the
  // captured lower-case value-array removal (apache/directory-scimple PR #447) carries a value array, and fails.
  breaks: [
    'update-group-remove-members/keeps-other-members',
    'update-group-remove-members/removes-by-lower-case-value-array',
    'update-group-remove-several-members/removes-exactly-those-members',
  ],
  intercept: (req) => {
    if (isGroupPatch(req))
      for (const o of operationsOf(req))
        if (opIs(o, 'remove') && typeof o.path === 'string' && /^members$/i.test(o.path)) delete o.value
    return undefined
  },
})
