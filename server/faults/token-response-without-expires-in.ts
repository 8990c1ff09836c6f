import { TOKEN_PATH } from '../routes/token.ts'
import { defineFault } from './define-fault.ts'
import { bodyOf } from './match.ts'

export default defineFault({
  id: 'token-response-without-expires-in',
  summary: "The token answer carries no expires_in, so the token's lifetime is unknown.",
  mode: 'oauth',
  breaks: ['authentication/token-response-has-expires-in'],
  rewriteResponse: (req, res) => {
    if (req.path !== TOKEN_PATH || res.status !== 200) return res
    const { expires_in: _dropped, ...rest } = bodyOf(res)
    return { ...res, body: rest }
  },
})
