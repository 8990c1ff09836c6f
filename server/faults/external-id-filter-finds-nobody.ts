// A server that filters users on userName only and answers any other filter with an empty list: Test Connection and the
// create-time queries look right (they expect nobody), and a user the app holds is never found by its externalId, so
// Entra, matching on externalId when userName finds nobody, POSTs the user again. Shown with a profile that matches on it.
import { defineFault } from './define-fault.ts'
import { bodyOf, isUsersQuery } from './match.ts'

export default defineFault({
  id: 'external-id-filter-finds-nobody',
  summary: 'A /Users filter on externalId answers 200 with an empty ListResponse, whoever holds the value.',
  profile: 'entra-extended',
  breaks: ['create-user/finds-user-by-each-matching-attribute'],
  rewriteResponse: (req, res) =>
    isUsersQuery(req) && /^\s*externalId\s+eq\b/i.test(req.query.get('filter') ?? '') && res.status === 200
      ? { ...res, body: { ...bodyOf(res), totalResults: 0, Resources: [], itemsPerPage: 0 } }
      : res,
})
