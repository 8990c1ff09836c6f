import { defineFault } from './define-fault.ts'

export default defineFault({
  id: 'auth-accepts-any-bearer-token',
  summary: 'Any bearer token is accepted; only a missing header is refused.',
  breaks: ['test-connection/rejects-wrong-token'],
  policy: { authenticate: (authorization) => /^Bearer \S+/.test(authorization ?? '') },
})
