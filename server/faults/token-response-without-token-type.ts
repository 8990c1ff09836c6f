import { TOKEN_PATH } from '../routes/token.ts'
import { defineFault } from './define-fault.ts'
import { bodyOf } from './match.ts'

export default defineFault({
  id: 'token-response-without-token-type',
  summary: 'The token answer omits token_type, which RFC 6749 §5.1 requires.',
  mode: 'oauth',
  breaks: ['authentication/token-response-is-bearer-token'],
  rewriteResponse: (req, res) => {
    if (req.path !== TOKEN_PATH || res.status !== 200) return res
    const { token_type: _dropped, ...rest } = bodyOf(res)
    return { ...res, body: rest }
  },
})
