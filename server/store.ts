// In-memory users and groups, kept as the SCIM JSON the server returns. Lower-cased indexes serve
// Entra's `eq` queries without a scan, so the endpoint stays fast under a 100,000-user load.
import { randomUUID } from 'node:crypto'

export type Resource = Record<string, unknown> & { id: string }

type KeyOf = (r: Resource) => unknown

export class Collection {
  private readonly items = new Map<string, Resource>()
  private readonly indexes = new Map<string, { key: KeyOf; map: Map<string, Set<string>> }>()

  constructor(
    readonly resourceType: 'User' | 'Group',
    indexed: Record<string, KeyOf>,
  ) {
    for (const [name, key] of Object.entries(indexed)) this.indexes.set(name.toLowerCase(), { key, map: new Map() })
  }

  newId(): string {
    return randomUUID()
  }
  get(id: string): Resource | undefined {
    return this.items.get(id)
  }
  has(id: string): boolean {
    return this.items.has(id)
  }
  put(resource: Resource): void {
    this.delete(resource.id)
    this.items.set(resource.id, resource)
    for (const { key, map } of this.indexes.values()) {
      const k = normal(key(resource))
      if (k !== undefined) (map.get(k) ?? map.set(k, new Set()).get(k)!).add(resource.id)
    }
  }
  delete(id: string): boolean {
    const old = this.items.get(id)
    if (!old) return false
    for (const { key, map } of this.indexes.values()) {
      const k = normal(key(old))
      if (k !== undefined) map.get(k)?.delete(id)
    }
    return this.items.delete(id)
  }
  all(): Resource[] {
    return [...this.items.values()]
  }
  /** Resources whose indexed attribute equals the value ignoring case; undefined when the attribute has no index. */
  lookup(attribute: string, value: unknown): Resource[] | undefined {
    const index = this.indexes.get(attribute.toLowerCase())
    if (!index) return undefined
    const k = normal(value)
    const ids = k === undefined ? undefined : index.map.get(k)
    return ids ? [...ids].map((id) => this.items.get(id)!).filter(Boolean) : []
  }
  get size(): number {
    return this.items.size
  }
}

function normal(v: unknown): string | undefined {
  return typeof v === 'string' ? v.toLowerCase() : undefined
}

export class Store {
  readonly users = new Collection('User', {
    id: (r) => r.id,
    userName: (r) => r.userName,
    externalId: (r) => r.externalId,
  })
  readonly groups = new Collection('Group', {
    id: (r) => r.id,
    displayName: (r) => r.displayName,
    externalId: (r) => r.externalId,
  })
}
