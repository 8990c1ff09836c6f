// Tokens that say they live 1 s, so the suite can wait them out quickly, and that keep working afterwards.
import { defineFault } from './define-fault.ts'

export default defineFault({
  id: 'expired-token-accepted',
  summary: 'The SCIM endpoint keeps accepting access tokens after their expires_in (1 s) has passed.',
  mode: 'oauth',
  breaks: ['authentication/token-lifetime-within-gallery-range', 'authentication/refuses-expired-token'],
  policy: { tokenLifetimeSeconds: 1, honourTokenExpiry: false },
})
