import { defineFault } from './define-fault.ts'
import { bodyOf } from './match.ts'

export default defineFault({
  id: 'errors-not-scim',
  summary: 'Error answers carry {"error": "..."} instead of a SCIM Error body.',
  breaks: [
    'create-user/duplicate-carries-scim-type',
    'create-user/duplicate-error-is-scim-error',
    'get-user/unknown-id-returns-scim-error',
  ],
  rewriteResponse: (_req, res) =>
    res.status >= 400 && res.status !== 401 ? { ...res, body: { error: String(bodyOf(res).detail ?? 'error') } } : res,
})
