// Entra sends client credentials only in the Basic header (pranems/SCIMServer's Entra auth analysis); RFC 6749 §2.3.1 makes Basic a MUST.
import { formCredentials } from '../policy.ts'
import { defineFault } from './define-fault.ts'

export default defineFault({
  id: 'token-endpoint-reads-body-credentials-only',
  summary:
    'The token endpoint reads client_id and client_secret only from the form body and ignores the Authorization: Basic header.',
  mode: 'oauth',
  breaks: ['authentication/token-endpoint-accepts-basic-credentials'],
  policy: { clientCredentials: (_authorization, form) => formCredentials(form) },
})
