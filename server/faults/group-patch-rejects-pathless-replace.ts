// With aadOptscim062020 (and in Microsoft's validator) non-member group changes come as a path-less replace.
import { scimError } from '../http.ts'
import { defineFault } from './define-fault.ts'
import { isGroupPatch, operationsOf } from './match.ts'

export default defineFault({
  id: 'group-patch-rejects-pathless-replace',
  summary: 'A group PATCH operation without a path answers 400 noTarget.',
  breaks: [
    'update-group-non-member-attributes/responds-200-or-204',
    'update-group-non-member-attributes/replaces-external-id',
  ],
  dialects: ['aadOptscim062020'],
  intercept: (req) =>
    isGroupPatch(req) && operationsOf(req).some((o) => o.path === undefined)
      ? scimError(400, 'Every operation needs a path', 'noTarget')
      : undefined,
})
