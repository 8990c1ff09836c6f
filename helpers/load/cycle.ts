// Entra's initial cycle as request generators, in the service's order (Microsoft's 'How application provisioning works': "Order within a
// cycle"): users (match query, then POST), managers, groups (query, POST), memberships, an optional
// incremental cycle, then cleanup. Bodies are built one object at a time; only the created ids are kept.
import { matchingValue } from '../entra/profile.ts'
import { addMembers, setActive, setManager, userUpdate, type Change } from '../entra/patch-ops.ts'
import { entraUserBody, type Profile } from '../entra/profile.ts'
import { entraGroupBody } from '../entra/group-body.ts'
import type { Dialect } from '../model/dialect.ts'
import { buildQuery } from '../client/scim-client.ts'
import { TestData } from '../entra/test-data.ts'
import type { Job } from './engine.ts'
import type { WireResponse } from './wire.ts'

/** Each user reports to one of the first users, ten per manager: every user but the first gets a manager PATCH. */
const REPORTS_PER_MANAGER = 10

export interface CycleOptions {
  users: number
  groups: number
  membersPerPatch: number
  incremental: number
  dialect: Dialect
  profile: Profile
  matchingAttribute: string
  prefix: string
  seed: number
  /** The SCIM base URL, for the `$ref` of the legacy manager PATCH. */
  baseUrl: string
}

export type PhaseName = 'users' | 'managers' | 'groups' | 'members' | 'incremental' | 'cleanup'

export interface Phase {
  name: PhaseName
  /** Objects the phase works through, for the progress bar. */
  total: number
  jobs: () => Iterable<Job>
}

function json(res: WireResponse): Record<string, unknown> | undefined {
  try {
    const v: unknown = JSON.parse(res.body)
    return v && typeof v === 'object' ? (v as Record<string, unknown>) : undefined
  } catch {
    return undefined
  }
}

export class Cycle {
  /** SCIM id per user index; undefined until created and again once deleted. */
  readonly userIds: (string | undefined)[]
  readonly groupIds: (string | undefined)[]
  /** Answers that were successful but not what the cycle needed (a match found, a create without id). */
  readonly anomalies = new Map<string, number>()
  /** Objects finished in the current phase (progress bar). */
  progress = 0
  private readonly data: TestData

  constructor(readonly o: CycleOptions) {
    this.userIds = new Array<string | undefined>(o.users)
    this.groupIds = new Array<string | undefined>(o.groups)
    this.data = new TestData(o.prefix, o.seed)
  }

  private note(what: string): void {
    this.anomalies.set(what, (this.anomalies.get(what) ?? 0) + 1)
  }

  /** The id from a 201, or a note that the endpoint gave none (Entra would fail the object). */
  private idOf(res: WireResponse, what: string): string | undefined {
    const id = json(res)?.id
    if (typeof id === 'string' && id !== '') return id
    this.note(`${what} answered ${res.status} without an id`)
    return undefined
  }

  private zeroResults(res: WireResponse, what: string): boolean {
    const total = json(res)?.totalResults
    if (total === 0) return true
    this.note(
      typeof total === 'number'
        ? `${what} query matched an existing resource: not created`
        : `${what} query answered without totalResults: not created`,
    )
    return false
  }

  initialPhases(): Phase[] {
    const phases: Phase[] = [{ name: 'users', total: this.o.users, jobs: () => this.users() }]
    if (this.o.users > 1) phases.push({ name: 'managers', total: this.o.users - 1, jobs: () => this.managers() })
    if (this.o.groups > 0) {
      phases.push({ name: 'groups', total: this.o.groups, jobs: () => this.groups() })
      phases.push({ name: 'members', total: this.o.users, jobs: () => this.members() })
    }
    return phases
  }

  incrementalPhase(): Phase | undefined {
    if (this.o.incremental <= 0) return undefined
    const updates = Math.ceil(this.o.users * this.o.incremental)
    return { name: 'incremental', total: updates + Math.ceil(updates / 2), jobs: () => this.incrementalJobs(updates) }
  }

  cleanupPhase(): Phase {
    const total = this.userIds.filter(Boolean).length + this.groupIds.filter(Boolean).length
    return { name: 'cleanup', total, jobs: () => this.cleanup() }
  }

  private *users(): Generator<Job> {
    const attr = this.o.matchingAttribute
    for (let i = 0; i < this.o.users; i++) {
      const person = this.data.person()
      const body = entraUserBody(this.o.profile, person)
      const create: Job = {
        kind: 'create',
        method: 'POST',
        path: '/Users',
        body,
        expect: [201, 200],
        then: (res) => {
          this.userIds[i] = this.idOf(res, 'POST /Users')
          this.progress++
          return undefined
        },
      }
      yield {
        kind: 'query',
        method: 'GET',
        path: `/Users${buildQuery([['filter', `${attr} eq "${matchingValue(attr, person)}"`]])}`,
        expect: [200],
        then: (res) => (this.zeroResults(res, 'user') ? create : undefined),
      }
    }
  }

  private *managers(): Generator<Job> {
    const form = this.o.dialect === 'legacy' ? 'ref-array-on-manager-path' : 'bare-id-on-urn-path'
    for (let i = 1; i < this.o.users; i++) {
      const id = this.userIds[i]
      const managerId = this.userIds[Math.floor((i - 1) / REPORTS_PER_MANAGER)]
      if (!id || !managerId) continue
      yield {
        kind: 'manager',
        method: 'PATCH',
        path: `/Users/${encodeURIComponent(id)}`,
        body: setManager(this.o.dialect, managerId, form, 'add', this.o.baseUrl),
        expect: [200, 204],
        then: () => {
          this.progress++
          return undefined
        },
      }
    }
  }

  private *groups(): Generator<Job> {
    for (let g = 0; g < this.o.groups; g++) {
      const displayName = this.data.groupName()
      const create: Job = {
        kind: 'group-create',
        method: 'POST',
        path: '/Groups',
        body: entraGroupBody(displayName, this.data.groupExternalId()),
        expect: [201, 200],
        then: (res) => {
          this.groupIds[g] = this.idOf(res, 'POST /Groups')
          this.progress++
          return undefined
        },
      }
      yield {
        kind: 'query',
        method: 'GET',
        path: `/Groups${buildQuery([
          ['excludedAttributes', 'members'],
          ['filter', `displayName eq "${displayName}"`],
        ])}`,
        expect: [200],
        then: (res) => (this.zeroResults(res, 'group') ? create : undefined),
      }
    }
  }

  /** User i joins group i mod M. Each group's PATCHes go one after another, the groups side by side. */
  private *members(): Generator<Job> {
    const m = this.o.groups
    for (let g = 0; g < m; g++) {
      const first = this.memberPatch(g, g)
      if (first) yield first
    }
  }

  private memberPatch(g: number, from: number): Job | undefined {
    const groupId = this.groupIds[g]
    if (!groupId) return undefined
    const ids: string[] = []
    let i = from
    for (; i < this.o.users && ids.length < this.o.membersPerPatch; i += this.o.groups) {
      const id = this.userIds[i]
      if (id) ids.push(id)
    }
    if (ids.length === 0) return undefined
    return {
      kind: 'member-add',
      method: 'PATCH',
      path: `/Groups/${encodeURIComponent(groupId)}`,
      body: addMembers(this.o.dialect, ids),
      expect: [204, 200],
      then: () => {
        this.progress += ids.length
        return this.memberPatch(g, i)
      },
    }
  }

  private changesFor(n: number): Change[] {
    const mapped = new Set(this.o.profile.attributes)
    const changes: Change[] = []
    if (mapped.has('title')) changes.push({ path: 'title', value: `${this.o.prefix} title ${n}` })
    if (mapped.has('name.familyName')) changes.push({ path: 'name.familyName', value: `${this.o.prefix}-family-${n}` })
    if (changes.length === 0) changes.push({ path: 'displayName', value: `${this.o.prefix} user ${n}` })
    return changes
  }

  /** Updates S×N users spread over the tenant, then disables half as many (Entra's soft delete, §1.8). */
  private *incrementalJobs(updates: number): Generator<Job> {
    const n = this.o.users
    const done = (): undefined => {
      this.progress++
      return undefined
    }
    for (let k = 0; k < updates; k++) {
      const id = this.userIds[Math.floor((k * n) / updates)]
      if (!id) continue
      yield {
        kind: 'update',
        method: 'PATCH',
        path: `/Users/${encodeURIComponent(id)}`,
        body: userUpdate(this.o.dialect, this.changesFor(k)),
        expect: [200, 204],
        then: done,
      }
    }
    const disables = Math.ceil(updates / 2)
    for (let k = 0; k < disables; k++) {
      const id = this.userIds[n - 1 - Math.floor((k * n) / disables)]
      if (!id) continue
      yield {
        kind: 'disable',
        method: 'PATCH',
        path: `/Users/${encodeURIComponent(id)}`,
        body: setActive(this.o.dialect, false),
        expect: [200, 204],
        then: done,
      }
    }
  }

  /** Groups first (they reference users), then users; a 404 means already gone. */
  private *cleanup(): Generator<Job> {
    const gone = (list: (string | undefined)[], i: number) => (): undefined => {
      list[i] = undefined
      this.progress++
      return undefined
    }
    for (const [list, type] of [
      [this.groupIds, 'Groups'],
      [this.userIds, 'Users'],
    ] as const) {
      for (let i = 0; i < list.length; i++) {
        const id = list[i]
        if (!id) continue
        yield {
          kind: 'delete',
          method: 'DELETE',
          path: `/${type}/${encodeURIComponent(id)}`,
          expect: [204, 200, 404],
          then: gone(list, i),
        }
      }
    }
  }
}
