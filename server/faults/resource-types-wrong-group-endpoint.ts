import { defineFault } from './define-fault.ts'
import { bodyOf } from './match.ts'

export default defineFault({
  id: 'resource-types-wrong-group-endpoint',
  summary: '/ResourceTypes declares the Group resource type at /Teams, where nothing answers.',
  breaks: ['discovery/resource-types-lists-user-and-group'],
  rewriteResponse: (req, res) => {
    if (req.path !== '/ResourceTypes') return res
    const types = (bodyOf(res).Resources as Record<string, unknown>[]).map((t) =>
      t.name === 'Group' ? { ...t, endpoint: '/Teams' } : t,
    )
    return { ...res, body: { ...bodyOf(res), Resources: types } }
  },
})
