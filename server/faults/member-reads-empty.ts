// A server that stores memberships (adds and removals are applied) in a table no read joins: GET /Groups/{id} and
// every /Groups answer list no members, and the membership query finds no group for anyone. Entra never reads members
// back, so nothing Entra does breaks; the suite cannot verify membership and says so once, while it still sends Entra's
// Add and Remove requests and judges their answers.
import { json } from '../http.ts'
import { defineFault } from './define-fault.ts'
import { isGroupsQuery, mapGroups } from './match.ts'

const isGroups = (path: string): boolean => /^\/Groups(\/|$)/.test(path)

export default defineFault({
  id: 'member-reads-empty',
  summary:
    'Members are stored and removals applied, but no read shows them: groups list no members and the membership query finds nothing.',
  breaks: ['read-group-membership/shows-members'],
  rewriteResponse: (req, res) => {
    if (isGroupsQuery(req) && /\bmembers\b/i.test(req.query.get('filter') ?? '') && res.status === 200) {
      return json(
        200,
        {
          schemas: ['urn:ietf:params:scim:api:messages:2.0:ListResponse'],
          totalResults: 0,
          startIndex: 1,
          itemsPerPage: 0,
          Resources: [],
        },
        res.headers ?? {},
      )
    }
    return isGroups(req.path) ? mapGroups(res, (g) => ('members' in g ? { ...g, members: [] } : g)) : res
  },
})
