// A unique index on the raw userName: Maria.Lopez and maria.lopez are two users to this server, one to Entra.
import { defineFault } from './define-fault.ts'

export default defineFault({
  id: 'uniqueness-case-sensitive',
  summary:
    'userName uniqueness compares case-sensitively: the same userName in other letter case is created as a second user.',
  breaks: ['create-user/rejects-duplicate-username-in-other-case'],
  policy: {
    uniquenessClash: (user, users) =>
      users.lookup('userName', user.userName)?.find((u) => u.id !== user.id && u.userName === user.userName),
  },
})
