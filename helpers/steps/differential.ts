// When the server says yes and nothing changes: a PATCH answered 2xx whose change does not read back. The suite
// sends the same PATCH again to a fresh run-prefixed resource (the control), then the same PATCH with one factor
// changed at a time (the letter case of `op`, "False" or false, "" or null, {"value": id} or a bare id, a URN or dotted
// key or its nested form, a path-less value or one path per attribute, a value-filter path or a plain one, the
// operations bundled or alone), and names the first factor whose change makes the server apply it. That factor is
// the finding: the cause, its title and its fix name it, whatever flow, dialect or attribute met it. These requests
// are the suite's diagnosis, not Entra's traffic; they are sent only after a check failed, and cited next to it.
import type { Exchange } from '../model/exchange.ts'
import type { CheckResult, Finding } from '../model/result.ts'
import type { FlowContext } from '../suite/flow.ts'
import { requestLine } from '../suite/expect-scim.ts'
import { membershipFound, queryMembership, type MemberPaths } from './groups.ts'
import { ENTERPRISE_USER, extensionOf, getAttribute, PATCH_OP } from '../entra/profile.ts'

interface Op {
  op: string
  path?: string
  value?: unknown
}
type Body = { schemas: string[]; Operations: Op[] }
type Kind = 'Users' | 'Groups'

/** One attribute (or member set) an operation is meant to change. */
interface Target {
  path: string
  op: string
  value: unknown
  /** Member ids an operation on members names. */
  members?: string[]
}

const lower = (op: string): string => op.toLowerCase()
const isEnterprise = (path: string): boolean => extensionOf(path)?.toLowerCase() === ENTERPRISE_USER.toLowerCase()
const isMembers = (path: string): boolean => /^members(\[|$)/i.test(path)
const isBlank = (v: unknown): boolean =>
  v === null ||
  v === '' ||
  (!!v &&
    typeof v === 'object' &&
    !Array.isArray(v) &&
    'value' in v &&
    ((v as { value: unknown }).value === '' || (v as { value: unknown }).value === null))
const complex = (v: unknown): v is Record<string, unknown> => !!v && typeof v === 'object' && !Array.isArray(v)

/** The attributes a PATCH means to change, one per key of a path-less value (nested objects spread into sub-paths). */
function targetsOf(body: Body): Target[] {
  return body.Operations.flatMap((o): Target[] => {
    const op = lower(String(o.op))
    if (o.path !== undefined) {
      const filtered = /^members\[value eq "([^"]*)"\]$/i.exec(o.path)
      if (filtered) return [{ path: 'members', op, value: o.value, members: [filtered[1]!] }]
      if (isMembers(o.path)) return [{ path: 'members', op, value: o.value, members: memberIds(o.value) }]
      return [{ path: o.path, op, value: o.value }]
    }
    if (!complex(o.value)) return []
    return Object.entries(o.value).flatMap(([key, value]): Target[] => {
      if (/^schemas$/i.test(key)) return []
      if (/^members$/i.test(key)) return [{ path: 'members', op, value, members: memberIds(value) }]
      if (
        complex(value) &&
        (key.toLowerCase() === ENTERPRISE_USER.toLowerCase() ||
          (!key.includes(':') && !key.includes('.') && !/^manager$/i.test(key)))
      ) {
        return Object.entries(value).map(([sub, v]) => ({
          path: key.includes(':') ? `${key}:${sub}` : `${key}.${sub}`,
          op,
          value: v,
        }))
      }
      return [{ path: key, op, value }]
    })
  })
}

function memberIds(value: unknown): string[] {
  const list = Array.isArray(value) ? value : value === undefined ? [] : [value]
  return list
    .map((m) => (typeof m === 'string' ? m : (m as { value?: unknown } | null)?.value))
    .filter((v): v is string => typeof v === 'string')
}

/** A value as the comparison sees it: "True"/"False" as booleans, a manager in any shape as its id, "" and null as absent. */
function norm(v: unknown): unknown {
  if (isBlank(v)) return undefined
  if (typeof v === 'string' && /^(true|false)$/i.test(v)) return v.toLowerCase() === 'true'
  if (Array.isArray(v) && v.length === 1 && complex(v[0]) && 'value' in v[0]) return norm(v[0].value)
  if (
    complex(v) &&
    Object.keys(v).some((k) => k === 'value') &&
    Object.keys(v).every((k) => ['value', '$ref', 'displayName'].includes(k))
  )
    return norm(v.value)
  if (Array.isArray(v) && v.length === 0) return undefined
  return typeof v === 'string' ? v.toLowerCase() : JSON.stringify(v)
}

type Effect = 'applied' | 'missed' | 'moot' | 'collateral'

const ENTERPRISE_ATTRIBUTES = /^(manager|department|employeeNumber|costCenter|organization|division)$/i
/** Entra's "manager" path names the enterprise extension's manager: read it where the server keeps it. */
function resolved(path: string, ...reads: Record<string, unknown>[]): string {
  if (!ENTERPRISE_ATTRIBUTES.test(path) || reads.some((r) => getAttribute(r, path) !== undefined)) return path
  return `${ENTERPRISE_USER}:${path}`
}

/** What a target did between two reads: applied, missed (nothing changed though it should have), or moot (nothing to do, or no way to tell). */
function effectOf(
  t: Target,
  before: Record<string, unknown>,
  after: Record<string, unknown>,
  members: { before: Set<string> | undefined; after: Set<string> | undefined },
  named: readonly string[] = t.members ?? [],
): Effect {
  if (t.members) {
    if (!members.before || !members.after || t.members.length === 0) return 'moot'
    // Members the PATCH does not name must stay: a removal or an add that drops them is applied wrongly. (A member
    // another operation of the same PATCH removes is that operation's to judge.)
    const others = [...members.before].filter((id) => !t.members!.includes(id) && !named.includes(id))
    if (t.op !== 'replace' && others.some((id) => !members.after!.has(id))) return 'collateral'
    if (t.op === 'remove') {
      const present = t.members.filter((id) => members.before!.has(id))
      if (present.length === 0) return 'moot'
      return present.some((id) => members.after!.has(id)) ? 'missed' : 'applied'
    }
    const absent = t.members.filter((id) => !members.before!.has(id))
    if (absent.length === 0) return 'moot'
    return absent.every((id) => members.after!.has(id)) ? 'applied' : 'missed'
  }
  const path = resolved(t.path, before, after)
  const was = norm(getAttribute(before, path))
  const now = norm(getAttribute(after, path))
  const wanted = t.op === 'remove' ? undefined : norm(t.value)
  if (JSON.stringify(was) === JSON.stringify(wanted)) return 'moot'
  return JSON.stringify(was) === JSON.stringify(now) ? 'missed' : 'applied'
}

/** A factor of the request that can decide whether the server applies it, with the variant that changes it alone. */
interface Factor {
  id: string
  /** The body with this one factor changed, or undefined when the body does not have it. */
  vary(body: Body): Body | undefined
  /** What the server did, as a finding: applies the variant, ignores Entra's form. `extensionOnly`: every attribute
   * left unchanged is an enterprise-extension one. `pathless`: the op of the operations sent without a path ("replace",
   * "add"), as the exchange shows it. */
  finding(ctx: { missed: string[]; extensionOnly: boolean; pathless: string }): string
  fix: string
}

const mapOps = (body: Body, f: (o: Op) => Op | Op[]): Body => ({ ...body, Operations: body.Operations.flatMap(f) })
const changed = (a: Body, b: Body): Body | undefined => (JSON.stringify(a) === JSON.stringify(b) ? undefined : b)
const list = (paths: string[]): string => {
  const shown = [...new Set(paths.map((p) => (isEnterprise(p) ? p.slice(ENTERPRISE_USER.length + 1) : p)))]
  return shown.length > 3 ? `${shown.slice(0, 3).join(', ')} and ${shown.length - 3} more` : shown.join(', ')
}
const pathlessValue = (o: Op): Record<string, unknown> | undefined =>
  o.path === undefined && complex(o.value) ? o.value : undefined

/** The same path-less operations with every key that `split` recognises written as a nested object instead. */
function nestPathlessKeys(b: Body, split: (key: string) => [string, string] | undefined): Body {
  return mapOps(b, (o) => {
    const v = pathlessValue(o)
    if (!v) return o
    const out: Record<string, unknown> = {}
    for (const [k, x] of Object.entries(v)) {
      const parts = split(k)
      if (!parts) {
        out[k] = x
        continue
      }
      const [top, sub] = parts
      const nested = out[top]
      out[top] = { ...(complex(nested) ? nested : {}), [sub]: x }
    }
    return { ...o, value: out }
  })
}

const FACTORS: readonly Factor[] = [
  {
    id: 'op-case',
    vary: (b) =>
      changed(
        b,
        mapOps(b, (o) => ({ ...o, op: lower(String(o.op)) })),
      ),
    finding: () =>
      "Applies `add`, `replace` and `remove` but ignores `Add`, `Replace` and `Remove`: it answers 2xx to Entra's capitalised ops and changes nothing",
    fix: 'Compare `op` without case: Entra\'s default dialect sends "Add", "Replace" and "Remove" (Microsoft\'s SCIM tutorial, "General"; RFC 7644 §3.5.2 names the same operations).',
  },
  {
    id: 'boolean-string',
    vary: (b) =>
      changed(
        b,
        mapOps(b, (o) => ({
          ...o,
          ...(typeof o.value === 'string' && /^(true|false)$/i.test(o.value)
            ? { value: o.value.toLowerCase() === 'true' }
            : {}),
        })),
      ),
    finding: ({ missed }) =>
      `Applies ${list(missed)} sent as a JSON boolean but ignores the string "True"/"False" Entra's default dialect sends (answered 2xx, value unchanged)`,
    fix: 'Read the strings "True" and "False" (any case) as the booleans they stand for: Entra\'s default dialect sends booleans that way (Microsoft\'s SCIM compliance article, aadOptscim062020).',
  },
  {
    id: 'empty-string',
    vary: (b) =>
      changed(
        b,
        mapOps(b, (o) => {
          if (o.path !== undefined)
            return o.value === '' || (complex(o.value) && o.value.value === '') ? { ...o, value: null } : o
          const v = pathlessValue(o)
          return v
            ? { ...o, value: Object.fromEntries(Object.entries(v).map(([k, x]) => [k, x === '' ? null : x])) }
            : o
        }),
      ),
    finding: ({ extensionOnly }) =>
      `Keeps the value when a replace sends "" ${extensionOnly ? 'for an enterprise-extension attribute' : ''} (answered 2xx); the same replace with null clears it`.replace(
        / {2,}/g,
        ' ',
      ),
    fix: 'Treat a replace with "" like one with null: clear the attribute (extension attributes too). Microsoft\'s validation and Entra send "" to clear a value (Microsoft\'s SCIM validation, SCIM_Null_Update_Test).',
  },
  {
    id: 'value-object',
    vary: (b) =>
      changed(
        b,
        mapOps(b, (o) =>
          o.path && /(^|:)manager$/i.test(o.path) && complex(o.value) && typeof o.value.value === 'string'
            ? { ...o, value: o.value.value }
            : o,
        ),
      ),
    finding: () => 'Applies a manager sent as a bare id but ignores {"value": id} (answered 2xx, manager unchanged)',
    fix: 'Accept the manager as {"value": "<id>"} as well as a bare id: Entra has been captured sending both on the enterprise manager path.',
  },
  {
    id: 'bare-id',
    vary: (b) =>
      changed(
        b,
        mapOps(b, (o) =>
          o.path && /(^|:)manager$/i.test(o.path) && typeof o.value === 'string' && o.value !== ''
            ? { ...o, value: { value: o.value } }
            : o,
        ),
      ),
    finding: () => 'Applies a manager sent as {"value": id} but ignores a bare id (answered 2xx, manager unchanged)',
    fix: 'Accept the manager as a bare id string as well as {"value": "<id>"}: Entra has been captured sending both on the enterprise manager path.',
  },
  {
    id: 'urn-key',
    vary: (b) =>
      changed(
        b,
        nestPathlessKeys(b, (k) => {
          const urn = extensionOf(k)
          return urn ? [urn, k.slice(urn.length + 1)] : undefined
        }),
      ),
    finding: ({ missed, pathless }) =>
      `Drops URN-qualified keys (${list(missed)} as "urn:…:User:<attribute>") of a path-less ${pathless} and answers 2xx; the same values nested under the extension's URN are applied`,
    fix: 'Read a key "urn:ietf:params:scim:schemas:extension:enterprise:2.0:User:department" of a path-less replace as the extension attribute it names, as the nested form is: aadOptscim062020 sends every extension attribute that way (Microsoft\'s SCIM compliance article).',
  },
  {
    id: 'dotted-key',
    vary: (b) =>
      changed(
        b,
        nestPathlessKeys(b, (k) => {
          const dot = k.indexOf('.')
          return dot > 0 && !k.includes(':') ? [k.slice(0, dot), k.slice(dot + 1)] : undefined
        }),
      ),
    finding: ({ missed, pathless }) =>
      `Drops dotted keys (${list(missed)}) of a path-less ${pathless} and answers 2xx; the same values as nested objects are applied`,
    fix: 'Read a dotted key such as "name.familyName" of a path-less replace as the sub-attribute it names: aadOptscim062020 sends sub-attributes that way (Microsoft\'s SCIM compliance article).',
  },
  {
    id: 'path-less',
    vary: (b) =>
      changed(
        b,
        mapOps(b, (o) => {
          const v = pathlessValue(o)
          return v ? Object.entries(v).map(([path, value]) => ({ op: o.op, path, value })) : o
        }),
      ),
    finding: ({ missed, extensionOnly, pathless }) =>
      extensionOnly
        ? `Drops the enterprise-extension keys (${list(missed)}) of ${pathless === 'add' ? 'an' : 'a'} ${pathless} without a path (answered 2xx); the same values sent with a path each are applied`
        : `Ignores ${list(missed)} in ${pathless === 'add' ? 'an' : 'a'} ${pathless} without a path (answered 2xx); the same values sent with a path each are applied`,
    fix: "Apply a replace without a path: every key of its value is an attribute to set, core and extension alike (RFC 7644 §3.5.2.3); aadOptscim062020 folds a user's changes into one such operation.",
  },
  {
    id: 'value-filter',
    vary: (b) =>
      changed(
        b,
        mapOps(b, (o) => {
          const m = o.path ? /^(\w+)\[type eq "([^"]+)"\]\.(\w+)$/i.exec(o.path) : null
          return m ? { ...o, op: 'add', path: m[1]!, value: [{ type: m[2], [m[3]!]: o.value }] } : o
        }),
      ),
    finding: ({ missed }) =>
      `Ignores ${list(missed)} on a value-filter path such as emails[type eq "work"].value (answered 2xx); the same element sent on the plain attribute path is applied`,
    fix: 'Apply an operation on a value-filter path (emails[type eq "work"].value) to the element the filter selects, creating it when absent (RFC 7644 §3.5.2.1, §3.5.2.3): Entra sends multi-valued attributes that way.',
  },
  {
    id: 'member-value-array',
    vary: (b) =>
      changed(
        b,
        mapOps(b, (o) =>
          o.path && /^members$/i.test(o.path) && lower(o.op) === 'remove' && o.value !== undefined
            ? memberIds(o.value).map((id) => ({ op: o.op, path: `members[value eq "${id}"]` }))
            : o,
        ),
      ),
    finding: () =>
      'Keeps a member removed with {"path": "members", "value": [{"value": id}]} (answered 2xx); the same removal as members[value eq "id"] removes it',
    fix: 'Remove the members named in the value array of a remove on "members" (RFC 7644 §3.5.2.2): Entra\'s default dialect removes members that way, and the member otherwise keeps the group\'s access.',
  },
  {
    id: 'attribute-case',
    vary: (b) =>
      changed(
        b,
        mapOps(b, (o) =>
          o.path
            ? {
                ...o,
                path: o.path.replace(/\.([A-Z])(\w*)$/, (_m, c: string, rest: string) => `.${c.toLowerCase()}${rest}`),
              }
            : o,
        ),
      ),
    finding: ({ missed }) =>
      `Ignores ${list(missed)} when a sub-attribute name is capitalised (answered 2xx); the same path in the schema's case is applied`,
    fix: 'Compare attribute and sub-attribute names in paths without case (RFC 7643 §2.1: attribute names are case-insensitive), e.g. name.FamilyName is name.familyName.',
  },
]

/** What the server refuses and what it accepts instead, per factor: the title of a refusal the factor decides. */
const REFUSED: Record<string, (missed: string[]) => string> = {
  'op-case': () =>
    "Refuses Entra's capitalised `Add`, `Replace` and `Remove` but accepts `add`, `replace` and `remove`: it compares `op` with case",
  'boolean-string': (m) =>
    `Refuses the string "True"/"False" Entra's default dialect sends for ${list(m)} but accepts a JSON boolean`,
  'empty-string': (m) => `Refuses "" to clear ${list(m)} but accepts null`,
  'value-object': () => 'Refuses a manager sent as {"value": id} but accepts a bare id',
  'bare-id': () => 'Refuses a manager sent as a string (a bare id, or "" to clear it) but accepts {"value": …}',
  'urn-key': (m) =>
    `Refuses URN-qualified keys (${list(m)}) of a path-less operation but accepts them nested under the extension's URN`,
  'dotted-key': (m) => `Refuses dotted keys (${list(m)}) of a path-less operation but accepts them as nested objects`,
  'path-less': (m) => `Refuses ${list(m)} in an operation without a path but accepts one path per attribute`,
  'value-filter': (m) =>
    `Refuses ${list(m)} on a value-filter path such as emails[type eq "work"].value but accepts the element on the plain attribute path`,
  'attribute-case': (m) =>
    `Refuses capitalised sub-attribute names (${list(m)}) but accepts them in the schema's case: it compares attribute names with case`,
  'member-value-array': () =>
    'Refuses a member removal with {"path": "members", "value": [{"value": id}]} but accepts members[value eq "id"]',
}

/** For a refusal, a manager given as any string is the form to vary, "" included (the accepted diagnosis leaves ""
 * to the empty-string factor). */
const asValueObject = (b: Body): Body | undefined =>
  changed(
    b,
    mapOps(b, (o) =>
      o.path && /(^|:)manager$/i.test(o.path) && typeof o.value === 'string' ? { ...o, value: { value: o.value } } : o,
    ),
  )

/** The top-level attribute a target path names: "roles" for roles[primary eq "True"].value, "manager" for the URN's. */
const attributeOf = (path: string): string =>
  (extensionOf(path) ? path.slice(extensionOf(path)!.length + 1) : path).replace(/[[.].*$/, '')

const BUNDLED: Pick<Factor, 'id' | 'finding' | 'fix'> = {
  id: 'bundled',
  finding: ({ missed }) =>
    `Leaves out ${list(missed)} when it comes with other operations in one PATCH (answered 2xx); sent alone it is applied`,
  fix: "Apply every operation of a PATCH, in order (RFC 7644 §3.5.2): Entra sends a user's changed attributes in one request.",
}

/** What one probe did: the PATCH's answer and the effect of each target. */
interface Probe {
  exchanges: Exchange[]
  patch?: Exchange
  accepted: boolean
  applied: string[]
  missed: string[]
  /** Targets applied with a change the operation did not ask for (other members dropped). */
  collateral: string[]
  /** Members the group had before and after (when the PATCH is on members). */
  members?: { before: number; after: number }
  /** The PATCH removed some of the members it names and kept the others: how many of how many it removed. */
  partial?: { removed: number; named: number }
}

/** A fresh run-prefixed resource that starts as the original did before its PATCH (names replaced, ids and meta dropped). */
async function freshLike(
  ctx: FlowContext,
  kind: Kind,
  before: Record<string, unknown>,
  body: Body,
): Promise<{ id: string; exchanges: Exchange[] } | undefined> {
  const { id: _id, meta: _meta, groups: _groups, ...rest } = before
  let post: Exchange
  if (kind === 'Users') {
    const p = ctx.data.person()
    const seed: Record<string, unknown> = {
      ...rest,
      userName: p.userName,
      externalId: p.externalId,
      displayName: p.displayName,
    }
    if (Array.isArray(rest.emails))
      seed.emails = (rest.emails as Record<string, unknown>[]).map((e, i) => ({
        ...e,
        value: i === 0 ? p.email : `${i}.${p.email}`,
      }))
    post = await ctx.scim.post('/Users', seed)
    const id = (post.response?.body as { id?: unknown } | undefined)?.id
    if (typeof id !== 'string' || !post.response || post.response.status >= 300) return undefined
    ctx.created.add('User', id, p.userName)
    return { id, exchanges: [post] }
  }
  // A group starts with the members its PATCH removes and without those it adds, so both can be seen to happen.
  const targets = targetsOf(body).filter((t) => t.members)
  const removes = targets.filter((t) => t.op === 'remove').flatMap((t) => t.members!)
  const adds = targets.filter((t) => t.op !== 'remove').flatMap((t) => t.members!)
  const had = memberIds(rest.members)
  const members = [...new Set([...had, ...removes])].filter((m) => !adds.includes(m)).map((value) => ({ value }))
  const name = `${ctx.data.groupName()} ${ctx.data.guid().slice(0, 8)}`
  post = await ctx.scim.post('/Groups', { ...rest, displayName: name, externalId: ctx.data.groupExternalId(), members })
  const id = (post.response?.body as { id?: unknown } | undefined)?.id
  if (typeof id !== 'string' || !post.response || post.response.status >= 300) return undefined
  ctx.created.add('Group', id, name)
  return { id, exchanges: [post] }
}

async function readMembers(
  ctx: FlowContext,
  id: string,
  body: Record<string, unknown> | undefined,
  ids: string[],
  exchanges: Exchange[],
): Promise<Set<string> | undefined> {
  if (ids.length === 0) return new Set()
  // Only through the read paths this run showed to work (read-group-membership): a path shown broken says nothing.
  const paths = (await ctx.presumed('membership-readable')).detail as MemberPaths | undefined
  if (paths && !paths.id && !paths.query) {
    if (!paths.groups) return undefined
    const found = new Set<string>()
    for (const m of ids) {
      const user = await ctx.scim.get(`/Users/${encodeURIComponent(m)}`)
      exchanges.push(user)
      const groups =
        user.response?.status === 200 ? (user.response.body as { groups?: unknown } | undefined)?.groups : undefined
      if (!Array.isArray(groups)) return undefined
      if (groups.some((g) => (g as { value?: unknown } | null)?.value === id)) found.add(m)
    }
    return found
  }
  const listed = memberIds(body?.members)
  if ((!paths || paths.id) && Array.isArray(body?.members) && listed.length > 0) return new Set(listed)
  // Members not listed (RFC 7643 §2.5 lets a server leave them out): ask the membership query about each one.
  const found = new Set<string>()
  for (const m of ids) {
    const q = await queryMembership(ctx, id, m)
    exchanges.push(q)
    const yes = membershipFound(q)
    if (yes === undefined) return undefined
    if (yes) found.add(m)
  }
  return found
}

async function probe(
  ctx: FlowContext,
  kind: Kind,
  before: Record<string, unknown>,
  sent: Body,
  readFirst: boolean | 'answer-only' = true,
): Promise<Probe | undefined> {
  // A rename to the userName the original PATCH gave would collide with that user: each probe renames to its own.
  const body = mapOps(sent, (o) => {
    if (o.path !== undefined)
      return /^userName$/i.test(o.path) && typeof o.value === 'string' ? { ...o, value: ctx.data.person().userName } : o
    const v = pathlessValue(o)
    const key = v && Object.keys(v).find((k) => /^userName$/i.test(k))
    return v && key ? { ...o, value: { ...v, [key]: ctx.data.person().userName } } : o
  })
  const fresh = await freshLike(ctx, kind, before, body)
  if (!fresh) return undefined
  const path = `/${kind}/${encodeURIComponent(fresh.id)}`
  const exchanges = [...fresh.exchanges]
  // A refusal is judged on the answer alone: nothing to read back.
  if (readFirst === 'answer-only') {
    const patch = await ctx.scim.patch(path, body)
    exchanges.push(patch)
    const s = patch.response?.status
    return {
      exchanges,
      patch,
      accepted: s !== undefined && s >= 200 && s < 300,
      applied: [],
      missed: [],
      collateral: [],
    }
  }
  const read = async (): Promise<Record<string, unknown> | undefined> => {
    const ex = await ctx.scim.get(path)
    exchanges.push(ex)
    return ex.response?.status === 200 && complex(ex.response.body) ? ex.response.body : undefined
  }
  const targets = targetsOf(body)
  const ids = [...new Set(targets.flatMap((t) => t.members ?? []))]
  // Without the read first, the state before is what the POST answered (the read-cache probe).
  const created = fresh.exchanges[0]!.response?.body
  const was = readFirst ? await read() : complex(created) ? created : undefined
  // Members are read before the PATCH and after it (by the membership query when the group does not list them).
  const membersBefore = kind === 'Groups' ? await readMembers(ctx, fresh.id, was, ids, exchanges) : new Set<string>()
  const patch = await ctx.scim.patch(path, body)
  exchanges.push(patch)
  const now = await read()
  const status = patch.response?.status
  const accepted = status !== undefined && status >= 200 && status < 300
  if (!was || !now) return { exchanges, patch, accepted, applied: [], missed: [], collateral: [] }
  const members = {
    before: membersBefore,
    after:
      kind === 'Groups'
        ? await readMembers(ctx, fresh.id, now, [...new Set([...ids, ...(membersBefore ?? [])])], exchanges)
        : new Set<string>(),
  }
  const effects = targets.map((t) => [t.path, effectOf(t, was, now, members, ids)] as const)
  const only = (effect: Effect) => effects.filter(([, e]) => e === effect).map(([p]) => p)
  // Of the members the removals name that were in the group, those gone after: some but not all is a partial removal.
  const removing = [
    ...new Set(targets.filter((t) => t.members && t.op === 'remove').flatMap((t) => t.members!)),
  ].filter((id) => members.before?.has(id))
  const removed = members.after ? removing.filter((id) => !members.after!.has(id)).length : 0
  return {
    exchanges,
    patch,
    accepted,
    applied: only('applied'),
    missed: only('missed'),
    collateral: only('collateral'),
    ...(members.before && members.after && ids.length
      ? { members: { before: members.before.size, after: members.after.size } }
      : {}),
    ...(removed > 0 && removed < removing.length ? { partial: { removed, named: removing.length } } : {}),
  }
}

/** The body restricted to the operations (and path-less keys) that were missed. */
function restrict(body: Body, missed: readonly string[]): Body {
  const keep = new Set(missed.map((p) => p.toLowerCase()))
  const ops = body.Operations.flatMap((o): Op[] => {
    const own = targetsOf({ ...body, Operations: [o] })
    if (o.path !== undefined || !complex(o.value)) return own.some((t) => keep.has(t.path.toLowerCase())) ? [o] : []
    const value: Record<string, unknown> = {}
    for (const [k, v] of Object.entries(o.value)) {
      const sub = targetsOf({ ...body, Operations: [{ op: o.op, value: { [k]: v } }] })
      if (sub.some((t) => keep.has(t.path.toLowerCase()))) value[k] = v
    }
    return Object.keys(value).length ? [{ ...o, value }] : []
  })
  return { ...body, Operations: ops }
}

export interface Differential {
  finding: Finding
  /** The probe exchanges, cited as evidence next to the original PATCH. */
  exchanges: Exchange[]
  /** One sentence for the check's message. */
  summary: string
}

/**
 * Varies one factor at a time of an accepted PATCH that did not take effect, each on a fresh resource. Undefined when
 * the PATCH does take effect on a fresh resource (then its failure has another cause), or no factor changes anything.
 */
export async function diagnoseAccepted(
  ctx: FlowContext,
  kind: Kind,
  before: Record<string, unknown>,
  body: Body,
): Promise<Differential | undefined> {
  const evidence: Exchange[] = []
  const control = await probe(ctx, kind, before, body)
  if (!control) return undefined
  evidence.push(...control.exchanges)
  if (!control.accepted || (control.missed.length === 0 && control.collateral.length === 0)) return undefined
  const extensionOnly = control.missed.length > 0 && control.missed.every(isEnterprise)
  // The op the findings about path-less operations name: what Entra sent (a replace, or aadOptscim062020's add).
  const pathless =
    [...new Set(body.Operations.filter((o) => pathlessValue(o)).map((o) => o.op.toLowerCase()))].join(' or ') ||
    'replace'
  const missed = control.missed.length ? control.missed : control.collateral
  const ok = (p: Probe): boolean =>
    p.accepted && p.missed.length === 0 && p.collateral.length === 0 && p.applied.length > 0
  const reduced = restrict(body, missed)
  const what = control.collateral.length
    ? `other members dropped (${control.members?.before ?? '?'} before, ${control.members?.after ?? '?'} after)`
    : `${list(missed)} unchanged`
  const tried: string[] = [`the same PATCH to a fresh resource: ${requestLine(control.patch!)}, ${what}`]
  const weight = control.missed.length + control.applied.length + control.collateral.length
  // Some of the members it names removed and the others kept, on a fresh group too: the finding is that count, in
  // whichever form (a value array, several operations) the PATCH named them.
  if (control.partial && control.collateral.length === 0) {
    const { removed, named } = control.partial
    tried[0] = `the same PATCH to a fresh group: ${requestLine(control.patch!)}, ${removed} of the ${named} members it removes gone, the others kept`
    return {
      finding: {
        key: 'accepted-partly:remove members',
        weight,
        title: `Removes only some of the members one PATCH removes (${removed} of ${named} on a fresh group) and answers 2xx: the others keep the group's access`,
        fix: PARTIAL_REMOVAL_FIX,
      },
      exchanges: evidence,
      summary: `Diagnosis (the suite's requests, not Entra's): ${tried[0]}.`,
    }
  }
  const done = (finding: Finding, last?: Probe, variant?: Body): Differential => {
    if (last) evidence.push(...last.exchanges)
    const shown = variant ? JSON.stringify(variant.Operations) : ''
    const changed =
      last && variant
        ? `; with only the ${finding.factor} changed (${shown.length > 200 ? `${shown.slice(0, 197)}…` : shown}), ${requestLine(last.patch!)} and ${list(last.applied)} changed`
        : ''
    return {
      finding,
      exchanges: evidence,
      summary: `Diagnosis by varying one factor (the suite's requests, not Entra's): ${tried.join('; ')}${changed}. ${finding.title}.`,
    }
  }
  const found = (factor: Pick<Factor, 'id' | 'finding' | 'fix'>, p: Probe, variant: Body): Differential => {
    const title = control.collateral.length
      ? `${collateralTitle(control)} when sent as Entra sends it; with only the ${factor.id} changed, the other members stay`
      : factor.finding({ missed, extensionOnly, pathless })
    return done(
      {
        key: `accepted-not-applied:${factor.id}${control.collateral.length ? ':collateral' : ''}`,
        factor: factor.id,
        title,
        fix: factor.fix,
        weight,
      },
      p,
      variant,
    )
  }
  // One operation alone vs bundled: each missed operation in a PATCH of its own.
  if (body.Operations.length > 1) {
    const singles: Probe[] = []
    for (const op of reduced.Operations.slice(0, 6)) {
      const alone = await probe(ctx, kind, before, { ...reduced, Operations: [op] })
      if (!alone || !ok(alone)) {
        if (alone) evidence.push(...alone.exchanges)
        break
      }
      singles.push(alone)
    }
    if (singles.length === Math.min(6, reduced.Operations.length) && singles.length > 0) {
      for (const p of singles.slice(0, -1)) evidence.push(...p.exchanges)
      return found(BUNDLED, { ...singles.at(-1)!, applied: singles.flatMap((p) => p.applied) }, reduced)
    }
    for (const p of singles) evidence.push(...p.exchanges)
  }
  for (const factor of FACTORS) {
    const variant = factor.vary(reduced)
    if (!variant) continue
    const p = await probe(ctx, kind, before, variant)
    if (!p) continue
    if (ok(p)) return found(factor, p, variant)
    evidence.push(...p.exchanges)
    tried.push(
      `with the ${factor.id} changed, ${p.patch ? requestLine(p.patch) : 'not sent'}${p.missed.length ? `, ${list(p.missed)} unchanged` : ''}`,
    )
  }
  // No factor of the request decides. The read before the write may: a read cache the PATCH does not refresh.
  const unread = await probe(ctx, kind, before, reduced, false)
  if (unread && ok(unread)) {
    return done(
      {
        key: 'accepted-not-applied:stale-read',
        factor: 'read-before-write',
        weight,
        fix: STALE_READ.fix,
        title: STALE_READ.title,
      },
      unread,
      reduced,
    )
  }
  if (unread) evidence.push(...unread.exchanges)
  const ops = [...new Set(reduced.Operations.map((o) => lower(String(o.op))))].join('/')
  const attributes = [...new Set(missed.map((p) => (p === 'members' ? 'members' : p.replace(/\[.*$/, ''))))]
  if (control.collateral.length) {
    return done({
      key: `accepted-wrong:${ops} members`,
      weight,
      title: `${collateralTitle(control)}, in every form the suite tried`,
    })
  }
  const values = reduced.Operations.flatMap((o) => (pathlessValue(o) ? Object.values(pathlessValue(o)!) : [o.value]))
  if (values.length && values.every((v) => v === null)) {
    return done({
      key: 'accepted-not-applied:null-clear',
      weight,
      title: `Keeps the value when a replace sends null (answered 2xx), on ${list(missed)}, in every form the suite tried`,
    })
  }
  return done({
    key: `accepted-not-applied:${ops} ${attributes.sort().join(',')}`,
    weight,
    title: `Answers 2xx to ${ops} on ${list(missed)} and changes nothing, in every form the suite tried (op case, path and key forms, the read before it)`,
  })
}

/** Statuses no form of the request can change: the method itself is not supported, or the request never reached a
 * handler that reads its body (authentication, negotiation, throttling, an unknown resource). */
const UNDIAGNOSED = new Set([401, 403, 404, 405, 406, 415, 429, 501])

/**
 * Varies one factor at a time of a refused PATCH (4xx), each on a fresh resource: first the same PATCH (the control:
 * a refusal that does not come back is not diagnosed), then each operation alone, then each factor of the refused
 * operations. The first factor whose change makes the server accept the request is the finding; when none does, the
 * finding is the attribute refused in every form, so the same refusal met by a POST and a PATCH is one cause.
 */
export async function diagnoseRefused(
  ctx: FlowContext,
  kind: Kind,
  before: Record<string, unknown>,
  body: Body,
  status: number,
): Promise<Differential | undefined> {
  const evidence: Exchange[] = []
  const send = (b: Body) => probe(ctx, kind, before, b, 'answer-only')
  const control = await send(body)
  if (!control?.patch) return undefined
  evidence.push(...control.exchanges)
  if (control.accepted || control.patch.response?.status !== status) return undefined
  const reason = reasonOf(control.patch)
  // A variant refused for another reason (a member the run has since deleted, say) got past the first refusal: the
  // factor it changed is the one that decides.
  const passes = (p: Probe): boolean =>
    p.accepted || (reason !== undefined && reasonOf(p.patch!) !== undefined && reasonOf(p.patch!) !== reason)
  const tried: string[] = [`the same PATCH to a fresh resource: ${requestLine(control.patch)}`]
  const found = (factor: Factor, variant: Body, p: Probe, paths: string[]): Differential => {
    const title = REFUSED[factor.id]!(paths)
    const shown = JSON.stringify(variant.Operations)
    return {
      finding: { key: `refused:${factor.id}`, factor: factor.id, title, fix: factor.fix, weight: paths.length },
      exchanges: evidence,
      summary: `Diagnosis by varying one factor (the suite's requests, not Entra's): ${tried.join('; ')}; with only the ${factor.id} changed (${shown.length > 200 ? `${shown.slice(0, 197)}…` : shown}), ${requestLine(p.patch!)}. ${title}.`,
    }
  }
  const vary = (factor: Factor, b: Body): Body | undefined =>
    factor.id === 'bare-id' ? asValueObject(b) : factor.vary(b)
  let reduced = body
  if (body.Operations.length > 1) {
    const refusedOps: Op[] = []
    for (const op of body.Operations.slice(0, 6)) {
      const alone = await send({ ...body, Operations: [op] })
      if (!alone?.patch) continue
      evidence.push(...alone.exchanges)
      if (!alone.accepted) refusedOps.push(op)
    }
    if (refusedOps.length === 0) {
      const title =
        'Refuses a PATCH whose operations come together but accepts each operation sent alone: it mishandles several operations in one request'
      return {
        finding: { key: 'refused:bundled', factor: 'bundled', title, fix: BUNDLED.fix, weight: body.Operations.length },
        exchanges: evidence,
        summary: `Diagnosis by varying one factor (the suite's requests, not Entra's): ${tried[0]}; each operation alone was accepted. ${title}.`,
      }
    }
    reduced = { ...body, Operations: refusedOps }
    tried.push(`refused alone: ${refusedOps.map((o) => `${o.op} ${o.path ?? '(path-less)'}`).join(', ')}`)
  }
  const paths = targetsOf(reduced).map((t) => t.path)
  for (const factor of FACTORS) {
    const variant = vary(factor, reduced)
    if (!variant) continue
    const p = await send(variant)
    if (!p?.patch) continue
    evidence.push(...p.exchanges)
    if (passes(p)) return found(factor, variant, p, paths)
    tried.push(`with the ${factor.id} changed, ${requestLine(p.patch)}`)
  }
  const attributes = [...new Set(paths.map(attributeOf))].sort()
  if (attributes.length === 0) return undefined
  const title = `Refuses ${attributes.length === 1 ? 'a PATCH on' : 'PATCHes on'} ${list(attributes)} in every form the suite tried (${status})`
  return {
    finding: { key: `refused-attribute:${attributes.join(',')}`, title, weight: 0 },
    exchanges: evidence,
    summary: `Diagnosis by varying one factor (the suite's requests, not Entra's): ${tried.join('; ')}. ${title}.`,
  }
}

/** The server's reason for a refusal with what varies between requests taken out (ids, numbers, quoted values). */
function reasonOf(ex: Exchange): string | undefined {
  const detail = (ex.response?.body as { detail?: unknown } | undefined)?.detail
  if (typeof detail !== 'string' || detail.trim() === '') return undefined
  return detail
    .toLowerCase()
    .replace(/"[^"]*"|'[^']*'/g, '…')
    .replace(/\d+/g, '#')
}

/** A POST to a fresh run-prefixed resource with `body` and fresh names (the created resource is deleted at cleanup). */
async function freshPost(ctx: FlowContext, kind: Kind, body: Record<string, unknown>): Promise<Exchange> {
  let seed: Record<string, unknown>
  let name: string
  if (kind === 'Users') {
    const p = ctx.data.person()
    name = p.userName
    seed = { ...body, userName: p.userName, ...('externalId' in body ? { externalId: p.externalId } : {}) }
    if ('displayName' in body) seed.displayName = p.displayName
    if (Array.isArray(body.emails))
      seed.emails = (body.emails as Record<string, unknown>[]).map((e, i) => ({
        ...e,
        value: i === 0 ? p.email : `${i}.${p.email}`,
      }))
  } else {
    name = `${ctx.data.groupName()} ${ctx.data.guid().slice(0, 8)}`
    seed = { ...body, displayName: name, ...('externalId' in body ? { externalId: ctx.data.groupExternalId() } : {}) }
  }
  const post = await ctx.scim.post(`/${kind}`, seed)
  const id = (post.response?.body as { id?: unknown } | undefined)?.id
  if (typeof id === 'string' && post.response && post.response.status < 300)
    ctx.created.add(kind === 'Users' ? 'User' : 'Group', id, name)
  return post
}

const acceptedPost = (ex: Exchange): boolean => !!ex.response && ex.response.status >= 200 && ex.response.status < 300

/** The same POST body with every manager given as a string sent as {"value": …} instead. */
function managerAsObject(body: Record<string, unknown>): Record<string, unknown> | undefined {
  let found = false
  const fix = (o: Record<string, unknown>): Record<string, unknown> =>
    Object.fromEntries(
      Object.entries(o).map(([k, v]) => {
        if (/(^|:)manager$/i.test(k) && typeof v === 'string') {
          found = true
          return [k, { value: v }]
        }
        return [k, /^urn:/i.test(k) && complex(v) ? fix(v) : v]
      }),
    )
  const out = fix(body)
  return found ? out : undefined
}

/**
 * The same for a refused POST: the control (the same body with fresh names), the manager as {"value": …} instead of a
 * string, then each attribute left out in turn (extension attributes one by one). The attribute whose absence makes the
 * server accept the body is the finding, keyed as a PATCH refused on it is.
 */
export async function diagnoseRefusedPost(
  ctx: FlowContext,
  kind: Kind,
  body: Record<string, unknown>,
  status: number,
): Promise<Differential | undefined> {
  const evidence: Exchange[] = []
  const control = await freshPost(ctx, kind, body)
  evidence.push(control)
  if (acceptedPost(control) || control.response?.status !== status) return undefined
  const tried = [`the same POST with fresh names: ${requestLine(control)}`]
  const asObject = managerAsObject(body)
  if (asObject) {
    const p = await freshPost(ctx, kind, asObject)
    evidence.push(p)
    if (acceptedPost(p)) {
      const title = REFUSED['bare-id']!(['manager'])
      const factor = FACTORS.find((f) => f.id === 'bare-id')!
      return {
        finding: { key: 'refused:bare-id', factor: 'bare-id', title, fix: factor.fix, weight: 1 },
        exchanges: evidence,
        summary: `Diagnosis by varying one factor (the suite's requests, not Entra's): ${tried[0]}; with the manager as {"value": …}, ${requestLine(p)}. ${title}.`,
      }
    }
    tried.push(`with the manager as {"value": …}, ${requestLine(p)}`)
  }
  const required = kind === 'Users' ? /^(schemas|userName)$/i : /^(schemas|displayName)$/i
  const leaveOut: { name: string; body: Record<string, unknown> }[] = []
  for (const [k, v] of Object.entries(body)) {
    if (required.test(k)) continue
    if (/^urn:/i.test(k) && complex(v)) {
      for (const sub of Object.keys(v)) {
        const { [sub]: _gone, ...rest } = v
        leaveOut.push({ name: sub, body: { ...body, [k]: rest } })
      }
      continue
    }
    const { [k]: _gone, ...rest } = body
    leaveOut.push({ name: attributeOf(k), body: rest })
  }
  for (const { name, body: without } of leaveOut.slice(0, 20)) {
    const p = await freshPost(ctx, kind, without)
    evidence.push(p)
    if (!acceptedPost(p)) continue
    const title = `Refuses ${name} in every form the suite tried (${status}): the same ${kind === 'Users' ? 'user' : 'group'} without ${name} is created`
    return {
      finding: { key: `refused-attribute:${name}`, title, weight: 0 },
      exchanges: evidence,
      summary: `Diagnosis by varying one factor (the suite's requests, not Entra's): ${tried.join('; ')}; without ${name}, ${requestLine(p)}. ${title}.`,
    }
  }
  return undefined
}

/** "Removing one member removed all members of the group": what a member operation did to the members it did not name. */
function collateralTitle(p: Probe): string {
  const removing =
    p.collateral.length > 0 && p.patch && JSON.stringify(p.patch.request.body).toLowerCase().includes('"remove"')
  const after = p.members?.after
  const lost = p.members
    ? `${after === 0 ? 'all' : `${p.members.before - (after ?? 0)} other`} members of the group`
    : 'other members of the group'
  const had = p.members?.before
  return removing
    ? `Removing one member removed ${lost}`
    : `Adding members removed ${had === undefined ? 'the members the group had' : had === 1 ? 'the member the group had' : `the ${had} members the group had`}`
}

const PARTIAL_REMOVAL_FIX =
  "Remove every member a PATCH names, every element of a remove's value array and every remove operation of the PATCH (RFC 7644 §3.5.2, §3.5.2.2): Entra removes several members of a group in one PATCH."

const STALE_READ = {
  title:
    'Answers a read after a PATCH with the resource as it was before (a read cache the PATCH does not refresh): the same PATCH reads back applied when the resource was not read just before it',
  fix: 'Refresh (or drop) the cached resource on every PATCH and PUT: Entra reads a user before it updates it, then compares what it reads with what it sent.',
}

/** The latest read of the resource before the PATCH (a GET or the POST that made it): where the fresh copy starts. */
function stateBefore(patch: Exchange, exchanges: readonly Exchange[]): Record<string, unknown> | undefined {
  const url = patch.request.url.split('?')[0]!
  for (let i = exchanges.length - 1; i >= 0; i--) {
    const ex = exchanges[i]!
    if (ex.seq >= patch.seq || !ex.response || ex.response.status >= 300 || !complex(ex.response.body)) continue
    const body = ex.response.body
    if (ex.request.method === 'GET' && ex.request.url.split('?')[0] === url) return body
    if (
      (ex.request.method === 'POST' || ex.request.method === 'PATCH') &&
      typeof body.id === 'string' &&
      url.endsWith(`/${encodeURIComponent(body.id)}`)
    )
      return body
  }
  return undefined
}

const isAcceptedPatch = (ex: Exchange): boolean =>
  ex.request.method === 'PATCH' &&
  !!ex.response &&
  ex.response.status >= 200 &&
  ex.response.status < 300 &&
  /\/(Users|Groups)\/[^/?]+$/.test(ex.request.url.split('?')[0]!) &&
  Array.isArray((ex.request.body as { Operations?: unknown } | undefined)?.Operations)

const resourceIdOf = (ex: Exchange): string | undefined =>
  /\/(?:Users|Groups)\/([^/?]+)$/.exec(ex.request.url.split('?')[0]!)?.[1]

/**
 * The accepted PATCHes a failed check may be about: those it cites (the largest first: Entra's bundle),
 * then the latest ones before its reads to a resource its cited requests name (a check that read the group through the
 * membership query cites the query, not the PATCH before it). At most three, so a failure costs a few probes.
 */
function candidatePatches(
  r: CheckResult,
  bySeq: ReadonlyMap<number, Exchange>,
  exchanges: readonly Exchange[],
): Exchange[] {
  const cited = r.exchanges.map((s) => bySeq.get(s)).filter((ex): ex is Exchange => !!ex)
  // Entra's own PATCH first (the largest: a bundle isolation split), then the ones sent alone.
  const own = cited
    .filter(isAcceptedPatch)
    .sort(
      (a, b) =>
        (b.request.body as Body).Operations.length - (a.request.body as Body).Operations.length || b.seq - a.seq,
    )
  const last = Math.max(...cited.map((ex) => ex.seq))
  const urls = cited.map((ex) => decodeURIComponent(ex.request.url))
  const related = exchanges
    .filter(
      (ex) =>
        ex.seq < last &&
        isAcceptedPatch(ex) &&
        !own.includes(ex) &&
        urls.some((u) => u.includes(decodeURIComponent(resourceIdOf(ex) ?? '\u0000'))),
    )
    .sort((a, b) => b.seq - a.seq)
  return [...own, ...related].slice(0, 3)
}

/** Per run: what a PATCH shape was found to do, so flows that meet the same request do not probe it again. */
const memo = new WeakMap<object, Map<string, Promise<Differential | undefined>>>()

/**
 * The runner's hook, once per flow instance before its cleanup: every failed or warned check of the flow that cites an
 * accepted PATCH is diagnosed, and carries the finding (its cause's key, title and fix) when a factor was named.
 */
export async function diagnoseFlow(
  ctx: FlowContext,
  results: CheckResult[],
  exchanges: readonly Exchange[],
): Promise<void> {
  const bySeq = new Map(exchanges.map((ex) => [ex.seq, ex]))
  const cache = memo.get(ctx.config) ?? new Map<string, Promise<Differential | undefined>>()
  memo.set(ctx.config, cache)
  for (const r of results) {
    if ((r.outcome !== 'failed' && r.outcome !== 'warned') || r.finding) continue
    if (r.observed?.answer === 'refused') {
      await diagnoseRefusal(ctx, r, bySeq.get(r.observed.exchange), exchanges, cache)
      continue
    }
    // A refusal is its own finding; only a check that read back a state after an accepted write is diagnosed here.
    if (r.observed && r.observed.answer !== 'accepted') continue
    const patches = candidatePatches(r, bySeq, exchanges)
    for (const patch of patches) {
      const body = patch.request.body as Body
      const before = stateBefore(patch, exchanges)
      if (!before) continue
      const kind: Kind = /\/Groups\//.test(patch.request.url) ? 'Groups' : 'Users'
      const key = `${kind} ${JSON.stringify(body.Operations.map((o) => [o.op, o.path?.replace(/"[^"]*"/g, '…'), o.path === undefined && complex(o.value) ? Object.keys(o.value).sort() : typeof o.value]))}`
      let pending = cache.get(key)
      if (!pending) {
        pending = diagnoseAccepted(ctx, kind, before, { ...body, schemas: body.schemas ?? [PATCH_OP] }).catch(
          () => undefined,
        )
        cache.set(key, pending)
      }
      const d = await pending
      if (!d) continue
      r.finding = d.finding
      r.fix = d.finding.fix ?? r.fix
      r.message = `${r.message ?? ''} ${d.summary}`.trim()
      r.exchanges = [...new Set([...r.exchanges, ...d.exchanges.map((ex) => ex.seq)])].sort((a, b) => a - b)
      break
    }
  }
}

/** A check refused a write it wanted accepted: the refused PATCH or POST is diagnosed by factor (memoised per shape). */
async function diagnoseRefusal(
  ctx: FlowContext,
  r: CheckResult,
  ex: Exchange | undefined,
  exchanges: readonly Exchange[],
  cache: Map<string, Promise<Differential | undefined>>,
): Promise<void> {
  const status = ex?.response?.status
  const wanted =
    typeof r.expected === 'number'
      ? [r.expected]
      : typeof r.expected === 'string' && /^\d{3}( or \d{3})*$/.test(r.expected)
        ? r.expected.split(' or ').map(Number)
        : []
  if (!ex || status === undefined || status < 400 || status >= 500 || UNDIAGNOSED.has(status)) return
  if (wanted.length === 0 || wanted.some((s) => s >= 300)) return
  const url = ex.request.url.split('?')[0]!
  const kind: Kind = /\/Groups(\/|$)/.test(url) ? 'Groups' : 'Users'
  const body = ex.request.body
  let key: string
  let run: () => Promise<Differential | undefined>
  if (
    ex.request.method === 'PATCH' &&
    /\/(Users|Groups)\/[^/?]+$/.test(url) &&
    Array.isArray((body as { Operations?: unknown } | undefined)?.Operations)
  ) {
    const before = stateBefore(ex, exchanges)
    if (!before) return
    const patch = body as Body
    key = `refused ${status} ${kind} ${reasonOf(ex) ?? ''} ${JSON.stringify(patch.Operations.map((o) => [o.op, o.path?.replace(/"[^"]*"/g, '…'), o.path === undefined && complex(o.value) ? Object.keys(o.value).sort() : typeof o.value === 'string' && o.value !== '' ? 'string' : JSON.stringify(o.value ?? null).slice(0, 40)]))}`
    run = () => diagnoseRefused(ctx, kind, before, { ...patch, schemas: patch.schemas ?? [PATCH_OP] }, status)
  } else if (ex.request.method === 'POST' && /\/(Users|Groups)$/.test(url) && complex(body)) {
    key = `refused ${status} POST ${kind} ${reasonOf(ex) ?? ''} ${Object.keys(body).sort().join(',')}`
    run = () => diagnoseRefusedPost(ctx, kind, body, status)
  } else return
  let pending = cache.get(key)
  if (!pending) {
    pending = run().catch(() => undefined)
    cache.set(key, pending)
  }
  const d = await pending
  if (!d) return
  r.finding = d.finding
  r.fix = d.finding.fix ?? r.fix
  r.message = `${r.message ?? ''}${/[.!?)]$/.test(r.message ?? '.') ? '' : '.'} ${d.summary}`.trim()
  r.exchanges = [...new Set([...r.exchanges, ...d.exchanges.map((x) => x.seq)])].sort((a, b) => a - b)
}
