// A server whose userName filter compares against a column it never fills: every `userName eq` query answers 200 with
// an empty ListResponse. Entra's match query finds no user, so it tries to create users that exist. One defect: the
// checks that read a user back through the filter (a disabled user, the letter case) are blocked by the one that
// proves the filter finds anyone, not failed with fixes of their own.
import { defineFault } from './define-fault.ts'
import { bodyOf, isUsersQuery } from './match.ts'

export default defineFault({
  id: 'username-filter-never-matches',
  summary: 'GET /Users?filter=userName eq "…" answers 200 with no user, even for a userName that exists.',
  breaks: ['get-user-by-query/finds-exactly-one'],
  rewriteResponse: (req, res) =>
    isUsersQuery(req) && res.status === 200 && /\buserName\s+eq\b/i.test(req.query.get('filter') ?? '')
      ? { ...res, body: { ...bodyOf(res), totalResults: 0, itemsPerPage: 0, Resources: [] } }
      : res,
})
