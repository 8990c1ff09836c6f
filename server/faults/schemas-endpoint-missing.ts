// No schema discovery at all: fine for a non-gallery job, which never reads /Schemas, but a gallery app must serve it.
import { scimError } from '../http.ts'
import { defineFault } from './define-fault.ts'

export default defineFault({
  id: 'schemas-endpoint-missing',
  summary: 'GET /Schemas answers 404.',
  breaks: ['discovery/schemas-is-list-response'],
  intercept: (req) =>
    req.path === '/Schemas' || req.path.startsWith('/Schemas/') ? scimError(404, 'Not found') : undefined,
})
