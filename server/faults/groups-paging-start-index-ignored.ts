import { defineFault } from './define-fault.ts'
import { bodyOf, isGroupsQuery } from './match.ts'

export default defineFault({
  id: 'groups-paging-start-index-ignored',
  summary: 'GET /Groups reports startIndex 1 on every page, whatever startIndex was asked.',
  breaks: ['list-groups/pages-with-start-index-and-count'],
  rewriteResponse: (req, res) =>
    isGroupsQuery(req) && req.query.has('startIndex') && res.status === 200
      ? { ...res, body: { ...bodyOf(res), startIndex: 1 } }
      : res,
})
