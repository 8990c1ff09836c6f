import { scimError } from '../http.ts'
import { defineFault } from './define-fault.ts'

export default defineFault({
  id: 'service-provider-config-missing',
  summary: 'GET /ServiceProviderConfig answers 404.',
  breaks: ['discovery/service-provider-config-responds-200'],
  intercept: (req) => (req.path === '/ServiceProviderConfig' ? scimError(404, 'Not found') : undefined),
})
