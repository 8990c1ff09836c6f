// RFC 6749 §5.2 allows 400 invalid_client only when the credentials came in the body; Entra uses the Basic header.
import { TOKEN_PATH } from '../routes/token.ts'
import { defineFault } from './define-fault.ts'

export default defineFault({
  id: 'token-endpoint-wrong-secret-400',
  summary: 'A wrong client secret in the Basic header gets 400 invalid_client without a WWW-Authenticate challenge.',
  mode: 'oauth',
  breaks: ['authentication/wrong-secret-responds-401-with-basic-challenge'],
  rewriteResponse: (req, res) => {
    if (req.path !== TOKEN_PATH || res.status !== 401) return res
    const { 'WWW-Authenticate': _dropped, ...headers } = res.headers ?? {}
    return { ...res, status: 400, headers }
  },
})
