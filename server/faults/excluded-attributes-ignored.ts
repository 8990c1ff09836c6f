// Entra reads groups only with excludedAttributes=members; a server that ignores it returns every member (Microsoft's provisioning-log guide).
import { defineFault } from './define-fault.ts'

export default defineFault({
  id: 'excluded-attributes-ignored',
  summary: '/Groups ignores excludedAttributes and always returns the members.',
  breaks: [
    'get-group/excludes-members',
    'get-group-by-display-name/excludes-members',
    'large-group/reads-without-members',
  ],
  intercept: (req) => {
    if (req.path.startsWith('/Groups')) req.query.delete('excludedAttributes')
    return undefined
  },
})
