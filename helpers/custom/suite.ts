// Turns a vendor's definitions (helpers/custom/define.ts) into flows and catalog entries the runner executes like its
// own: same recording client, outcomes, causes and cleanup. A check that depends on a check of another flow runs after
// the concurrent flows (as `alone` flows do), so the outcome it depends on is known; blocked when that one failed.
import type { CheckInfo } from '../model/check-info.ts'
import {
  CheckBlocked,
  CheckFailure,
  CheckSkipped,
  dependsOn,
  expectEqual,
  expectJsonBody,
  expectStatus,
  expectTrue,
  requestLine,
} from '../suite/expect-scim.ts'
import type { FlowContext, FlowDefinition } from '../suite/flow.ts'
import type { Ref } from '../model/refs.ts'
import type { CheckResult } from '../model/result.ts'
import { UsageError } from '../model/errors.ts'
import { createUser } from '../steps/requests.ts'
import { entraUserBody } from '../entra/profile.ts'
import { userUpdate } from '../entra/patch-ops.ts'
import {
  consequenceOf,
  type CheckClaim,
  type CustomCheckDefinition,
  type CustomContext,
  type CustomDefinition,
  type Source,
  isCustomCheck,
  isCustomFlow,
} from './define.ts'

export interface CustomSuite {
  /** The vendor's flows, to run after the built-in ones in the same runSuite call. */
  flows: FlowDefinition[]
  /** Their claims, keyed by check id, to merge into the catalog. */
  catalog: Record<string, CheckInfo>
  /** Every check result of the run (runSuite's onCheck): what a dependency on another flow's check reads. */
  observe(result: CheckResult): void
}

const ID = /^[a-z0-9][a-z0-9._-]*$/i

/** Where a definition came from, for errors: a file name, or 'your checks'. */
export type Origin = (def: CustomDefinition) => string

/**
 * Checks the definitions against the built-in catalog and each other (one line, UsageError, for an id that is not
 * `<namespace>/<name>`, a namespace that is a built-in flow, a duplicate id, a dependency on an unknown check), and
 * builds their flows. `defineCheck`s of one namespace form one flow, run in the order declared.
 */
export function customSuite(
  defs: readonly CustomDefinition[],
  builtIn: { flows: readonly FlowDefinition[]; catalog: Readonly<Record<string, CheckInfo>> },
  origin: Origin = () => 'your checks',
): CustomSuite {
  const catalog: Record<string, CheckInfo> = {}
  const flows: FlowDefinition[] = []
  const results = new Map<string, CheckResult[]>()
  const builtInFlows = new Set([...builtIn.flows.map((f) => f.id), 'run'])
  const flowOf = new Map<string, string>()
  const add = (id: string, claim: CheckClaim, def: CustomDefinition): void => {
    if (id in builtIn.catalog)
      throw new UsageError(
        `${origin(def)} declares check id '${id}', which is a built-in check: give your checks ids in a namespace of your own (e.g. 'acme/${id.split('/').pop()}')`,
      )
    if (id in catalog)
      throw new UsageError(
        `${origin(def)} declares check id '${id}' twice (a duplicate id would hide one of them): give each check its own id`,
      )
    catalog[id] = claimInfo(id, claim, def, origin)
  }
  const namespaces = new Map<string, CustomCheckDefinition[]>()
  const flowIds = new Set<string>()
  for (const def of defs) {
    if (isCustomCheck(def)) {
      const parts = String(def.id).split('/')
      if (parts.length !== 2 || !parts.every((p) => ID.test(p)))
        throw new UsageError(
          `${origin(def)}: check id '${def.id}' must be '<namespace>/<name>' (letters, digits, '-', '.', '_'), e.g. 'acme/badge-round-trip'`,
        )
      const ns = parts[0]!
      if (builtInFlows.has(ns))
        throw new UsageError(
          `${origin(def)}: check id '${def.id}' is in the namespace of the built-in flow '${ns}': use a namespace of your own (e.g. your product's name)`,
        )
      add(def.id, def, def)
      if (!namespaces.has(ns)) namespaces.set(ns, [])
      namespaces.get(ns)!.push(def)
    } else if (isCustomFlow(def)) {
      if (!ID.test(String(def.id)))
        throw new UsageError(
          `${origin(def)}: flow id '${def.id}' must be one word of letters, digits, '-', '.', '_' (e.g. 'acme-onboarding')`,
        )
      if (builtInFlows.has(def.id))
        throw new UsageError(`${origin(def)}: flow id '${def.id}' is a built-in flow's: use an id of your own`)
      if (flowIds.has(def.id))
        throw new UsageError(`${origin(def)} declares flow '${def.id}' twice: give each flow its own id`)
      flowIds.add(def.id)
      const ids = Object.keys(def.checks ?? {})
      if (ids.length === 0) throw new UsageError(`${origin(def)}: flow '${def.id}' declares no checks`)
      for (const id of ids) {
        if (!id.startsWith(`${def.id}/`) || !ID.test(id.slice(def.id.length + 1)))
          throw new UsageError(`${origin(def)}: check id '${id}' of flow '${def.id}' must be '${def.id}/<name>'`)
        add(id, def.checks[id]!, def)
      }
    } else {
      throw new UsageError(
        `your checks: ${describe(def)} is not a check: make it with defineCheck or defineFlow from 'scim-preflight/checks'`,
      )
    }
  }
  for (const ns of namespaces.keys()) {
    if (flowIds.has(ns))
      throw new UsageError(
        `${origin(namespaces.get(ns)![0]!)}: '${ns}' is both a flow (defineFlow) and the namespace of checks (defineCheck): use one`,
      )
  }

  // Dependencies: known ids only, and never on a check that runs later (that outcome would not be known yet).
  const known = new Set([...Object.keys(builtIn.catalog), ...Object.keys(catalog)])
  const seen = new Set<string>(Object.keys(builtIn.catalog))
  const ordered: { flowId: string; defs: CustomDefinition[] }[] = []
  for (const def of defs) {
    const flowId = isCustomCheck(def) ? def.id.split('/')[0]! : def.id
    let entry = ordered.find((o) => o.flowId === flowId)
    if (!entry) ordered.push((entry = { flowId, defs: [] }))
    entry.defs.push(def)
  }
  for (const { flowId, defs: group } of ordered) {
    for (const def of group) {
      for (const dep of def.dependsOn ?? []) {
        if (!known.has(dep))
          throw new UsageError(
            `${origin(def)}: '${def.id}' depends on '${dep}', which is no check (see 'scim-preflight list' for the built-in ids)`,
          )
        if (!seen.has(dep) && !dep.startsWith(`${flowId}/`))
          throw new UsageError(
            `${origin(def)}: '${def.id}' depends on '${dep}', which is declared after it: declare '${dep}' first`,
          )
        if (isCustomFlow(def) && dep.startsWith(`${flowId}/`))
          throw new UsageError(
            `${origin(def)}: flow '${def.id}' depends on its own check '${dep}': call ctx.requirePassed inside the check instead`,
          )
      }
      const ids = isCustomCheck(def) ? [def.id] : Object.keys(def.checks)
      for (const id of ids) {
        seen.add(id)
        flowOf.set(id, flowId)
      }
    }
  }

  const outcomeOf = (id: string, dialect: string): CheckResult | undefined => {
    const all = results.get(id) ?? []
    return all.find((r) => r.dialect === dialect) ?? all.find((r) => r.dialect === undefined) ?? all[0]
  }
  /** Blocks (or skips) the running check when a check of another flow it depends on did not pass. */
  const guard = (ctx: FlowContext, flowId: string, deps: readonly string[] | undefined): void => {
    for (const dep of deps ?? []) {
      if (dep.startsWith(`${flowId}/`)) {
        ctx.requirePassed(dep, 'this check depends on it')
        continue
      }
      // A dependency that was not selected in this run (--only, vitest -t) leaves the check unguarded.
      const r = outcomeOf(dep, ctx.dialect)
      if (!r || r.outcome === 'passed' || r.outcome === 'warned' || r.outcome === 'waived') continue
      if (r.outcome === 'skipped')
        throw new CheckSkipped(`${dep} was skipped${r.message ? ` (${r.message})` : ''}, and this check depends on it`)
      const root = r.outcome === 'blocked' && r.blockedBy ? r.blockedBy : dep
      throw new CheckBlocked(
        root,
        `blocked by ${root}${root !== dep ? ` (through ${dep})` : ''}: this check depends on it, and it ${r.outcome === 'blocked' ? 'could not be judged' : 'failed'}`,
      )
    }
  }

  for (const { flowId, defs: group } of ordered) {
    const first = group[0]!
    if (isCustomFlow(first)) {
      const def = first
      const external = (def.dependsOn ?? []).some((d) => flowOf.get(d) !== flowId)
      flows.push({
        id: def.id,
        title: def.title,
        ...(def.perDialect ? { perDialect: true } : {}),
        writes: def.writes !== false,
        ...(def.groups ? { groups: true } : {}),
        ...(external ? { alone: true } : {}),
        run: (ctx) =>
          def.run(
            extend(ctx, (body) => async () => {
              guard(ctx, flowId, def.dependsOn)
              return normalized(body)
            }),
          ),
      })
      continue
    }
    const checks = group as CustomCheckDefinition[]
    const external = checks.some((c) => (c.dependsOn ?? []).some((d) => flowOf.get(d) !== flowId))
    flows.push({
      id: flowId,
      title: `${flowId} checks`,
      writes: false,
      ...(external ? { alone: true } : {}),
      async run(ctx) {
        const tools = extend(ctx, (body) => body)
        for (const c of checks) {
          await ctx.check(c.id, async () => {
            if (c.writes !== false && ctx.config.readOnly) throw new CheckSkipped('read-only mode sends no writes')
            if (c.groups && !ctx.config.groups) throw new CheckSkipped('--no-groups: this check needs /Groups')
            guard(ctx, flowId, c.dependsOn)
            return normalized(() => c.run(tools))
          })
        }
      },
    })
  }

  return {
    flows,
    catalog,
    observe(result) {
      if (!results.has(result.id)) results.set(result.id, [])
      results.get(result.id)!.push(result)
    },
  }
}

/** The flow context with the vendor's tools; `wrap` guards each ctx.check body (defineFlow's dependencies, errors). */
function extend(ctx: FlowContext, wrap: (body: () => unknown) => () => unknown): CustomContext {
  const tools: CustomContext = Object.assign(Object.create(ctx) as FlowContext, {
    check: (id: string, body: () => void | string | Promise<void | string>) =>
      ctx.check(id, wrap(body) as () => Promise<void | string>),
    userBody: (person = ctx.data.person(), extra: Record<string, unknown> = {}) => ({
      ...entraUserBody(ctx.profile, person),
      ...extra,
    }),
    async createUser(person = ctx.data.person(), extra: Record<string, unknown> = {}) {
      if (Object.keys(extra).length === 0) return createUser(ctx, person)
      const body = { ...entraUserBody(ctx.profile, person), ...extra }
      const exchange = await ctx.scim.post('/Users', body)
      const id = (exchange.response?.body as { id?: unknown } | undefined)?.id
      if (typeof id === 'string' && id !== '' && exchange.response && exchange.response.status < 300) {
        ctx.created.add('User', id, person.userName)
        return { person, body, exchange, id }
      }
      return { person, body, exchange }
    },
    replaceBody: (values: Record<string, unknown>) =>
      userUpdate(
        ctx.dialect,
        Object.entries(values).map(([path, value]) => ({ path, value })),
      ) as unknown as Record<string, unknown>,
    expect: {
      status: expectStatus,
      jsonBody: expectJsonBody,
      equal: expectEqual,
      true: expectTrue,
      accepted: dependsOn,
    },
    fail(
      message: string,
      details: { expected?: unknown; actual?: unknown; about?: import('../model/exchange.ts').Exchange } = {},
    ): never {
      throw new CheckFailure(message, details.expected, details.actual, details.about)
    },
    skip(reason: string): never {
      throw new CheckSkipped(reason)
    },
    requestLine,
  })
  return tools
}

/**
 * Runs a vendor's proof and turns what it threw into the runner's own outcomes. By name as well as by class: a vendor's
 * file may load another copy of this package (the built dist/ beside sources run through tsx), whose classes differ.
 */
async function normalized(body: () => unknown): Promise<void | string> {
  try {
    const out = await body()
    return typeof out === 'string' ? out : undefined
  } catch (err) {
    throw normalize(err)
  }
}

export function normalize(err: unknown): unknown {
  if (err instanceof CheckFailure || err instanceof CheckBlocked || err instanceof CheckSkipped) return err
  if (!(err instanceof Error) && !(err && typeof err === 'object' && 'message' in err))
    return new CheckFailure(String(err))
  const e = err as Error & { expected?: unknown; actual?: unknown; about?: never; observed?: never; by?: unknown }
  switch (e.name) {
    case 'CheckFailure':
      return new CheckFailure(e.message, e.expected, e.actual, e.about, e.observed)
    case 'CheckBlocked':
      return new CheckBlocked(String(e.by), e.message)
    case 'CheckSkipped':
      return new CheckSkipped(e.message)
    case 'FlowStopped':
      return typeof e.by === 'string' ? new CheckBlocked(e.by, e.message) : new CheckSkipped(e.message)
    case 'ReadOnlyViolation':
      // The vendor's check wrote in --read-only (refused before the wire): its declaration is wrong, not the suite.
      return new CheckFailure(
        `${e.message.replace(/; this is a bug in scim-preflight$/, '')}: a check that writes must not say writes: false (then --read-only skips it)`,
      )
    default:
      // An assertion of any library (node:assert, vitest's expect, chai) or a plain Error: a failure with its message.
      return new CheckFailure(e.message, 'expected' in e ? e.expected : undefined, 'actual' in e ? e.actual : undefined)
  }
}

function toRef(source: Source): Ref {
  if (typeof source !== 'string') return { label: source.label, url: source.url }
  try {
    const u = new URL(source)
    return { label: `${u.host}${u.pathname === '/' ? '' : u.pathname}${u.hash}`, url: source }
  } catch {
    return { label: source, url: source }
  }
}

function claimInfo(id: string, claim: CheckClaim, def: CustomDefinition, origin: Origin): CheckInfo {
  const where = `${origin(def)}: check '${id}'`
  if (typeof claim?.title !== 'string' || claim.title === '')
    throw new UsageError(`${where} has no title: say the correct behaviour in one sentence`)
  if (claim.level !== 'entra' && claim.level !== 'gallery' && claim.level !== 'rfc')
    throw new UsageError(`${where} has level '${String(claim.level)}': use 'entra', 'gallery' or 'rfc'`)
  const sources = claim.evidence?.sources ?? []
  if (typeof claim.evidence?.says !== 'string' || sources.length === 0)
    throw new UsageError(`${where} has no evidence for its level: give evidence { says, sources: [url, …] }`)
  if (typeof claim.fix !== 'string' || claim.fix === '')
    throw new UsageError(`${where} has no fix: say what to change in the server`)
  const evidenceRefs = sources.map(toRef) as [Ref, ...Ref[]]
  const refs = [...evidenceRefs, ...(claim.refs ?? []).map(toRef)].filter(
    (r, i, all) => all.findIndex((o) => o.url === r.url) === i,
  ) as [Ref, ...Ref[]]
  return {
    title: claim.title,
    severity: claim.level,
    evidence: { says: claim.evidence.says, sources: evidenceRefs },
    refs,
    entra: consequenceOf(claim),
    fix: claim.fix,
  }
}

function describe(v: unknown): string {
  if (v === null || typeof v !== 'object') return `the value ${JSON.stringify(v) ?? String(v)}`
  const id = (v as { id?: unknown }).id
  return typeof id === 'string' ? `'${id}'` : 'an object'
}
