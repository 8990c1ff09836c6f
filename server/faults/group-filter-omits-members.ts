// Members left out of filtered group lists (a common shortcut for large groups): Entra never notices, Microsoft's validation reads them there.
import { defineFault } from './define-fault.ts'
import { bodyOf, isGroupsQuery } from './match.ts'

export default defineFault({
  id: 'group-filter-omits-members',
  summary: 'GET /Groups with a filter leaves "members" out of every group it lists, even without excludedAttributes.',
  breaks: ['validation-groups/filter-lists-members'],
  rewriteResponse: (req, res) => {
    if (!isGroupsQuery(req) || !req.query.has('filter') || res.status !== 200 || !Array.isArray(bodyOf(res).Resources))
      return res
    const resources = (bodyOf(res).Resources as Record<string, unknown>[]).map(({ members: _drop, ...g }) => g)
    return { ...res, body: { ...bodyOf(res), Resources: resources } }
  },
})
