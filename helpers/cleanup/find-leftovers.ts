// Finds what earlier runs left on a server (runs killed with SIGKILL never reach their cleanup): users and
// groups whose userName, displayName or externalId starts with a run prefix. Entra-style servers often
// support only `eq`, so a refused `sw` filter falls back to paging through every resource.
import type { Exchange } from '../client/exchange.ts'
import type { ResourceType } from '../suite/flow.ts'
import type { LeftoverResource } from '../result/model.ts'
import type { ScimClient } from '../client/scim-client.ts'
import { RUN_PREFIX_STEM } from '../entra/run-prefix.ts'

const PAGE = 100
/** Stops paging a server that ignores startIndex (the same page forever) or lists without end. */
const MAX_PAGES = 10_000

export interface FoundResource {
  type: ResourceType
  id: string
  /** The prefixed value that matched, e.g. the userName. */
  name: string
}

export interface FindResult {
  found: FoundResource[]
  /** How each endpoint was searched, and anything that stopped a search (shown to the user). */
  notes: string[]
}

const ENDPOINTS: { type: ResourceType; path: string; attributes: string[] }[] = [
  { type: 'User', path: '/Users', attributes: ['userName', 'externalId', 'displayName'] },
  { type: 'Group', path: '/Groups', attributes: ['displayName', 'externalId'] },
]

/** Matches values a run created: `spf-<run id>-…` for one run, any `spf-<8 hex>-…` for all runs. */
export function prefixMatcher(runPrefix: string | undefined): (value: unknown) => boolean {
  const stem = runPrefix ? escape(runPrefix) : `${RUN_PREFIX_STEM}-[0-9a-f]{8}`
  const re = new RegExp(`^${stem}-`, 'i')
  return (value) => typeof value === 'string' && re.test(value)
}

function escape(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')
}

/** Every user and group carrying the prefix; the prefix is checked here, whatever the server's filter returned. */
export async function findRunResources(client: ScimClient, runPrefix: string | undefined): Promise<FindResult> {
  const matches = prefixMatcher(runPrefix)
  const searchText = runPrefix ? `${runPrefix}-` : `${RUN_PREFIX_STEM}-`
  const found = new Map<string, FoundResource>()
  const notes: string[] = []
  for (const endpoint of ENDPOINTS) {
    const keep = (r: Record<string, unknown>) => {
      const name = endpoint.attributes.map((a) => r[a]).find(matches)
      if (typeof r.id === 'string' && typeof name === 'string') found.set(`${endpoint.type}/${r.id}`, { type: endpoint.type, id: r.id, name })
    }
    let filtered = true
    for (const attribute of endpoint.attributes) {
      const pages = await pageThrough(client, endpoint.path, [['filter', `${attribute} sw "${searchText}"`]], keep)
      if (!pages.ok) {
        filtered = false
        notes.push(`${endpoint.path}: the filter ${attribute} sw "${searchText}" was refused (${pages.reason}); paging through every resource instead`)
        break
      }
    }
    if (filtered) {
      notes.push(`${endpoint.path}: searched with sw filters on ${endpoint.attributes.join(', ')}`)
      continue
    }
    const all = await pageThrough(client, endpoint.path, [], keep)
    if (!all.ok) notes.push(`${endpoint.path}: could not list resources (${all.reason}); nothing found there can be deleted`)
  }
  return { found: [...found.values()], notes }
}

async function pageThrough(
  client: ScimClient,
  path: string,
  query: [string, string][],
  keep: (r: Record<string, unknown>) => void,
): Promise<{ ok: true } | { ok: false; reason: string }> {
  const seen = new Set<string>()
  let startIndex = 1
  for (let page = 0; page < MAX_PAGES; page++) {
    const ex = await client.get(path, { query: [...query, ['startIndex', String(startIndex)], ['count', String(PAGE)]] })
    const list = readList(ex)
    if (typeof list === 'string') return { ok: false, reason: list }
    let fresh = 0
    for (const r of list.resources) {
      const id = typeof r.id === 'string' ? r.id : undefined
      if (id && !seen.has(id)) {
        seen.add(id)
        fresh++
      }
      keep(r)
    }
    startIndex += list.resources.length
    if (fresh === 0 || list.resources.length === 0 || startIndex > list.total) return { ok: true }
  }
  return { ok: true }
}

function readList(ex: Exchange): { total: number; resources: Record<string, unknown>[] } | string {
  if (!ex.response) return ex.error ?? 'no answer'
  if (ex.response.status !== 200) return `HTTP ${ex.response.status}`
  const body = ex.response.body as { totalResults?: unknown; Resources?: unknown } | undefined
  if (!body || typeof body.totalResults !== 'number') return 'not a ListResponse'
  const resources = Array.isArray(body.Resources) ? (body.Resources as Record<string, unknown>[]) : []
  return { total: body.totalResults, resources }
}

/** Deletes found resources (groups first: they reference users); returns what could not be deleted, with the reason. */
export async function deleteFound(client: ScimClient, items: FoundResource[], onDeleted?: (r: FoundResource) => void): Promise<LeftoverResource[]> {
  const failed: LeftoverResource[] = []
  const ordered = [...items.filter((r) => r.type === 'Group'), ...items.filter((r) => r.type === 'User')]
  for (const r of ordered) {
    const ex = await client.delete(`/${r.type === 'User' ? 'Users' : 'Groups'}/${encodeURIComponent(r.id)}`)
    const status = ex.response?.status
    if (status !== undefined && ((status >= 200 && status < 300) || status === 404)) onDeleted?.(r)
    else failed.push({ ...r, reason: ex.response ? `DELETE answered ${status}` : `DELETE failed: ${ex.error}` })
  }
  return failed
}
