import { defineFault } from './define-fault.ts'

export default defineFault({
  id: 'auth-accepts-missing-token',
  summary: 'A request with no Authorization header is served as if authenticated.',
  breaks: ['test-connection/rejects-missing-token'],
  policy: {
    authenticate: (authorization, token) => authorization === undefined || authorization === `Bearer ${token}`,
  },
})
