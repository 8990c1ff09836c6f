// As when the SCIM service validates tokens against another issuer or key than the token endpoint uses.
import { scimError } from '../http.ts'
import { TOKEN_PATH, TOKEN_PREFIX } from '../routes/token.ts'
import { defineFault } from './define-fault.ts'

export default defineFault({
  id: 'scim-rejects-issued-tokens',
  summary: 'The SCIM endpoint refuses the access tokens its own token endpoint issues.',
  mode: 'oauth',
  breaks: ['authentication/issued-token-works'],
  intercept: (req) =>
    req.path !== TOKEN_PATH && (req.headers.authorization ?? '').startsWith(`Bearer ${TOKEN_PREFIX}`)
      ? scimError(401, 'Unknown token issuer', undefined, { 'WWW-Authenticate': 'Bearer error="invalid_token"' })
      : undefined,
})
