// Executes flows against a target and builds the RunResult. Flows run concurrently (each is independent and
// creates its own data); each flow deletes what it created when it ends, whatever happened in it.
import { failsRun, type CheckInfo } from '../model/check-info.ts'
import { consequenceAtLevel } from './consequences.ts'
import type { RunConfig } from '../config/run.ts'
import { ReadOnlyViolation } from '../model/errors.ts'
import type { Exchange } from '../model/exchange.ts'
import { CheckBlocked, CheckFailure, CheckSkipped, citations, isServerError, requestLine } from './expect-scim.ts'
import {
  FlowStopped,
  PRESUMPTIONS,
  SERVER_ERRORS_CHECK,
  type Established,
  type FlowContext,
  type FlowDefinition,
  type Presumption,
  type ResourceType,
  type RunnerSteps,
} from './flow.ts'
import { observedConsequence } from './consequences.ts'
import { errorDetail, observe } from './observed.ts'
import { matchesAny } from './glob.ts'
import type { TokenSource } from '../client/oauth.ts'
import type { Profile } from '../entra/profile.ts'
import type { Dialect } from '../model/dialect.ts'
import type { CheckResult, LeftoverResource, Observed } from '../model/result.ts'
import { isLockAnswer, LOCK_RESENDS, type ScimClient } from '../client/scim-client.ts'
import { TestData } from '../entra/test-data.ts'

export interface SuiteInput {
  config: RunConfig
  flows: readonly FlowDefinition[]
  catalog: Readonly<Record<string, CheckInfo>>
  client: ScimClient
  profile: Profile
  runPrefix: string
  /** Aborted on Ctrl-C or --max-time: in-flight requests stop, cleanup still runs. */
  signal: AbortSignal
  onCheck?: (result: CheckResult) => void
  onFlow?: (flow: FlowDefinition, dialect: Dialect | undefined, results: CheckResult[]) => void
  /** Flow instances at once (default: config.concurrency, else 4); 1 sends one request at a time. */
  concurrency?: number
  tokens?: TokenSource
  /** Set when the run has no working credential (no OAuth token): only flows that check credentials run. */
  credentialProblem?: string
  /** Steps of the Entra request layer the runner uses (a server error re-sent on a fresh resource); none: not re-sent. */
  steps?: RunnerSteps
}

export interface SuiteOutput {
  checks: CheckResult[]
  exchanges: Exchange[]
  leftovers: LeftoverResource[]
  /** Set when the runner itself failed (a bug, e.g. a write in read-only mode): the run stopped, cleaned up, and says why. */
  crash?: string
}

interface Tracked {
  type: ResourceType
  id: string
  name: string
}

/** Every resource the run created and has not yet deleted, across flows: what Ctrl-C must clean up. */
export class RunResources {
  private readonly live = new Map<string, Tracked>()
  add(t: Tracked): void {
    this.live.set(`${t.type}/${t.id}`, t)
  }
  forget(type: ResourceType, id: string): void {
    this.live.delete(`${type}/${id}`)
  }
  get pending(): Tracked[] {
    return [...this.live.values()]
  }
}

/** Deletes resources newest first (users before the groups they belong to is not needed: members are ids). Only ids this run created are ever passed here. */
/** Extra attempts at a DELETE that got a server error or no answer during cleanup. */
const CLEANUP_RETRIES = 3

export async function deleteResources(
  client: ScimClient,
  items: Tracked[],
  resources: RunResources,
  parallel = 1,
): Promise<LeftoverResource[]> {
  const found: (LeftoverResource | undefined)[] = []
  const queue = [...items].reverse()
  let next = 0
  // Several DELETEs in flight only where nothing else of the run is (a flow that runs alone, the final sweep): over a
  // network each one is a round trip, and a flow's cleanup is the run's tail.
  const worker = async (): Promise<void> => {
    for (let i = next++; i < queue.length; i = next++) found[i] = await deleteOne(client, queue[i]!, resources)
  }
  await Promise.all(Array.from({ length: Math.max(1, Math.min(parallel, queue.length)) }, worker))
  return found.filter((l): l is LeftoverResource => l !== undefined)
}

async function deleteOne(
  client: ScimClient,
  t: Tracked,
  resources: RunResources,
): Promise<LeftoverResource | undefined> {
  const path = `/${t.type === 'User' ? 'Users' : 'Groups'}/${encodeURIComponent(t.id)}`
  let ex = await client.delete(path)
  // Cleanup must not leave a resource behind because of one unlucky 5xx: a DELETE is safe to repeat, so it is
  // tried a few more times (the client already re-sent it once) before the resource is reported as left over.
  for (let attempt = 1; attempt <= CLEANUP_RETRIES && isServerError(ex); attempt++) {
    await new Promise((resolve) => setTimeout(resolve, 100 * attempt))
    ex = await client.delete(path)
  }
  const status = ex.response?.status
  if (status !== undefined && ((status >= 200 && status < 300) || status === 404)) {
    resources.forget(t.type, t.id)
    return undefined
  }
  return { ...t, reason: ex.response ? `DELETE answered ${status}` : `DELETE failed: ${ex.error}` }
}

export function flowInstances(
  flows: readonly FlowDefinition[],
  dialects: Dialect[],
): { flow: FlowDefinition; dialect?: Dialect }[] {
  return flows.flatMap((flow) => (flow.perDialect ? dialects.map((dialect) => ({ flow, dialect })) : [{ flow }]))
}

export function checksOf(flow: FlowDefinition, catalog: Readonly<Record<string, CheckInfo>>): string[] {
  return Object.keys(catalog).filter((id) => id.startsWith(`${flow.id}/`))
}

export function isSelected(id: string, config: Pick<RunConfig, 'only' | 'skip'>): boolean {
  if (config.only.length > 0 && !matchesAny(id, config.only)) return false
  return !matchesAny(id, config.skip)
}

export async function runSuite(input: SuiteInput): Promise<SuiteOutput> {
  const { config, catalog } = input
  const exchanges: Exchange[] = []
  const results: CheckResult[] = []
  const leftovers: LeftoverResource[] = []
  const resources = new RunResources()
  // The run's record is the wire: every request any client of the run sends (tokens, setup, cleanup included).
  const untap = input.client.tap((ex) => exchanges.push(ex))
  const cleanupClient = input.client.fork({ sink: undefined, signal: undefined, readOnly: false, role: 'cleanup' })
  // A crash stops the other flows too; their requests abort and their finally blocks delete what they made.
  const crashed = new AbortController()
  const signal = AbortSignal.any([input.signal, crashed.signal])
  let crash: string | undefined

  const instances = flowInstances(input.flows, config.dialects).filter(({ flow }) =>
    checksOf(flow, catalog).some((id) => isSelected(id, config)),
  )
  const parallelism = Math.max(1, input.concurrency ?? config.concurrency ?? 4)
  const concurrent = instances.filter((inst) => !inst.flow.alone)
  const alone = instances.filter((inst) => inst.flow.alone)
  const provers = proversOf(instances, catalog)
  // Server errors that came back when re-sent alone (the originals and the re-sends): defects of their requests, judged
  // by the checks that sent them, not the run-wide cause.
  const recurring = new Set<number>()
  const probeClient = input.client.fork({ sink: undefined, signal, readOnly: false, role: 'probe' })
  /**
   * Re-sends the request shape of a server error once, alone (nothing else of the run in flight), on a fresh
   * run-prefixed resource, and deletes that resource. Undefined when the error is lock-style (a database busy under
   * concurrent writes is the run's cause, never one request's) or the request has no fresh-resource form.
   */
  const resendAlone = async (
    ex: Exchange,
    ctx: FlowContext,
  ): Promise<{ again: Exchange; resource: string } | undefined> => {
    if (isLockStyle(ex) || (config.readOnly && ex.request.method !== 'GET')) return undefined
    const base = input.client.url('')
    if (!ex.request.url.startsWith(base)) return undefined
    const path = ex.request.url.slice(base.length)
    const made: Tracked[] = []
    return probeClient.alone(async (solo) => {
      const probe: FlowContext = {
        ...ctx,
        scim: solo,
        created: { add: (type, id, name) => made.push({ type, id, name }), forget: () => undefined },
      }
      try {
        // A read is re-sent as it was (reading changes nothing); a write on a fresh resource by the request layer.
        if (ex.request.method === 'GET') return { again: await solo.get(path), resource: 'read of the same resource' }
        return await input.steps?.resendOnFresh?.(ex, path, probe)
      } finally {
        leftovers.push(...(await deleteResources(solo.fork({ role: 'cleanup' }), made, resources)))
      }
    })
  }
  let queue = concurrent
  let index = 0
  const worker = async (): Promise<void> => {
    for (;;) {
      const inst = queue[index++]
      if (!inst) return
      const i = instances.indexOf(inst)
      try {
        const flowResults = await runFlow(inst.flow, inst.dialect, i)
        results.push(...flowResults)
        input.onFlow?.(inst.flow, inst.dialect, flowResults)
      } catch (err) {
        crash ??= `${inst.flow.title}: ${err instanceof Error ? `${err.name}: ${err.message}` : String(err)}`
        crashed.abort(new Error(`the run crashed (${crash})`))
        // Flows waiting for a presumption this one would have proved must not wait for ever.
        for (const pr of provers.values()) pr.settle({})
        return
      }
    }
  }

  async function runFlow(flow: FlowDefinition, dialect: Dialect | undefined, ordinal: number): Promise<CheckResult[]> {
    const own = checksOf(flow, catalog)
    const out: CheckResult[] = []
    const executed = new Set<string>()
    const outcomes = new Map<string, CheckResult['outcome']>()
    // A check blocked by a check that was itself blocked names the first step that went wrong, not the one between.
    const rootBlocker = new Map<string, string>()
    const rootOf = (id: string): string => rootBlocker.get(id) ?? id
    // The check that failed on an exchange: a later check that depends on that request is blocked by it.
    const failedOn = new Map<number, string>()
    // The first 5xx or dropped connection of this flow instance: every failure after it is blocked by SERVER_ERRORS_CHECK.
    // Every 5xx and dropped connection of this flow instance (the answer it ended with, not an attempt re-sent), and
    // whether it came back when the same request was re-sent alone on a fresh resource (recurs: a defect of that request).
    const serverErrors: Exchange[] = []
    const recurs = new Map<number, { again: Exchange; resource: string } | false>()
    let since = new Set<number>()
    const mine: Tracked[] = []
    const client = input.client.fork({
      sink: (ex) => {
        since.add(ex.seq)
        if (!signal.aborted && !ex.retried && isServerError(ex)) serverErrors.push(ex)
      },
      signal,
    })
    let stop: { reason: string; by?: string } | undefined
    const skipReason = signal.aborted
      ? stopMessage(signal)
      : flow.writes && config.readOnly
        ? 'read-only mode sends no writes'
        : flow.groups && !config.groups
          ? '--no-groups: group flows are skipped (gallery onboarding requires groups)'
          : input.credentialProblem && !flow.checksCredentials
            ? input.credentialProblem
            : undefined
    /** The first server error that did not come back (or is not yet re-sent): the run-wide cause blocks what follows it. */
    const lostError = (): Exchange | undefined =>
      serverErrors.find((ex) => (recurs.get(ex.seq) !== undefined ? recurs.get(ex.seq) === false : true))
    const settleServerErrors = async (): Promise<void> => {
      for (const ex of serverErrors) {
        if (recurs.has(ex.seq) || signal.aborted) continue
        const again = await resendAlone(ex, ctx)
        const same =
          again &&
          isServerError(again.again) &&
          (again.again.response?.status ?? 'none') === (ex.response?.status ?? 'none')
        recurs.set(ex.seq, same ? again : false)
        if (same) recurring.add(ex.seq).add(again.again.seq)
      }
    }
    const serverErrorNote = (ex: Exchange): string =>
      `blocked by ${SERVER_ERRORS_CHECK}: ${requestLine(ex)} (a server error, not a defect of this feature), so this check could not be judged`

    const ctx: FlowContext = {
      scim: client,
      // One dialect per run: a flow that runs once sends the first dialect the run names (--dialect), never a fixed one.
      dialect: dialect ?? config.dialects[0] ?? 'legacy',
      // A seed per flow instance keeps data reproducible however flows interleave.
      data: new TestData(input.runPrefix, config.seed + ordinal * 7919),
      profile: input.profile,
      matchingAttribute: config.matchingAttribute ?? input.profile.matchingAttribute,
      config,
      tokens: input.tokens,
      created: {
        add: (type, id, name) => {
          const t = { type, id, name }
          mine.push(t)
          resources.add(t)
        },
        forget: (type, id) => {
          const at = mine.findIndex((t) => t.type === type && t.id === id)
          if (at >= 0) mine.splice(at, 1)
          resources.forget(type, id)
        },
      },
      check: async (id, body) => {
        const info = catalog[id]
        if (!info) throw new Error(`check id '${id}' is not in the catalog`)
        // Answers cut short by Ctrl-C or --max-time say nothing about the server: the rest of the flow is skipped.
        if (signal.aborted) throw new FlowStopped(stopMessage(signal))
        if (!id.startsWith(`${flow.id}/`)) throw new Error(`check '${id}' does not belong to flow '${flow.id}'`)
        executed.add(id)
        const cited = new Set<number>()
        const started = performance.now()
        let outcome: CheckResult['outcome'] = 'passed'
        let failure: { message: string; expected?: unknown; actual?: unknown } | undefined
        let blockedBy: string | undefined
        let judged: { observed?: Observed; entra: CheckInfo['entra']; fix: string } | undefined
        // A server error not yet re-sent is re-sent now, before anything is judged on it.
        if (serverErrors.some((ex) => !recurs.has(ex.seq))) await settleServerErrors()
        const scope = {
          cited,
          blockerOf: (ex: Exchange) =>
            isServerError(ex) && !recurs.get(ex.seq) ? SERVER_ERRORS_CHECK : failedOn.get(ex.seq),
        }
        try {
          const note = await citations.run(scope, body)
          if (typeof note === 'string' && note !== '') failure = { message: note }
        } catch (err) {
          if (err instanceof ReadOnlyViolation) throw err
          if (err instanceof CheckBlocked) {
            outcome = 'blocked'
            blockedBy = rootOf(err.by)
            failure = { message: err.message }
          } else if (err instanceof CheckSkipped) {
            outcome = 'skipped'
            failure = { message: err.message }
          } else if (lostError()) {
            // The server failed somewhere in this flow: what went wrong after it may be its echo, not a defect.
            outcome = 'blocked'
            blockedBy = SERVER_ERRORS_CHECK
            failure = { message: serverErrorNote(lostError()!) }
          } else {
            outcome = failsRun(info.severity, config) ? 'failed' : 'warned'
            failure =
              err instanceof CheckFailure
                ? { message: err.message, expected: err.expected, actual: err.actual }
                : { message: `could not evaluate the answer: ${(err as Error).message}` }
            const about = err instanceof CheckFailure ? err.about : undefined
            // A 5xx that came back when re-sent alone is this request's defect: the failure says so and quotes the server.
            const again = about ? recurs.get(about.seq) : undefined
            if (again) failure.message += ` ${recurrenceNote(about!, again)}`
            if (about) {
              const observed = observe(about)
              const detail = errorDetail(about)
              const chosen = observedConsequence(info, {
                answer: observed.answer,
                method: about.request.method,
                status: observed.status,
                request: observed.request,
                ...(detail ? { detail } : {}),
              })
              judged = { observed, ...chosen }
            }
            // What the flow read back can decide the consequence better than the answer class alone.
            if (err instanceof CheckFailure && err.observed) {
              judged = {
                ...(judged ?? { entra: info.entra, fix: info.fix }),
                ...(err.observed.entra ? { entra: err.observed.entra } : {}),
                ...(err.observed.fix ? { fix: err.observed.fix } : {}),
              }
            }
          }
        }
        const seqs = [...new Set([...since, ...cited])].sort((a, b) => a - b)
        since = new Set()
        outcomes.set(id, outcome)
        if (outcome === 'blocked' && blockedBy) rootBlocker.set(id, blockedBy)
        for (const pr of provers.values())
          if (pr.index === ordinal && pr.check === id) pr.settle(establishedBy(id, outcome, blockedBy, pr.detail))
        if (outcome === 'failed' || outcome === 'warned')
          for (const seq of seqs) if (!failedOn.has(seq)) failedOn.set(seq, id)
        if (!isSelected(id, config)) return outcome === 'passed'
        const result = makeResult(
          id,
          info,
          flow,
          dialect,
          outcome,
          seqs,
          performance.now() - started,
          failure,
          blockedBy,
          judged,
        )
        out.push(result)
        input.onCheck?.(result)
        return outcome === 'passed' || outcome === 'warned'
      },
      requirePassed(id, why) {
        const outcome = outcomes.get(id)
        if (outcome === 'blocked') throw new CheckBlocked(id, `blocked by ${rootOf(id)} (through ${id}): ${why}`)
        if (outcome !== 'passed' && outcome !== 'warned')
          throw new CheckBlocked(id, `blocked by ${id}${outcome ? ` (${outcome})` : ''}: ${why}`)
      },
      require(value, reason, blockedBy) {
        if (value) return value
        if (lostError()) throw new FlowStopped(serverErrorNote(lostError()!), SERVER_ERRORS_CHECK)
        throw new FlowStopped(blockedBy ? `blocked by ${blockedBy}: ${reason}` : reason, blockedBy)
      },
      async presumed(p) {
        const pr = provers.get(p)
        if (!pr) return {}
        if (pr.index === ordinal) return pr.state ?? (pr.detail !== undefined ? { detail: pr.detail } : {})
        // Only a flow that started earlier (and is not waiting for this one) is waited for: never a deadlock.
        if (pr.index > ordinal || (pr.alone && !flow.alone)) return {}
        return pr.result
      },
      async presume(p, why) {
        const e = await ctx.presumed(p)
        if (e.holds === false && e.by)
          throw new CheckBlocked(
            e.by,
            `blocked by ${e.by}: this check presumes ${PRESUMPTIONS[p].says}, which this run showed it does not, so ${why}`,
          )
      },
      establish(p, detail) {
        const pr = provers.get(p)
        if (pr && pr.index === ordinal) pr.detail = detail
      },
    }

    if (!skipReason) {
      try {
        await flow.run(ctx)
      } catch (err) {
        if (err instanceof ReadOnlyViolation) throw err
        if (!signal.aborted) await settleServerErrors()
        const serverError = lostError()
        stop =
          err instanceof FlowStopped
            ? { reason: err.message, ...(err.by ? { by: err.by } : {}) }
            : serverError
              ? { reason: serverErrorNote(serverError), by: SERVER_ERRORS_CHECK }
              : { reason: `the flow stopped: ${(err as Error).message}` }
        if (signal.aborted) stop = { reason: stopMessage(signal) }
      } finally {
        // A write the server accepted and did not apply is diagnosed while the flow's resources still exist.
        if (!signal.aborted) await input.steps?.diagnoseFlow?.(ctx, out, exchanges).catch(() => undefined)
        leftovers.push(...(await deleteResources(cleanupClient, mine, resources, flow.alone ? parallelism : 1)))
      }
    }
    // A presumption this instance was to prove but never judged (stopped, skipped) stays unknown: the relying checks
    // judge on their own rather than being blocked by a step of another flow.
    for (const pr of provers.values()) if (pr.index === ordinal && !pr.state) pr.settle({})
    for (const id of own) {
      if (executed.has(id) || !isSelected(id, config)) continue
      const outcome = !skipReason && stop?.by ? 'blocked' : 'skipped'
      const result = makeResult(
        id,
        catalog[id]!,
        flow,
        dialect,
        outcome,
        [],
        0,
        { message: skipReason ?? stop?.reason ?? 'not reached' },
        outcome === 'blocked' && stop?.by ? rootOf(stop.by) : undefined,
      )
      out.push(result)
      input.onCheck?.(result)
    }
    return out
  }

  await Promise.all(Array.from({ length: parallelism }, worker))
  queue = alone
  index = 0
  if (!crash) await worker()
  // Whatever is still tracked (a flow that died before its finally, an interrupted run) is deleted now.
  leftovers.push(...(await deleteResources(cleanupClient, resources.pending, resources, parallelism)))
  untap()
  const serverCheck = serverErrorsResult(
    catalog,
    config,
    exchanges.filter((ex) => !recurring.has(ex.seq)),
    signal,
  )
  if (serverCheck) {
    results.push(serverCheck)
    input.onCheck?.(serverCheck)
  }
  const order = new Map(instances.map((inst, i) => [`${inst.flow.id}@${inst.dialect ?? ''}`, i]))
  // The run-wide check is judged last and listed last.
  order.set(`${flowIdOf(SERVER_ERRORS_CHECK)}@`, instances.length)
  const catalogOrder = new Map(Object.keys(catalog).map((id, i) => [id, i]))
  results.sort(
    (a, b) =>
      (order.get(`${flowIdOf(a.id)}@${a.dialect ?? ''}`) ?? 0) -
        (order.get(`${flowIdOf(b.id)}@${b.dialect ?? ''}`) ?? 0) ||
      (catalogOrder.get(a.id) ?? 0) - (catalogOrder.get(b.id) ?? 0),
  )
  exchanges.sort((a, b) => a.seq - b.seq)
  return { checks: results, exchanges, leftovers, ...(crash ? { crash } : {}) }
}

/** A 5xx that says the database was busy or locked (or 503): an error of load, which concurrent requests cause. */
export function isLockStyle(ex: Exchange): boolean {
  return ex.response !== undefined && isLockAnswer(ex.response.status, ex.response.rawText ?? ex.response.body)
}

/** "Re-sent alone on a fresh user, the same request answered 500 again ("…")": why a 5xx is this request's defect. */
function recurrenceNote(first: Exchange, { again, resource }: { again: Exchange; resource: string }): string {
  const detail = errorDetail(again) ?? errorDetail(first)
  const outcome = again.response
    ? `answered ${again.response.status} again`
    : `got no answer again (${again.error ?? 'unknown error'})`
  return (
    `Re-sent once, alone, on a fresh ${resource}, the same request ${outcome}${detail ? ` ("${detail}")` : ''}: a defect of this request, ` +
    'not a passing server error. Entra retries such an object every cycle and counts each failure toward quarantine.'
  )
}

interface Prover {
  check: string
  /** The flow instance (index in run order) whose check proves it: the first instance of the flow that owns the check. */
  index: number
  alone: boolean
  detail?: unknown
  state?: Established
  settle(e: Established): void
  result: Promise<Established>
}

/** The instance that proves each presumption in this run, with a promise the relying flows wait on. */
function proversOf(
  instances: { flow: FlowDefinition }[],
  catalog: Readonly<Record<string, CheckInfo>>,
): Map<Presumption, Prover> {
  const out = new Map<Presumption, Prover>()
  for (const [p, { check }] of Object.entries(PRESUMPTIONS) as [Presumption, (typeof PRESUMPTIONS)[Presumption]][]) {
    const index = instances.findIndex((inst) => check.startsWith(`${inst.flow.id}/`))
    if (index < 0 || !catalog[check]) continue
    let resolve!: (e: Established) => void
    const pr: Prover = {
      check,
      index,
      alone: !!instances[index]!.flow.alone,
      result: new Promise<Established>((r) => {
        resolve = r
      }),
      settle(e) {
        if (pr.state) return
        pr.state = e
        resolve(e)
      },
    }
    out.set(p, pr)
  }
  return out
}

/** What a proving check's outcome establishes: passed holds; failed or warned is broken (blocked by it); blocked is
 * broken for the same reason the check was blocked; skipped says nothing. */
function establishedBy(
  id: string,
  outcome: CheckResult['outcome'],
  blockedBy: string | undefined,
  detail: unknown,
): Established {
  const d = detail !== undefined ? { detail } : {}
  if (outcome === 'passed') return { holds: true, ...d }
  if (outcome === 'failed' || outcome === 'warned' || outcome === 'waived') return { holds: false, by: id, ...d }
  if (outcome === 'blocked') return { holds: false, by: blockedBy ?? id, ...d }
  return d
}

function stopMessage(signal: AbortSignal): string {
  const reason: unknown = signal.reason
  return reason instanceof Error && reason.name !== 'AbortError' ? reason.message : 'the run was stopped'
}

function flowIdOf(checkId: string): string {
  return checkId.slice(0, checkId.indexOf('/'))
}

function makeResult(
  id: string,
  info: CheckInfo,
  flow: FlowDefinition,
  dialect: Dialect | undefined,
  outcome: CheckResult['outcome'],
  exchanges: number[],
  durationMs: number,
  failure?: { message: string; expected?: unknown; actual?: unknown },
  blockedBy?: string,
  judged?: { observed?: Observed; entra: CheckInfo['entra']; fix: string },
): CheckResult {
  return {
    id,
    title: info.title,
    flow: flow.title,
    ...(dialect ? { dialect } : {}),
    severity: info.severity,
    evidence: { says: info.evidence.says, sources: [...info.evidence.sources] },
    refs: [...info.refs],
    outcome,
    ...(failure?.message ? { message: failure.message } : {}),
    ...(failure && 'expected' in failure && failure.expected !== undefined ? { expected: failure.expected } : {}),
    ...(failure && 'actual' in failure && failure.actual !== undefined ? { actual: failure.actual } : {}),
    ...(blockedBy ? { blockedBy } : {}),
    exchanges,
    durationMs: Math.round(durationMs * 10) / 10,
    ...(judged?.observed ? { observed: judged.observed } : {}),
    entra: consequenceAtLevel(info.severity, withoutPresumption(judged?.entra ?? info.entra)),
    fix: judged?.fix ?? info.fix,
  }
}

/** The consequence as reports show it (what it presumed is the runner's business). */
function withoutPresumption(entra: CheckInfo['entra']): CheckInfo['entra'] {
  const { presumes: _presumes, ...shown } = entra
  return shown
}

/**
 * The run-wide server-error check: failed when any request of the run (cleanup included) got a 5xx or no answer, after
 * the client's one re-send of a GET or DELETE; its exchanges are those requests. Absent when not selected and passed.
 */
function serverErrorsResult(
  catalog: Readonly<Record<string, CheckInfo>>,
  config: RunConfig,
  exchanges: Exchange[],
  signal: AbortSignal,
): CheckResult | undefined {
  const info = catalog[SERVER_ERRORS_CHECK]
  if (!info) return undefined
  // An attempt the client re-sent is on the record (the HAR is the wire), but only the answer it ended with counts.
  // A lock-style attempt re-sent alone counts too: the server failed it, as it would fail Entra's request that cycle.
  const errors = exchanges
    .filter((ex) => (!ex.retried || isLockStyle(ex)) && isServerError(ex))
    .sort((a, b) => a.seq - b.seq)
  // Checks blocked by it need it in the report whatever --only selected: a run whose answers were all lost is not green.
  if (!isSelected(SERVER_ERRORS_CHECK, config) && errors.length === 0) return undefined
  const flow = { id: 'run', title: 'The whole run' } as FlowDefinition
  if (errors.length === 0) {
    return signal.aborted
      ? makeResult(SERVER_ERRORS_CHECK, info, flow, undefined, 'skipped', [], 0, { message: stopMessage(signal) })
      : makeResult(SERVER_ERRORS_CHECK, info, flow, undefined, 'passed', [], 0)
  }
  const first = errors[0]!
  const observed = observe(first)
  const kinds = [...new Set(errors.map((ex) => (ex.response ? String(ex.response.status) : 'no answer')))].join(', ')
  const message =
    `${errors.length} answer(s) were a server error (${kinds}), after one re-send of the idempotent requests (an answer saying the database was locked or busy is re-sent alone, up to ${LOCK_RESENDS} times, and each counts); the first: ${requestLine(first)}` +
    `${errorDetail(first) ? ` ("${errorDetail(first)}")` : ''}. The checks that needed those answers are blocked, not failed.` +
    // Lock-style errors come from concurrent writes: the suite keeps its concurrency (so the run stays comparable) and says once how to get a stable verdict.
    ((config.concurrency ?? 4) > 1 && errors.some(isLockStyle)
      ? ` Some say the database was locked or busy: run with --concurrency 1 (one request at a time) for a stable verdict on this server.`
      : '')
  const outcome = failsRun(info.severity, config) ? 'failed' : 'warned'
  return makeResult(
    SERVER_ERRORS_CHECK,
    info,
    flow,
    undefined,
    outcome,
    errors.map((ex) => ex.seq),
    0,
    { message, expected: 'no 5xx, no dropped connection', actual: kinds },
    undefined,
    { observed, entra: info.entra, fix: info.fix },
  )
}
