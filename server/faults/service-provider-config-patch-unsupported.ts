import { defineFault } from './define-fault.ts'
import { bodyOf } from './match.ts'

export default defineFault({
  id: 'service-provider-config-patch-unsupported',
  summary: '/ServiceProviderConfig declares patch.supported false.',
  breaks: ['discovery/service-provider-config-declares-patch'],
  rewriteResponse: (req, res) =>
    req.path === '/ServiceProviderConfig' ? { ...res, body: { ...bodyOf(res), patch: { supported: false } } } : res,
})
