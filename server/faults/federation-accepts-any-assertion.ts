// A token endpoint that decodes the client assertion and checks nothing: no signature, algorithm, audience or expiry.
import { defineFault } from './define-fault.ts'

export default defineFault({
  id: 'federation-accepts-any-assertion',
  summary:
    'The token endpoint issues a token for any client assertion that parses as a JWT, whoever signed it (or nobody).',
  mode: 'federation',
  breaks: [
    'authentication/federation-refuses-wrong-key',
    'authentication/federation-refuses-unsigned-assertion',
    'authentication/federation-refuses-expired-assertion',
    'authentication/federation-refuses-wrong-audience',
  ],
  policy: { verifyAssertionSignature: false },
})
