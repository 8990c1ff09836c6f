import { defineFault } from './define-fault.ts'

export default defineFault({
  id: 'token-endpoint-accepts-any-secret',
  summary: 'The token endpoint issues a token to anyone who knows the client id, whatever the secret.',
  mode: 'oauth',
  breaks: [
    'authentication/token-endpoint-refuses-wrong-secret',
    'authentication/wrong-secret-responds-401-with-basic-challenge',
  ],
  policy: { clientSecretMatches: () => true },
})
