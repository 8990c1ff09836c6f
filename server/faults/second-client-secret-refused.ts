// Rotation by replacement: the client has one secret at a time, so a second one is refused while the first is live.
import { defineFault } from './define-fault.ts'

export default defineFault({
  id: 'second-client-secret-refused',
  summary:
    "The token endpoint accepts only the client's first secret: a second active secret gets no token, so rotation means an outage.",
  mode: 'rotation',
  breaks: ['authentication/second-client-secret-works'],
  policy: { activeClientSecrets: (configured) => configured.slice(0, 1) },
})
