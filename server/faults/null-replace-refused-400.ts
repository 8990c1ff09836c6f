// A validator that refuses null as a value: "value must not be null" on any operation that carries one.
// RFC 7643 §2.5 makes null equivalent to unassigned, but only Microsoft's validation sends it, so this is a Gallery-level defect.
import { scimError } from '../http.ts'
import { defineFault } from './define-fault.ts'
import { isUserById, operationsOf } from './match.ts'

const carriesNull = (value: unknown): boolean =>
  value === null ||
  (!!value && typeof value === 'object' && !Array.isArray(value) && Object.values(value).some((v) => v === null))

export default defineFault({
  id: 'null-replace-refused-400',
  summary: 'PATCH /Users/{id} answers 400 invalidValue to an operation whose value is (or holds) null.',
  breaks: ['update-user-empty-values/responds-200-or-204'],
  intercept: (req) =>
    req.method === 'PATCH' && isUserById(req) && operationsOf(req).some((o) => carriesNull(o.value))
      ? scimError(400, 'An attribute value must not be null.', 'invalidValue')
      : undefined,
})
