import { defineFault } from './define-fault.ts'
import { bodyOf } from './match.ts'

export default defineFault({
  id: 'resource-types-plain-array',
  summary: '/ResourceTypes answers a bare JSON array instead of a ListResponse.',
  breaks: ['discovery/resource-types-is-list-response'],
  rewriteResponse: (req, res) => (req.path === '/ResourceTypes' ? { ...res, body: bodyOf(res).Resources } : res),
})
