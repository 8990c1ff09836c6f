// Entra adds members in batches; a server with a small per-operation limit cannot build a large group.
import { scimError } from '../http.ts'
import { defineFault } from './define-fault.ts'
import { isGroupPatch, operationsOf } from './match.ts'

export default defineFault({
  id: 'member-batch-limited-to-50',
  summary: 'A group PATCH operation with more than 50 values answers 400.',
  breaks: ['large-group/adds-members-in-batches-of-100'],
  intercept: (req) =>
    isGroupPatch(req) && operationsOf(req).some((o) => Array.isArray(o.value) && o.value.length > 50)
      ? scimError(400, 'At most 50 values per operation', 'invalidValue')
      : undefined,
})
