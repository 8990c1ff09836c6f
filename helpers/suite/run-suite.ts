// Executes flows against a target and builds the run's check results. Flows run concurrently (each is independent and
// creates its own data); each flow deletes what it created when it ends, whatever happened in it. One flow instance's
// run is flow-run.ts, the judging of one check judge.ts, the server errors' weighing server-errors.ts.
import type { CheckInfo } from '../model/check-info.ts'
import type { Exchange } from '../model/exchange.ts'
import type { CheckResult, LeftoverResource } from '../model/result.ts'
import type { TokenSource } from '../client/oauth.ts'
import type { ScimClient } from '../client/scim-client.ts'
import type { Profile } from '../entra/profile.ts'
import type { Dialect } from '../model/dialect.ts'
import { SERVER_ERRORS_CHECK, type FlowContext, type FlowDefinition, type RunnerSteps } from './flow.ts'
import { FlowRun, stopMessage, type RunShared } from './flow-run.ts'
import type { Recurrence } from './judge.ts'
import type { RunnerOptions } from './options.ts'
import { proversOf } from './provers.ts'
import { deleteResources, RunResources, type Tracked } from './resources.ts'
import { checksOf, flowInstances, isSelected } from './selection.ts'
import { isLockStyle, serverErrorsResult } from './server-errors.ts'

export { checksOf, flowInstances, fullRunSize, isSelected } from './selection.ts'
export { deleteResources, RunResources } from './resources.ts'
export { isLockStyle } from './server-errors.ts'
export { runnerOptions, type RunnerOptions } from './options.ts'

export interface SuiteInput {
  /** What the runner reads of the run's settings (runnerOptions builds them from a run's configuration). */
  options: RunnerOptions
  flows: readonly FlowDefinition[]
  catalog: Readonly<Record<string, CheckInfo>>
  client: ScimClient
  profile: Profile
  runPrefix: string
  /** Aborted on Ctrl-C or --max-time: in-flight requests stop, cleanup still runs. */
  signal: AbortSignal
  onCheck?: (result: CheckResult) => void
  onFlow?: (flow: FlowDefinition, dialect: Dialect | undefined, results: CheckResult[]) => void
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

type Instance = { flow: FlowDefinition; dialect?: Dialect }

export async function runSuite(input: SuiteInput): Promise<SuiteOutput> {
  const exchanges: Exchange[] = []
  // The run's record is the wire: every request any client of the run sends (tokens, setup, cleanup included).
  const untap = input.client.tap((ex) => exchanges.push(ex))
  // A crash stops the other flows too; their requests abort and their finally blocks delete what they made.
  const crashed = new AbortController()
  const signal = AbortSignal.any([input.signal, crashed.signal])
  const instances = flowInstances(input.flows, input.options.dialects).filter(({ flow }) =>
    checksOf(flow, input.catalog).some((id) => isSelected(id, input.options)),
  )
  const run = sharedRun(input, instances, exchanges, signal)
  const results: CheckResult[] = []
  let crash: string | undefined
  const runInstance = async (inst: Instance): Promise<boolean> => {
    try {
      const flowResults = await new FlowRun(run, inst.flow, inst.dialect, instances.indexOf(inst)).execute()
      results.push(...flowResults)
      input.onFlow?.(inst.flow, inst.dialect, flowResults)
      return true
    } catch (err) {
      crash ??= `${inst.flow.title}: ${err instanceof Error ? `${err.name}: ${err.message}` : String(err)}`
      crashed.abort(new Error(`the run crashed (${crash})`))
      // Flows waiting for a presumption this one would have proved must not wait for ever.
      for (const pr of run.provers.values()) pr.settle({})
      return false
    }
  }
  await inParallel(
    instances.filter((inst) => !inst.flow.alone),
    run.parallelism,
    runInstance,
  )
  if (!crash)
    await inParallel(
      instances.filter((inst) => inst.flow.alone),
      1,
      runInstance,
    )
  // Whatever is still tracked (a flow that died before its finally, an interrupted run) is deleted now.
  run.leftovers.push(
    ...(await deleteResources(run.cleanupClient, run.resources.pending, run.resources, run.parallelism)),
  )
  untap()
  const serverCheck = serverErrorsResult(
    input.catalog[SERVER_ERRORS_CHECK],
    { ...input.options, selected: isSelected(SERVER_ERRORS_CHECK, input.options) },
    exchanges.filter((ex) => !run.recurring.has(ex.seq)),
    signal.aborted ? stopMessage(signal) : undefined,
  )
  if (serverCheck) {
    results.push(serverCheck)
    input.onCheck?.(serverCheck)
  }
  sortResults(results, instances, input.catalog)
  exchanges.sort((a, b) => a.seq - b.seq)
  return { checks: results, exchanges, leftovers: run.leftovers, ...(crash ? { crash } : {}) }
}

/** What the run's flow instances share: its clients, what it created, what the presumptions' provers found. */
function sharedRun(input: SuiteInput, instances: Instance[], exchanges: Exchange[], signal: AbortSignal): RunShared {
  const resources = new RunResources()
  const leftovers: LeftoverResource[] = []
  const probeClient = input.client.fork({ sink: undefined, signal, readOnly: false, role: 'probe' })
  return {
    options: input.options,
    catalog: input.catalog,
    client: input.client,
    cleanupClient: input.client.fork({ sink: undefined, signal: undefined, readOnly: false, role: 'cleanup' }),
    profile: input.profile,
    runPrefix: input.runPrefix,
    tokens: input.tokens,
    credentialProblem: input.credentialProblem,
    steps: input.steps,
    onCheck: input.onCheck,
    signal,
    parallelism: Math.max(1, input.options.concurrency),
    resources,
    leftovers,
    exchanges,
    provers: proversOf(instances, input.catalog),
    recurring: new Set<number>(),
    resendAlone: (ex, ctx) => resendAlone(ex, ctx, { input, probeClient, resources, leftovers }),
  }
}

/**
 * Re-sends the request shape of a server error once, alone (nothing else of the run in flight), on a fresh
 * run-prefixed resource, and deletes that resource. Undefined when the error is lock-style (a database busy under
 * concurrent writes is the run's cause, never one request's) or the request has no fresh-resource form.
 */
async function resendAlone(
  ex: Exchange,
  ctx: FlowContext,
  run: { input: SuiteInput; probeClient: ScimClient; resources: RunResources; leftovers: LeftoverResource[] },
): Promise<Recurrence | undefined> {
  const { input } = run
  if (isLockStyle(ex) || (input.options.readOnly && ex.request.method !== 'GET')) return undefined
  const base = input.client.url('')
  if (!ex.request.url.startsWith(base)) return undefined
  const path = ex.request.url.slice(base.length)
  const made: Tracked[] = []
  return run.probeClient.alone(async (solo) => {
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
      run.leftovers.push(...(await deleteResources(solo.fork({ role: 'cleanup' }), made, run.resources)))
    }
  })
}

/** Runs each item, `workers` at a time in order; a worker stops taking items after one that returns false. */
async function inParallel<T>(items: T[], workers: number, runOne: (item: T) => Promise<boolean>): Promise<void> {
  let next = 0
  const worker = async (): Promise<void> => {
    for (let item = items[next++]; item !== undefined; item = items[next++]) if (!(await runOne(item))) return
  }
  await Promise.all(Array.from({ length: workers }, worker))
}

/** Results in run order (flow instances as run, then catalog order within one); the run-wide check last. */
function sortResults(
  results: CheckResult[],
  instances: Instance[],
  catalog: Readonly<Record<string, CheckInfo>>,
): void {
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
}

function flowIdOf(checkId: string): string {
  return checkId.slice(0, checkId.indexOf('/'))
}
