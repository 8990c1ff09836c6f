import { defineFault } from './define-fault.ts'

export default defineFault({
  id: 'responses-as-plain-json',
  summary: 'Every response says Content-Type: application/json instead of application/scim+json.',
  breaks: ['create-user/responds-scim-content-type'],
  rewriteResponse: (_req, res) =>
    res.body !== undefined && typeof res.body === 'object'
      ? { ...res, headers: { ...res.headers, 'Content-Type': 'application/json' } }
      : res,
})
