// A server that keeps memberships in a table of their own and never joins them into the group it returns: the
// members are stored (the membership query finds them) but GET /Groups shows "members": []. Entra never reads the
// list, so nothing Entra does breaks; the recommended listing check warns, and Microsoft's validation, which reads the
// members of the displayName filter response, fails its Add Member test (Gallery).
import { defineFault } from './define-fault.ts'
import { isGroupById, isGroupsQuery, mapGroups } from './match.ts'

export default defineFault({
  id: 'members-not-listed',
  summary: 'Groups store their members (the membership query finds them) but GET /Groups/{id} and /Groups list none.',
  breaks: ['update-group-add-members/lists-members', 'validation-groups/filter-lists-members'],
  rewriteResponse: (req, res) =>
    isGroupById(req) || isGroupsQuery(req) ? mapGroups(res, (g) => ('members' in g ? { ...g, members: [] } : g)) : res,
})
