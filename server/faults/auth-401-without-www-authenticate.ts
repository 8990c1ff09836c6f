import { TOKEN_PATH } from '../routes/token.ts'
import { defineFault } from './define-fault.ts'

export default defineFault({
  id: 'auth-401-without-www-authenticate',
  summary: 'The SCIM endpoint refuses a bad bearer token with 401 but sends no WWW-Authenticate challenge.',
  breaks: ['authentication/invalid-token-answer-has-www-authenticate'],
  rewriteResponse: (req, res) => {
    if (req.path === TOKEN_PATH || res.status !== 401) return res
    const { 'WWW-Authenticate': _dropped, ...headers } = res.headers ?? {}
    return { ...res, headers }
  },
})
