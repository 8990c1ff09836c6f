import { defineFault } from './define-fault.ts'

export default defineFault({
  id: 'token-lifetime-24-hours',
  summary: "Access tokens live 24 hours, beyond the 6 hours Microsoft's gallery rules allow.",
  mode: 'oauth',
  breaks: ['authentication/token-lifetime-within-gallery-range'],
  policy: { tokenLifetimeSeconds: 24 * 3600 },
})
