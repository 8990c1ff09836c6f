// A server that builds a new group from displayName, externalId and members only: the description a group mapping adds
// is dropped from the POST (a PATCH still sets it), though its /Schemas declares it.
import { defineFault } from './define-fault.ts'

export default defineFault({
  id: 'group-description-dropped-at-create',
  summary: 'POST /Groups drops description: the group is created without it, and 201 answers as if it were kept.',
  profile: 'entra-extended',
  breaks: ['create-group/stores-mapped-attributes'],
  intercept: (req) => {
    if (req.method === 'POST' && req.path === '/Groups' && req.body && typeof req.body === 'object')
      delete (req.body as Record<string, unknown>).description
    return undefined
  },
})
