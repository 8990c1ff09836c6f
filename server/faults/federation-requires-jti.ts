// RFC 7523 makes jti optional and Entra's tokens carry none (a captured v2 token has no jti): a server that demands
// one for replay protection refuses every assertion Entra sends.
import { defineFault } from './define-fault.ts'

export default defineFault({
  id: 'federation-requires-jti',
  summary: "The token endpoint refuses client assertions without a jti claim, which Entra's assertions do not carry.",
  mode: 'federation',
  breaks: ['authentication/federated-assertion-gets-working-token'],
  policy: { requireAssertionJti: true },
})
