// RFC 7644 to the letter: remove on "members" without a filter removes them all, so Entra's legacy removal
// (path "members" plus a value array) empties the group (MicrosoftDocs/azure-docs#30826, MicrosoftDocs/entra-docs#949).
import { defineFault } from './define-fault.ts'
import { isGroupPatch, operationsOf, opIs } from './match.ts'

export default defineFault({
  id: 'remove-with-value-empties-group',
  summary: 'A remove on path "members" ignores its value array and removes every member.',
  breaks: ['update-group-remove-members/keeps-other-members'],
  dialects: ['legacy'],
  intercept: (req) => {
    if (isGroupPatch(req)) for (const o of operationsOf(req)) if (opIs(o, 'remove') && typeof o.path === 'string' && /^members$/i.test(o.path)) delete o.value
    return undefined
  },
})
