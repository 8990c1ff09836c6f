// Entra reads 401 as "invalid credentials"; a 403 sends admins looking for a permissions problem instead.
import { TOKEN_PATH } from '../routes/token.ts'
import { defineFault } from './define-fault.ts'

export default defineFault({
  id: 'auth-bad-token-returns-403',
  summary: 'The SCIM endpoint answers 403 Forbidden instead of 401 when the bearer token is wrong.',
  breaks: ['test-connection/wrong-token-responds-401'],
  rewriteResponse: (req, res) =>
    req.path !== TOKEN_PATH && res.status === 401 && req.headers.authorization !== undefined
      ? { ...res, status: 403 }
      : res,
})
