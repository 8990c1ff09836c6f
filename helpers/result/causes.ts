// Failed checks grouped by cause: one defect is one cause, with one exchange that shows it, one fix and one Entra
// consequence, ranked by what it does to Entra. Every format leads with these (console, JSON, JUnit, HTML, Markdown).
import { requestLine, type Exchange } from '../model/exchange.ts'
import { SERVER_ERRORS_CHECK } from '../model/check-keys.ts'
import { validateListOf, validateScim } from '../model/scim-schema.ts'
import type { Cause, CheckResult, RunResult } from '../model/result.ts'

/** What a cause does to Entra, worst first: the order causes are listed and ranked in. */
export const IMPACTS = [
  { id: 'connection', text: 'Entra cannot connect or authenticate: nothing is provisioned' },
  { id: 'matching', text: 'matching is broken: Entra cannot find the users it manages, or creates duplicates' },
  { id: 'creation', text: 'users or groups are not created' },
  { id: 'access', text: 'access is kept after a disable, delete or member removal' },
  { id: 'updates', text: 'updates are refused or lost' },
  {
    id: 'server-errors',
    text: 'server errors: the objects hit are retried in later cycles and count toward quarantine',
  },
  { id: 'churn', text: 'values come back different and are re-sent every cycle' },
  { id: 'other', text: 'other defects Entra meets' },
  {
    id: 'security',
    text: 'the endpoint lets in requests without the right token: Entra is not affected, anyone else who reaches it is',
  },
  {
    id: 'cosmetic',
    text: 'no failure in a running job (a Gallery or RFC-only rule, a status or an error-body detail)',
  },
] as const

export type Impact = (typeof IMPACTS)[number]['id']

/** "GET /scim/v2/Users?filter=userName eq "…" → 404 Not Found": the request as a reader reads it (renderers redact). */
const shortLine = (ex: Exchange): string => requestLine(ex, { decode: true })

const tier = (impact: Impact): number => IMPACTS.findIndex((i) => i.id === impact)
const flowOf = (id: string): string => id.slice(0, id.indexOf('/'))
/** The statuses a check wanted, when its expectation was a status ("200 or 204", 201). */
function statusesIn(expected: unknown): number[] {
  if (typeof expected === 'number') return expected >= 100 && expected < 600 ? [expected] : []
  if (typeof expected !== 'string' || !/^\d{3}( or \d{3})*$/.test(expected)) return []
  return expected.split(' or ').map(Number)
}

/** A refusal of a request the check wanted accepted (not a 404 where a 404 was the point, nor a 401 to a bad token). */
function isRefusal(c: CheckResult): boolean {
  if (c.observed?.answer !== 'refused') return false
  const wanted = statusesIn(c.expected)
  return wanted.length > 0 && wanted.every((s) => s < 300)
}

/** A server error the runner re-sent alone and got again: the check that sent it failed on it (not blocked). */
const recurringServerError = (c: CheckResult): boolean =>
  c.observed?.answer === 'server-error' || c.observed?.answer === 'no-answer'

/** The server's own error text for an exchange, whole: a SCIM Error's detail (with its scimType), or a short non-JSON body. */
export function serverMessageOf(ex: Exchange | undefined): string | undefined {
  if (!ex?.response || ex.response.status < 400) return undefined
  const body = ex.response.body as { detail?: unknown; scimType?: unknown } | undefined
  const detail = typeof body?.detail === 'string' && body.detail.trim() !== '' ? body.detail.trim() : undefined
  if (detail)
    return typeof body?.scimType === 'string' && body.scimType !== '' && !detail.includes(body.scimType)
      ? `${detail} (scimType ${body.scimType})`
      : detail
  const raw = ex.response.rawText?.trim()
  return raw && raw.length <= 500 && !/^</.test(raw) ? raw : undefined
}

/** The server's error text with what varies between requests taken out (ids, numbers, letter case, quoted values), so
 * one defect has one key: "op \"Replace\" is not supported" and "op \"Add\" is not supported" are the same refusal. */
function normalDetail(c: CheckResult, exchanges: ReadonlyMap<number, Exchange>): string | undefined {
  const ex = c.observed ? exchanges.get(c.observed.exchange) : undefined
  const detail = (ex?.response?.body as { detail?: unknown } | undefined)?.detail
  if (typeof detail !== 'string' || detail.trim() === '') return undefined
  return detail
    .toLowerCase()
    .replace(/[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/g, '{id}')
    .replace(/(["'])(add|replace|remove)\1/g, '$1{op}$1')
    .replace(/\d+/g, '#')
    .slice(0, 200)
}

/** The request's shape as one defect sees it: op names without their letter case, and, when the server said why,
 * Users and Groups alike and any filter (the same parser refusing "Replace" on both, or the same "not found" to
 * every query, is one defect). */
function refusalShape(c: CheckResult, withDetail: boolean): string {
  const shape = c.observed!.request.replace(
    / with op (.*)(?= → )/,
    (_m, ops: string) => ` with op ${ops.toLowerCase()}`,
  )
  // 406 and 415 are about the headers (Accept, Content-Type), whatever was asked.
  const negotiation = c.observed!.status === 406 || c.observed!.status === 415
  return withDetail || negotiation
    ? shape
        .replace(/ with op .*(?= → )/, '')
        .replace(/\?.*?(?= → )/, '')
        .replace(/^(\w+) \/(Users|Groups)\b/, '$1 /{resource}')
    : shape
}

/** A refusal was due (the check wanted a 4xx) and the server accepted: the answer is the defect, whichever check saw it. */
function acceptedInsteadOfRefusal(c: CheckResult): boolean {
  if (c.observed?.answer !== 'accepted') return false
  const wanted = String(typeof c.expected === 'object' ? '' : (c.expected ?? ''))
  return /\b4\d\d\b/.test(wanted) && !/\b2\d\d\b/.test(wanted)
}

/** The first way the answer the check judged breaks RFC 7643/7644's message schemas, with positions and values taken
 * out ("/Resources/0/active must be boolean" → "/active must be boolean"): the same malformed answer is one defect. */
function invalidAnswer(c: CheckResult, exchanges: ReadonlyMap<number, Exchange>): string | undefined {
  if (c.observed && c.observed.answer !== 'accepted') return undefined
  // The answer judged: the observed one, else the last read the check cites.
  const ex = c.observed
    ? exchanges.get(c.observed.exchange)
    : c.exchanges
        .map((seq) => exchanges.get(seq))
        .filter((e) => e?.request.method === 'GET' && e.response?.status === 200)
        .at(-1)
  const body = ex?.response?.body
  // An answer to attributes=… leaves out what was not asked for, rightly.
  if (
    !body ||
    typeof body !== 'object' ||
    Array.isArray(body) ||
    ex!.request.method === 'DELETE' ||
    /[?&](excluded)?attributes=/i.test(ex!.request.url)
  )
    return undefined
  const schemas = (body as { schemas?: unknown }).schemas
  const has = (urn: string): boolean =>
    Array.isArray(schemas) && schemas.some((s) => String(s).toLowerCase().includes(urn))
  const path = ex!.request.url.split('?')[0]!
  const kind = /\/Groups(\/|$)/.test(path) ? 'group' : /\/Users(\/|$)/.test(path) ? 'user' : undefined
  if (!kind) return undefined
  const list = has('listresponse') || 'Resources' in body
  const errors = list ? validateListOf(kind, body) : has(':core:2.0:') ? validateScim(kind, body) : []
  const first = errors.find((e) => !/must match|additional/.test(e))
  if (!first) return undefined
  // An attribute of a resource is wrong the same way in a list and alone: one key for both.
  const item = /^\/Resources\/\d+(\S*) (.*)$/.exec(first)
  if (item) return `${kind === 'user' ? 'User' : 'Group'} ${item[1] || '/'} ${item[2]}`
  return `${list ? 'ListResponse' : kind === 'user' ? 'User' : 'Group'} ${first}`
}

// A diagnosed finding is its own key (what the server was found to do, whatever flow, dialect or attribute met it).
// A refusal is keyed by the request's shape and status and, when the server said why, by that reason: the same
// refusal met in two dialects (op "Add" and "add") is one cause, two different refusals of "Replace" are two. An
// answer that breaks the message schema is keyed by how; an acceptance where a refusal was due by the request.
function ownKeys(c: CheckResult, exchanges: ReadonlyMap<number, Exchange>): string[] {
  if (c.id === SERVER_ERRORS_CHECK) return ['server-errors']
  const finding = c.finding ? [`finding:${c.finding.key}`] : []
  if (isRefusal(c)) {
    const detail = normalDetail(c, exchanges)
    return [...finding, `refused:${refusalShape(c, !!detail)}${detail ? ` ${detail}` : ''}`]
  }
  if (finding.length) return finding
  const key = ownKey(c, exchanges)
  return key ? [key] : []
}

function ownKey(c: CheckResult, exchanges: ReadonlyMap<number, Exchange>): string | undefined {
  // A 5xx (or no answer) that came back when re-sent alone is that request's defect, keyed like a refusal: every
  // check that sent the same request (with or without a token, in either dialect) meets the same crash.
  if (recurringServerError(c)) {
    const detail = normalDetail(c, exchanges)
    return `server-error:${refusalShape(c, !!detail)}${detail ? ` ${detail}` : ''}`
  }
  const invalid = invalidAnswer(c, exchanges)
  if (invalid) return `invalid-answer:${invalid}`
  if (acceptedInsteadOfRefusal(c)) return `accepted-instead-of-refusal:${c.observed!.request}`
  return undefined
}

/** The collection a request went to ("Groups" for POST /scim/v2/Groups or GET /scim/v2/Groups?filter=…). */
const collectionOf = (ex: Exchange | undefined): string | undefined =>
  ex ? /\/(Users|Groups)(?:\/[^/?]*)?(?:\?|$)/.exec(ex.request.url)?.[1] : undefined

/** Collections the server answered 404 to a POST on: an endpoint that is not there, whatever method meets it next. */
function missingEndpoints(list: readonly CheckResult[], exchanges: ReadonlyMap<number, Exchange>): Set<string> {
  const missing = new Set<string>()
  for (const c of list) {
    const ex = c.observed ? exchanges.get(c.observed.exchange) : undefined
    const at = collectionOf(ex)
    if (
      ex?.request.method === 'POST' &&
      ex.response?.status === 404 &&
      at &&
      !/\/(Users|Groups)\/[^/?]/.test(ex.request.url)
    )
      missing.add(at)
  }
  return missing
}

/** The paging parameters of a list request (GET /Users?startIndex=6&count=5), when it sent any. */
function pageAsked(ex: Exchange): { startIndex?: number; count?: number } | undefined {
  if (ex.request.method !== 'GET' || !/\/(Users|Groups)\?/.test(ex.request.url)) return undefined
  const q = new URLSearchParams(ex.request.url.slice(ex.request.url.indexOf('?') + 1))
  const number = (name: string): number | undefined => {
    const v = [...q].find(([k]) => k.toLowerCase() === name.toLowerCase())?.[1]
    return v !== undefined && /^\d+$/.test(v) ? Number(v) : undefined
  }
  const asked = { startIndex: number('startIndex'), count: number('count') }
  return asked.startIndex !== undefined || asked.count !== undefined ? asked : undefined
}

/**
 * The paging parameters the server ignores, read off every paged list answer of the run: a page longer than its count,
 * a page that does not start where startIndex asked. One ignored parameter shows in every paging check (count,
 * start index, totals, each user once, groups): it is one defect, whichever check read it.
 */
function pagingIgnored(exchanges: ReadonlyMap<number, Exchange>): string[] {
  const ignored = new Set<string>()
  for (const ex of exchanges.values()) {
    const asked = pageAsked(ex)
    const body = ex.response?.status === 200 ? (ex.response.body as Record<string, unknown> | undefined) : undefined
    if (!asked || !body || !Array.isArray(body.Resources)) continue
    if (asked.count !== undefined && body.Resources.length > asked.count) ignored.add('count')
    if (asked.startIndex !== undefined && asked.startIndex > 1 && body.startIndex !== asked.startIndex)
      ignored.add('startIndex')
  }
  return [...ignored].sort()
}

const PAGING = {
  title: (ignored: string[]) =>
    ignored.length === 2
      ? 'Ignores count and startIndex in list requests: every page is the first page, with every result on it'
      : ignored[0] === 'count'
        ? 'Ignores count in list requests: a page holds more results than count asks for'
        : 'Ignores startIndex in list requests: every page starts at the first result',
  fix: (ignored: string[]) =>
    `Honour ${ignored.join(' and ')} on GET /Users and /Groups (RFC 7644 §3.4.2.4): return at most count resources, starting at the 1-based startIndex, and echo both in the ListResponse (startIndex, itemsPerPage); a client that pages sees every resource exactly once.`,
}

/** The resource ids a request names, in its path or its filter. */
const idsNamed = (ex: Exchange): string[] =>
  decodeURIComponent(ex.request.url).match(/[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/gi) ?? []

/**
 * Every failed check's key. A check can carry two: what was diagnosed (its finding) and the refusal it met (the
 * request's shape and the server's reason); checks sharing either are one cause, so a refusal diagnosed as "refuses
 * roles" joins the same refusal of a POST and of a PATCH. A check with no key of its own that read back after a
 * refused request another check failed on (the member missing after a refused Add, read through the membership
 * query that names the group) is a consequence of that refusal, so it joins its cause.
 */
function keysOf(list: readonly CheckResult[], exchanges: ReadonlyMap<number, Exchange>): Map<CheckResult, string> {
  const own = new Map<CheckResult, string[]>()
  const refusedOn = new Map<number, string>()
  const refusedBy = new Map<number, CheckResult>()
  const missing = missingEndpoints(list, exchanges)
  const paging = pagingIgnored(exchanges)
  for (const c of list) {
    const ex = c.observed ? exchanges.get(c.observed.exchange) : undefined
    const at = collectionOf(ex)
    const paged =
      paging.length > 0 && c.exchanges.some((seq) => exchanges.has(seq) && pageAsked(exchanges.get(seq)!) !== undefined)
    const keys =
      ex?.response?.status === 404 && at && missing.has(at) && c.id !== SERVER_ERRORS_CHECK
        ? [`missing-endpoint:${at}`]
        : paged
          ? [`paging-ignored:${paging.join(',')}`]
          : ownKeys(c, exchanges)
    if (keys.length) own.set(c, keys)
    const refusal = keys.find((k) => k.startsWith('refused:') || k.startsWith('missing-endpoint:'))
    if (refusal && c.observed) {
      refusedOn.set(c.observed.exchange, refusal)
      refusedBy.set(c.observed.exchange, c)
    }
  }
  // The refused writes, latest first, by the ids their requests name: a read of that resource after it joins.
  const refusedWrites = [...refusedOn]
    .map(([seq, key]) => ({ seq, key, ex: exchanges.get(seq) }))
    .filter((r) => r.ex && r.ex.request.method !== 'GET')
    .sort((a, b) => b.seq - a.seq)
  for (const c of list) {
    if (own.has(c)) continue
    const joined =
      c.exchanges.map((seq) => refusedOn.get(seq)).find((k) => k !== undefined) ??
      refusedWrites.find(
        (r) =>
          r.ex!.request.method === 'PATCH' &&
          // A consequence within the flow (and dialect) that met the refusal.
          flowOf(refusedBy.get(r.seq)!.id) === flowOf(c.id) &&
          refusedBy.get(r.seq)!.dialect === c.dialect &&
          c.exchanges.some((seq) => {
            const read = exchanges.get(seq)
            const ids = idsNamed(r.ex!)
            return (
              !!read &&
              seq > r.seq &&
              idsNamed(read).some((id) => ids.includes(id)) &&
              // An accepted write to the same resource in between: the read shows that write, not the refusal.
              ![...exchanges.values()].some(
                (w) =>
                  w.seq > r.seq &&
                  w.seq < seq &&
                  /^(PATCH|PUT)$/.test(w.request.method) &&
                  !!w.response &&
                  w.response.status < 300 &&
                  idsNamed(w).some((id) => ids.includes(id)),
              )
            )
          }),
      )?.key
    own.set(c, [joined ?? `check:${c.id}`])
  }
  // Checks sharing any key are one cause: its key is the diagnosed one when there is one, else the first in order.
  const parent = new Map<string, string>()
  const find = (k: string): string => {
    const p = parent.get(k) ?? k
    if (p === k) return k
    const root = find(p)
    parent.set(k, root)
    return root
  }
  // A named factor before an attribute refused in every form, before any key that is not a diagnosis.
  const rank = (k: string): string =>
    `${k.startsWith('finding:refused-attribute:') ? 1 : k.startsWith('finding:') ? 0 : 2}${k}`
  for (const keys of own.values()) {
    for (const k of keys.slice(1)) {
      const a = find(keys[0]!)
      const b = find(k)
      if (a === b) continue
      if (rank(a) <= rank(b)) parent.set(b, a)
      else parent.set(a, b)
    }
  }
  return new Map([...own].map(([c, keys]) => [c, find(keys[0]!)]))
}

function impactOf(c: CheckResult): Impact {
  if (c.id === SERVER_ERRORS_CHECK) return 'server-errors'
  const flow = flowOf(c.id)
  const code = c.entra.code
  const status = c.observed?.status
  const wanted = statusesIn(c.expected)
  // A 200 where 204 was asked, or a right status whose error body lacks scimType: Entra reads neither.
  const cosmetic =
    (status !== undefined && status < 300 && wanted.length > 0 && wanted.every((s) => s < 300)) ||
    /scimType/.test(c.message ?? '')
  if (c.severity === 'security') return 'security'
  if (c.severity !== 'entra') return 'cosmetic'
  if (flow === 'test-connection' || flow === 'authentication' || /CredentialValidation/.test(code)) return 'connection'
  if (
    c.id === 'create-user/query-finds-nothing' ||
    flow === 'get-user-by-query' ||
    flow === 'query-existing-user' ||
    /DuplicateTarget|InvalidAnchor|MultipleEntries/.test(code)
  )
    return 'matching'
  if (
    (flow === 'create-user' || flow === 'create-group') &&
    !cosmetic &&
    (isRefusal(c) || /accepts-entra-body|responds-201|returns-id/.test(c.id))
  )
    return 'creation'
  if (isRefusal(c) && c.observed!.request.startsWith('POST ')) return 'creation'
  if (cosmetic) return 'cosmetic'
  if (
    /Disable|Delete|keeps access/i.test(`${code} ${c.entra.effect}`) ||
    /remove-members|delete-group|delete-user|disable-user/.test(flow)
  )
    return 'access'
  if (isRefusal(c) || /BadRequest/.test(code)) return 'updates'
  if (/every cycle|re-send/i.test(c.entra.effect)) return 'churn'
  return 'other'
}

/** " on active with \"False\"": the attributes a refused PATCH named, and the kind of value when all are alike. */
function patchedIn(ex: Exchange | undefined): string {
  const ops = (ex?.request.body as { Operations?: unknown } | undefined)?.Operations
  if (ex?.request.method !== 'PATCH' || !Array.isArray(ops)) return ''
  const pairs = ops.flatMap((o: { path?: unknown; value?: unknown }) =>
    typeof o?.path === 'string'
      ? [[o.path, o.value] as const]
      : o?.value && typeof o.value === 'object' && !Array.isArray(o.value)
        ? Object.entries(o.value as object)
        : [],
  )
  if (pairs.length === 0) return ''
  const names = [
    ...new Set(
      pairs.map(([p]) =>
        String(p)
          .replace(/^urn:[^[]*:(User|Group):/, '')
          .replace(/\[value eq "[^"]*"\]/, '[value eq …]'),
      ),
    ),
  ]
  const shown = names.length > 3 ? `${names.slice(0, 3).join(', ')} and ${names.length - 3} more` : names.join(', ')
  const values = pairs.map(([, v]) => v)
  const kind = values.every((v) => v === null)
    ? ' with null'
    : values.every((v) => v === '')
      ? ' with ""'
      : values.every((v) => typeof v === 'string' && /^(true|false)$/i.test(v))
        ? ` with ${JSON.stringify(values[0])}`
        : ''
  return ` on ${shown}${kind}`
}

/** ", refusing its manager": for a refused POST, the attributes of its body the server's own reason names (or the
 * reason itself, when short and naming none), so the title says what the server refused and not only where. */
function postedIn(ex: Exchange | undefined): string {
  const body = ex?.request.body
  if (ex?.request.method !== 'POST' || !body || typeof body !== 'object') return ''
  const message = serverMessageOf(ex)
  if (!message) return ''
  const keys = Object.entries(body).flatMap(([k, v]) =>
    /^urn:/i.test(k) && v && typeof v === 'object' && !Array.isArray(v) ? Object.keys(v) : [k],
  )
  const said = message.toLowerCase()
  const named = keys.filter(
    (k) =>
      !/^(schemas|urn:.*)$/i.test(k) &&
      new RegExp(`\\b${k.toLowerCase().replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}\\b`).test(said),
  )
  if (named.length) return `, refusing its ${named.slice(0, 3).join(' and ')}${named.length > 3 ? ' and more' : ''}`
  return message.length <= 100 ? `: "${message}"` : ''
}

/** The first sentence of a failure message without the request line it starts with: what the check saw. */
function sawOf(message: string | undefined): string | undefined {
  if (!message) return undefined
  const text = message
    .replace(/^(GET|POST|PUT|PATCH|DELETE) \S+ → [^:]*: /, '')
    .replace(/^Diagnosis by [^(:]*(\([^)]*\))?: /, '')
  const end = text.search(/\.(\s|$)/)
  let first = (end > 0 ? text.slice(0, end) : text).trim()
  // A long sentence is cut where a clause ends (": PATCH …", "; also …"), never inside a word.
  if (first.length > 160) {
    const clause = first.slice(20).search(/: |; /)
    if (clause >= 0) first = first.slice(0, clause + 20)
  }
  return first.length >= 12 && first.length <= 200 ? first : undefined
}

// The title is the finding, what the server did, never the requirement's wording nor the server's text cut short
// (that is quoted whole in serverMessage).
function titleOf(list: readonly CheckResult[], key: string, exchanges: ReadonlyMap<number, Exchange>): string {
  const c = list[0]!
  if (key === 'server-errors') return 'The server answers some requests with a 5xx or not at all'
  const findings = list.map((x) => x.finding).filter((f): f is NonNullable<CheckResult['finding']> => !!f)
  if (findings.length) return [...findings].sort((a, b) => (b.weight ?? 0) - (a.weight ?? 0))[0]!.title
  if (key.startsWith('invalid-answer:'))
    return `Answers with a ${key
      .slice('invalid-answer:'.length)
      .replace(
        /^(\w+) \/(\S*) must have required property '([^']+)'$/,
        (_m, kind: string, at: string, prop: string) => `${kind} that lacks ${at ? `${at}/` : ''}${prop}`,
      )
      .replace(/^(\w+) \/(\S+) must be (\w+)$/, '$1 whose $2 is not of type $3')}`
  if (key.startsWith('accepted-instead-of-refusal:'))
    return `Answers ${c.observed!.status} to ${c.observed!.request.replace(/ → .*$/, '')} where ${String(c.expected)} is due`
  if (key.startsWith('server-error:') && c.observed)
    return `Answers ${c.observed.status ?? 'nothing'} to ${c.observed.request.replace(/ → .*$/, '')}${patchedIn(exchanges.get(c.observed.exchange))} every time, also when re-sent alone`
  if (key.startsWith('paging-ignored:')) return PAGING.title(key.slice('paging-ignored:'.length).split(','))
  if (key.startsWith('missing-endpoint:')) {
    const at = key.slice('missing-endpoint:'.length)
    const methods = [...new Set(list.map((x) => exchanges.get(x.observed?.exchange ?? -1)?.request.method))].filter(
      Boolean,
    )
    return `Answers 404 to ${methods.join(' and ')} on /${at}: the ${at} endpoint is not there`
  }
  const refusal = list.find((x) => isRefusal(x))
  if (key.startsWith('refused:') && refusal && !isRefusal(c))
    return titleOf([refusal, ...list.filter((x) => x !== refusal)], key, exchanges)
  if (key.startsWith('refused:')) {
    const methods = [...new Set(list.filter((x) => isRefusal(x)).map((x) => x.observed!.request.replace(/ → .*$/, '')))]
    const shown =
      methods.length === 1
        ? methods[0]!
        : `${methods[0]} and ${methods.length - 1} similar ${methods.length === 2 ? 'request' : 'requests'}`
    const ex = exchanges.get(c.observed!.exchange)
    return `Answers ${c.observed!.status} to ${shown}${patchedIn(ex) || postedIn(ex)}`
  }
  const saw = sawOf(c.message)
  return saw ? `${c.flow}: ${saw}` : `${c.flow}: does not meet “${c.title}”`
}

/** The failed checks grouped into causes, worst first, then the warned checks grouped the same way. Pure: the same
 * checks give the same causes in the same order. */
export function groupCauses(checks: readonly CheckResult[], exchanges: readonly Exchange[] = []): Cause[] {
  const bySeq = new Map(exchanges.map((ex) => [ex.seq, ex]))
  const out: Cause[] = []
  for (const level of ['failure', 'warning'] as const) {
    const groups = new Map<string, CheckResult[]>()
    const mine = checks.filter((c) => c.outcome === (level === 'failure' ? 'failed' : 'warned'))
    const keys = keysOf(mine, bySeq)
    for (const c of mine) {
      const key = keys.get(c)!
      groups.set(key, [...(groups.get(key) ?? []), c])
    }
    const causes = [...groups].map(([key, list]): Cause & { tier: number } => {
      const first = list[0]!
      const impact = list.map(impactOf).sort((a, b) => tier(a) - tier(b))[0]!
      const seq = first.observed?.exchange ?? first.exchanges.at(-1)
      const ex = seq !== undefined ? bySeq.get(seq) : undefined
      const ids = new Set(list.map((c) => c.id))
      return {
        key,
        title: titleOf(list, key, bySeq),
        level,
        rank: 0,
        impact: IMPACTS[tier(impact)]!.text,
        tier: tier(impact),
        ...(seq !== undefined ? { exchange: seq } : {}),
        ...(ex ? { request: shortLine(ex) } : first.observed ? { request: first.observed.request } : {}),
        fix: key.startsWith('paging-ignored:') ? PAGING.fix(key.slice('paging-ignored:'.length).split(',')) : first.fix,
        entra: first.entra,
        checks: list.map((c) => ({ id: c.id, ...(c.dialect ? { dialect: c.dialect } : {}) })),
        blocked: checks.filter((c) => c.outcome === 'blocked' && c.blockedBy !== undefined && ids.has(c.blockedBy))
          .length,
        ...(serverMessageOf(ex) ? { serverMessage: serverMessageOf(ex)! } : {}),
      }
    })
    causes.sort((a, b) => a.tier - b.tier || b.checks.length - a.checks.length || a.key.localeCompare(b.key))
    for (const { tier: _tier, ...cause } of causes) out.push({ ...cause, rank: out.length + 1 })
  }
  return distinctTitles(out)
}

/** No two causes carry the same headline: a warning that reads like a failure says it is a warning, and causes of
 * one finding met by different checks say which. */
function distinctTitles(causes: Cause[]): Cause[] {
  const seen = new Set<string>()
  return causes.map((c) => {
    let title = c.title
    if (seen.has(title) && c.level === 'warning')
      title = `${title} (the same defect, where only a warning rule meets it)`
    else if (seen.has(title)) title = `${title} (${c.checks[0]!.id})`
    seen.add(title)
    return title === c.title ? c : { ...c, title }
  })
}

/** The run's causes: as recorded, or grouped now for a report written before causes existed. */
export function causesOf(run: Pick<RunResult, 'causes' | 'checks' | 'exchanges'>): Cause[] {
  return run.causes ?? groupCauses(run.checks, run.exchanges)
}

/** "3 causes (12 failed checks)": the line every format leads with. */
export function causesLine(causes: readonly Cause[]): string {
  const failures = causes.filter((c) => c.level === 'failure')
  const failed = failures.reduce((n, c) => n + c.checks.length, 0)
  const warnings = causes.filter((c) => c.level === 'warning')
  const warned = warnings.reduce((n, c) => n + c.checks.length, 0)
  const head = `${failures.length} ${failures.length === 1 ? 'cause' : 'causes'} (${failed} failed ${failed === 1 ? 'check' : 'checks'})`
  return warnings.length
    ? `${head}; ${warnings.length} ${warnings.length === 1 ? 'warning cause' : 'warning causes'} (${warned} warned ${warned === 1 ? 'check' : 'checks'})`
    : head
}

/** The worst cause that fails the run: what the verdict headline names. */
export function worstCause(checks: readonly CheckResult[]): Cause | undefined {
  return groupCauses(checks).find((c) => c.level === 'failure')
}
