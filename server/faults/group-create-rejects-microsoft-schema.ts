// Entra lists Microsoft's own schema URI next to the core Group URI (Microsoft's SCIM tutorial, "Create Group"); a strict validator refuses it.
import { scimError } from '../http.ts'
import { defineFault } from './define-fault.ts'

const CORE_GROUP = 'urn:ietf:params:scim:schemas:core:2.0:Group'

export default defineFault({
  id: 'group-create-rejects-microsoft-schema',
  summary: 'POST /Groups refuses a body whose schemas list a URI other than the core Group schema.',
  breaks: ['create-group/responds-201'],
  intercept: (req) => {
    if (req.method !== 'POST' || req.path !== '/Groups') return undefined
    const schemas = (req.body as { schemas?: unknown } | undefined)?.schemas
    return Array.isArray(schemas) && schemas.some((s) => s !== CORE_GROUP)
      ? scimError(400, 'Unknown schema in schemas', 'invalidValue')
      : undefined
  },
})
