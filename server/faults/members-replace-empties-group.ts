// A server that treats a members replace as "clear the list, then add" and loses the add (or a validator that refuses
// the value and clears anyway): Entra's captured replace with one member leaves the group with none.
import { defineFault } from './define-fault.ts'
import { isGroupPatch, onMembers, operationsOf, opIs } from './match.ts'

export default defineFault({
  id: 'members-replace-empties-group',
  summary: 'A PATCH replace on members empties the group instead of setting the members sent.',
  breaks: ['update-group-replace-members/keeps-the-sent-member'],
  intercept: (req) => {
    if (isGroupPatch(req))
      for (const o of operationsOf(req)) if (opIs(o, 'replace') && onMembers(o) && o.path === 'members') o.value = []
    return undefined
  },
})
