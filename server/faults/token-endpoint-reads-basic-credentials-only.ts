// The mirror of token-endpoint-reads-body-credentials-only: Entra's own request works, Microsoft's validation's does not.
import { basicCredentials } from '../policy.ts'
import { defineFault } from './define-fault.ts'

export default defineFault({
  id: 'token-endpoint-reads-basic-credentials-only',
  summary:
    "The token endpoint reads client credentials only from the Authorization: Basic header, not from the form body Microsoft's validation posts.",
  mode: 'oauth',
  breaks: ['authentication/token-endpoint-accepts-body-credentials'],
  policy: { clientCredentials: (authorization) => basicCredentials(authorization) },
})
