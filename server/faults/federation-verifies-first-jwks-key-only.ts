// A verifier that takes the first key of the trusted key set instead of the one the assertion's kid names: Entra's
// tenant publishes several keys and signs with one of them (Microsoft's federation guide: keys cached by kid), so the
// assertions signed with any other key are refused.
import { defineFault } from './define-fault.ts'

export default defineFault({
  id: 'federation-verifies-first-jwks-key-only',
  summary:
    "The token endpoint verifies client assertions with the first key of its JWKS, ignoring the assertion's kid.",
  mode: 'federation',
  breaks: ['authentication/federated-assertion-gets-working-token'],
  policy: { chooseAssertionKeyByKid: false },
})
