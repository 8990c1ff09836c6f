// Queries shared by /Users and /Groups: filter, paging (RFC 7644 §3.4.2.4) and attribute selection (§3.4.2.5).
import { parse } from 'scim2-parse-filter'
import { compileFilter } from '../filter.ts'
import { fail, type ServerRequest } from '../http.ts'
import type { Policy } from '../policy.ts'
import type { Collection, Resource } from '../store.ts'

const LIST_RESPONSE = 'urn:ietf:params:scim:api:messages:2.0:ListResponse'
const MAX_RESULTS = 200
const ALWAYS_RETURNED = new Set(['id', 'schemas'])

export function query(req: ServerRequest, collection: Collection, policy: Policy): unknown {
  const filterText = req.query.get('filter')
  let matches: Resource[]
  if (filterText) {
    const predicate = compileFilter(filterText, policy)
    matches = (indexedCandidates(filterText, collection) ?? collection.all()).filter(predicate)
  } else {
    matches = collection.all()
  }
  matches = matches.filter((r) => policy.listed(r))
  const { startIndex, count } = policy.page(
    Math.max(1, intParam(req, 'startIndex') ?? 1),
    Math.min(MAX_RESULTS, Math.max(0, intParam(req, 'count') ?? MAX_RESULTS)),
  )
  const page = matches.slice(startIndex - 1, startIndex - 1 + count)
  return {
    schemas: [LIST_RESPONSE],
    totalResults: matches.length,
    startIndex,
    itemsPerPage: page.length,
    Resources: page.map((r) => project(r, req)),
  }
}

/** Entra's queries are `attr eq "v"` (optionally `and …`): answer them from an index instead of a scan. */
function indexedCandidates(filterText: string, collection: Collection): Resource[] | undefined {
  try {
    let ast = parse(filterText)
    if (ast.op === 'and') ast = ast.filters[0]!
    if (ast.op !== 'eq') return undefined
    return collection.lookup(ast.attrPath, ast.compValue)
  } catch {
    return undefined
  }
}

function intParam(req: ServerRequest, name: string): number | undefined {
  const v = req.query.get(name)
  if (v === null || v === '') return undefined
  const n = Number(v)
  if (!Number.isInteger(n)) fail(400, `${name} must be an integer`, 'invalidValue')
  return n
}

/** Applies `attributes` / `excludedAttributes` to a resource (top-level and URN-qualified names). */
export function project(resource: Resource, req: ServerRequest): Record<string, unknown> {
  const pick = names(req.query.get('attributes'))
  const drop = names(req.query.get('excludedAttributes'))
  if (!pick && !drop) return resource
  const out: Record<string, unknown> = {}
  for (const [k, v] of Object.entries(resource)) {
    const key = k.toLowerCase()
    if (pick && !ALWAYS_RETURNED.has(key) && !pick.has(key)) continue
    if (drop && !ALWAYS_RETURNED.has(key) && drop.has(key)) continue
    out[k] = v
  }
  return out
}

function names(text: string | null): Set<string> | undefined {
  if (!text) return undefined
  return new Set(
    text.split(',').map((n) =>
      n
        .trim()
        .replace(/^urn:ietf:params:scim:schemas:core:2\.0:(User|Group):/i, '')
        .toLowerCase(),
    ),
  )
}
