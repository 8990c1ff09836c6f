import { defineFault } from './define-fault.ts'

export default defineFault({
  id: 'filter-username-case-sensitive',
  summary: 'Filters compare userName case-sensitively, though RFC 7643 declares it caseExact false.',
  breaks: ['get-user-by-query/matches-username-case-insensitively'],
  policy: { stringEquals: (actual, expected) => actual === expected },
})
