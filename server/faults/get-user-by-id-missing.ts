// Users can be found by query but not by id: Entra's later reads fail with InvalidAnchor.
import { scimError } from '../http.ts'
import { defineFault } from './define-fault.ts'
import { isUserById } from './match.ts'

export default defineFault({
  id: 'get-user-by-id-missing',
  summary: 'GET /Users/{id} answers 404 even for users that exist.',
  breaks: [
    'disable-user/accepts-lower-case-string-booleans',
    'disable-user/get-returns-disabled-user',
    'disable-user/re-enables-user',
    'get-user/responds-200',
    'update-user-capitalised-paths/applies-capitalised-sub-attributes',
    'update-user-empty-values/clears-with-empty-string',
    'update-user-empty-values/clears-with-null',
    'update-user-manager/clears-manager-by-replace-with-empty-string',
    'update-user-manager/create-accepts-manager-string',
    'update-user-manager/sets-manager-from-bare-id',
    'update-user-manager/sets-manager-from-ref-array',
    'update-user-manager/sets-manager-from-value-object',
    'update-user-mapped-attributes/updates-every-attribute',
    'update-user-multi-valued/replaces-work-email',
    'update-user-multiple-operations/applies-every-operation',
    'update-user-pathless-add/applies-dotted-and-urn-keys',
    'update-user-roles/adds-stringified-roles',
    'update-user-roles/create-stores-role',
    'update-user-roles/replace-sets-role-set',
    'update-user-single-valued/renames-username',
    'update-user-single-valued/updates-display-name',
  ],
  rewriteResponse: (req, res) =>
    req.method === 'GET' && isUserById(req) && res.status === 200 ? scimError(404, 'Not found') : res,
})
