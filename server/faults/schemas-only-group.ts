import { defineFault } from './define-fault.ts'
import { bodyOf } from './match.ts'

export default defineFault({
  id: 'schemas-only-group',
  summary: '/Schemas describes only the Group schema (no User, no enterprise extension).',
  breaks: [
    'discovery/schemas-describe-mapped-attributes',
    'discovery/schemas-describes-enterprise-user',
    'discovery/schemas-describes-user',
  ],
  rewriteResponse: (req, res) => {
    if (req.path !== '/Schemas') return res
    const only = (bodyOf(res).Resources as { name?: string }[]).filter((s) => s.name === 'Group')
    return { ...res, body: { ...bodyOf(res), totalResults: only.length, itemsPerPage: only.length, Resources: only } }
  },
})
