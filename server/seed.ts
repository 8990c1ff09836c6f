// Pre-existing data for the reference endpoint: users and groups the suite did not create and must never
// change (safety tests, `serve --seed-users N`). Names carry no run prefix, as a customer's data would not.
import { Store, type Resource } from './store.ts'

const CORE_USER = 'urn:ietf:params:scim:schemas:core:2.0:User'
const ENTERPRISE = 'urn:ietf:params:scim:schemas:extension:enterprise:2.0:User'
const CORE_GROUP = 'urn:ietf:params:scim:schemas:core:2.0:Group'

/** A stable id for the n-th seeded resource, shaped like a GUID. */
function seededId(kind: 'u' | 'g', n: number): string {
  const hex = (kind === 'u' ? 0x5eed0000 : 0x96000000) + n
  return `${hex.toString(16).padStart(8, '0')}-0000-4000-8000-${n.toString(16).padStart(12, '0')}`
}

export function seededUserName(n: number): string {
  return `seed.user${n}@fabrikam.example`
}

/** Adds `users` users (every tenth one a manager of the next nine) and `groups` groups of up to 10 members each. */
export function seedStore(store: Store, counts: { users: number; groups: number }, base = ''): Store {
  const created = '2025-01-01T00:00:00.000Z'
  for (let n = 1; n <= counts.users; n++) {
    const id = seededId('u', n)
    const managerN = n % 10 === 1 ? undefined : n - ((n - 1) % 10)
    const user: Resource = {
      schemas: [CORE_USER, ENTERPRISE],
      id,
      externalId: `seed${n}`,
      userName: seededUserName(n),
      name: { givenName: `Seed${n}`, familyName: 'User' },
      displayName: `Seed User ${n}`,
      active: n % 7 !== 0,
      emails: [{ type: 'work', value: `seed${n}@fabrikam.example`, primary: true }],
      [ENTERPRISE]: {
        department: `Dept ${n % 5}`,
        ...(managerN
          ? {
              manager: {
                value: seededId('u', managerN),
                ...(base ? { $ref: `${base}/Users/${seededId('u', managerN)}` } : {}),
              },
            }
          : {}),
      },
      meta: {
        resourceType: 'User',
        created,
        lastModified: created,
        ...(base ? { location: `${base}/Users/${id}` } : {}),
      },
    }
    store.users.put(user)
  }
  for (let n = 1; n <= counts.groups; n++) {
    const id = seededId('g', n)
    const members = Array.from({ length: Math.min(10, counts.users) }, (_, i) => ((n * 10 + i) % counts.users) + 1).map(
      (m) => ({ value: seededId('u', m) }),
    )
    store.groups.put({
      schemas: [CORE_GROUP],
      id,
      externalId: `seed-group-${n}`,
      displayName: `Seed group ${n}`,
      members,
      meta: {
        resourceType: 'Group',
        created,
        lastModified: created,
        ...(base ? { location: `${base}/Groups/${id}` } : {}),
      },
    })
  }
  return store
}
