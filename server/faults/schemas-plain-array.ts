import { defineFault } from './define-fault.ts'
import { bodyOf } from './match.ts'

export default defineFault({
  id: 'schemas-plain-array',
  summary: '/Schemas answers a bare JSON array of schemas instead of a ListResponse.',
  breaks: ['discovery/schemas-is-list-response'],
  rewriteResponse: (req, res) => (req.path === '/Schemas' ? { ...res, body: bodyOf(res).Resources } : res),
})
