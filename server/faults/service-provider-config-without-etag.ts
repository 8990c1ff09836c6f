import { defineFault } from './define-fault.ts'
import { bodyOf } from './match.ts'

export default defineFault({
  id: 'service-provider-config-without-etag',
  summary: '/ServiceProviderConfig leaves out the etag attribute RFC 7643 §5 requires.',
  breaks: ['discovery/service-provider-config-is-valid'],
  rewriteResponse: (req, res) => {
    if (req.path !== '/ServiceProviderConfig') return res
    const { etag: _etag, ...rest } = bodyOf(res)
    return { ...res, body: rest }
  },
})
