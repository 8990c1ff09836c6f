// Finds what earlier runs left on a server (runs killed with SIGKILL never reach their cleanup): users and
// groups whose userName, displayName or externalId starts with a run prefix. Entra-style servers often
// support only `eq`, so a refused `sw` filter falls back to paging through every resource.
import type { Exchange } from '../model/exchange.ts'
import type { ResourceType } from '../suite/flow.ts'
import type { LeftoverResource } from '../model/result.ts'
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
  /** What could not be searched: resources of the run may remain there. Empty when the search covered everything. */
  incomplete: string[]
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

/**
 * Every user and group carrying the prefix; the prefix is checked here, whatever the server's filter returned.
 * A filter that finds nothing proves nothing on its own (a server whose filters always answer an empty list): it is
 * trusted only when the same filter finds a resource the unfiltered listing shows; else every resource is paged
 * through. What could not be searched is in `incomplete`: a cleanup that says "nothing to delete" must have looked.
 */
export async function findRunResources(client: ScimClient, runPrefix: string | undefined): Promise<FindResult> {
  const matches = prefixMatcher(runPrefix)
  const searchText = runPrefix ? `${runPrefix}-` : `${RUN_PREFIX_STEM}-`
  const found = new Map<string, FoundResource>()
  const notes: string[] = []
  const incomplete: string[] = []
  for (const endpoint of ENDPOINTS) {
    const keep = (r: Record<string, unknown>) => {
      const name = endpoint.attributes.map((a) => r[a]).find(matches)
      if (typeof r.id === 'string' && typeof name === 'string')
        found.set(`${endpoint.type}/${r.id}`, { type: endpoint.type, id: r.id, name })
    }
    // The first page without a filter: resources a working filter must be able to find.
    const sample = await listPage(client, endpoint.path, [], 1)
    if (typeof sample !== 'string') sample.resources.forEach(keep)
    let fallback: string | undefined
    for (const attribute of endpoint.attributes) {
      let hits = 0
      const pages = await pageThrough(client, endpoint.path, [['filter', `${attribute} sw "${searchText}"`]], (r) => {
        hits++
        keep(r)
      })
      if (!pages.ok) {
        fallback = `the filter ${attribute} sw "${searchText}" was refused (${pages.reason})`
        break
      }
      if (!pages.complete) incomplete.push(`${endpoint.path}: the filter ${attribute} sw "${searchText}" ${pages.why}`)
      if (hits > 0) continue
      if (typeof sample === 'string') {
        fallback = `the filter ${attribute} sw "${searchText}" found nothing, and the listing that could show whether it works answered ${sample}`
        break
      }
      const proof = sample.resources.find(
        (r) => typeof r[attribute] === 'string' && typeof r.id === 'string' && !/["\\]/.test(r[attribute] as string),
      )
      if (!proof) continue
      const value = proof[attribute] as string
      const check = await listPage(client, endpoint.path, [['filter', `${attribute} sw "${value}"`]], 1)
      if (typeof check === 'string' || !check.resources.some((r) => r.id === proof.id)) {
        fallback = `the filter ${attribute} sw "…" found nothing, and does not find ${endpoint.type.toLowerCase()} ${proof.id} either (${typeof check === 'string' ? check : `${check.total} result(s)`})`
        break
      }
    }
    if (!fallback) {
      notes.push(`${endpoint.path}: searched with sw filters on ${endpoint.attributes.join(', ')}`)
      continue
    }
    notes.push(`${endpoint.path}: ${fallback}; paging through every resource instead`)
    const all = await pageThrough(client, endpoint.path, [], keep)
    if (!all.ok) incomplete.push(`${endpoint.path}: could not list resources (${all.reason})`)
    else if (!all.complete) incomplete.push(`${endpoint.path}: the listing ${all.why}`)
  }
  for (const i of incomplete) notes.push(`${i}: what is there was not searched`)
  return { found: [...found.values()], notes, incomplete }
}

type Paged = { ok: true; complete: true } | { ok: true; complete: false; why: string } | { ok: false; reason: string }

async function listPage(client: ScimClient, path: string, query: [string, string][], startIndex: number) {
  return readList(
    await client.get(path, { query: [...query, ['startIndex', String(startIndex)], ['count', String(PAGE)]] }),
  )
}

async function pageThrough(
  client: ScimClient,
  path: string,
  query: [string, string][],
  keep: (r: Record<string, unknown>) => void,
): Promise<Paged> {
  const seen = new Set<string>()
  let startIndex = 1
  let total = 0
  for (let page = 0; page < MAX_PAGES; page++) {
    const list = await listPage(client, path, query, startIndex)
    if (typeof list === 'string')
      return page === 0
        ? { ok: false, reason: list }
        : { ok: true, complete: false, why: `stopped at resource ${startIndex} of ${total} (${list})` }
    total = list.total
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
    if (list.resources.length === 0 || startIndex > list.total) return { ok: true, complete: true }
    // The same page again: the server ignores startIndex, so what lies beyond the first page cannot be reached.
    if (fresh === 0)
      return {
        ok: true,
        complete: false,
        why: `returned the same page again at startIndex ${startIndex} (${seen.size} of ${list.total} seen)`,
      }
  }
  return { ok: true, complete: false, why: `went on past ${MAX_PAGES} pages` }
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
export async function deleteFound(
  client: ScimClient,
  items: FoundResource[],
  onDeleted?: (r: FoundResource) => void,
): Promise<LeftoverResource[]> {
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
