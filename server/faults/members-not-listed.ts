// A server that keeps memberships in a table of their own and never joins them into the group it returns: the
// members are stored (the membership query finds them) but GET /Groups shows "members": []. Entra never reads the
// list, so nothing Entra does breaks; only the recommended listing check warns.
import { defineFault } from './define-fault.ts'
import { isGroupById, isGroupsQuery, mapGroups } from './match.ts'

export default defineFault({
  id: 'members-not-listed',
  summary: 'Groups store their members (the membership query finds them) but GET /Groups/{id} and /Groups list none.',
  breaks: ['update-group-add-members/lists-members'],
  rewriteResponse: (req, res) => (isGroupById(req) || isGroupsQuery(req) ? mapGroups(res, (g) => ('members' in g ? { ...g, members: [] } : g)) : res),
})
