// Entra reads a user (GET /Users/{id}) before it updates it. A server that caches that read and does not refresh the
// cache on PATCH answers the next read with the old values, so Entra sees its update as not applied and re-sends it.
import { defineFault } from './define-fault.ts'
import { isUserById } from './match.ts'
import type { ServerResponse } from '../http.ts'

const cache = new Map<string, ServerResponse>()

export default defineFault({
  id: 'read-cache-ignores-patch',
  summary:
    'GET /Users/{id} is served from a cache that PATCH does not refresh (DELETE does): a read after an update shows the values before it.',
  breaks: [
    'disable-user/accepts-lower-case-string-booleans',
    'disable-user/get-returns-disabled-user',
    'update-user-capitalised-paths/applies-capitalised-sub-attributes',
    'update-user-empty-values/clears-with-empty-string',
    'update-user-empty-values/clears-with-null',
    'update-user-manager/sets-manager-from-bare-id',
    'update-user-manager/sets-manager-from-ref-array',
    'update-user-manager/sets-manager-from-value-object',
    'update-user-mapped-attributes/updates-every-attribute',
    'update-user-multi-valued/adds-missing-mobile-phone',
    'update-user-multi-valued/replaces-department',
    'update-user-multi-valued/replaces-employee-number',
    'update-user-multi-valued/replaces-family-name',
    'update-user-multi-valued/replaces-work-email',
    'update-user-multi-valued/replaces-work-locality',
    'update-user-multiple-operations/applies-every-operation',
    'update-user-multiple-operations/applies-operations-in-order',
    'update-user-pathless-add/applies-dotted-and-urn-keys',
    'update-user-roles/adds-stringified-roles',
    'update-user-roles/replace-sets-role-set',
    'update-user-roles/updates-primary-role-by-value-path',
    'update-user-single-valued/renames-username',
    'update-user-single-valued/updates-display-name',
    'update-user-single-valued/updates-title',
  ],
  intercept: (req) => (req.method === 'GET' && isUserById(req) ? cache.get(req.path) : undefined),
  rewriteResponse: (req, res) => {
    if (!isUserById(req)) return res
    if (req.method === 'GET' && res.status === 200) cache.set(req.path, res)
    if (req.method === 'DELETE' || req.method === 'PUT') cache.delete(req.path)
    return res
  },
})
