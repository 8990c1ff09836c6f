import { defineFault } from './define-fault.ts'

export default defineFault({
  id: 'filter-username-case-sensitive',
  summary:
    'Filters compare strings case-sensitively, though RFC 7643 declares userName and group displayName caseExact false.',
  breaks: [
    'get-user-by-query/matches-username-case-insensitively',
    'get-group-by-display-name/matches-case-insensitively',
  ],
  policy: { stringEquals: (actual, expected) => actual === expected },
})
