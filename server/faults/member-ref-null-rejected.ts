// Entra sends every added member as {"$ref": null, "value": id} (Microsoft's SCIM tutorial, "Update Group [Add Members]"); a strict validator refuses the null.
import { scimError } from '../http.ts'
import { defineFault } from './define-fault.ts'
import { isGroupPatch, operationsOf } from './match.ts'

const hasNullRef = (value: unknown): boolean =>
  Array.isArray(value) && value.some((m) => !!m && typeof m === 'object' && '$ref' in m && m.$ref === null)

export default defineFault({
  id: 'member-ref-null-rejected',
  summary: 'A group PATCH whose members carry "$ref": null answers 400 invalidValue.',
  breaks: [
    'update-group-add-members/responds-200-or-204',
    'update-group-add-members/adds-the-member',
    'update-group-add-members/adds-several-members-in-one-patch',
    'update-group-add-members/keeps-existing-members',
    'update-group-add-members/adding-existing-member-succeeds',
    'update-group-add-members/member-query-finds-group',
    'large-group/adds-members-in-batches-of-100',
  ],
  intercept: (req) =>
    isGroupPatch(req) && operationsOf(req).some((o) => hasNullRef(o.value))
      ? scimError(400, '$ref must be a URI', 'invalidValue')
      : undefined,
})
