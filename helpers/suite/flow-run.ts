// One flow instance of a run (a flow, in one dialect where it runs per dialect): its context, the running and judging
// of each of its checks, what stops it, the cleanup of what it created, and the checks it never reached.
import type { CheckInfo } from '../model/check-info.ts'
import type { Dialect } from '../model/dialect.ts'
import { ReadOnlyViolation } from '../model/errors.ts'
import type { Exchange } from '../model/exchange.ts'
import type { CheckResult, LeftoverResource } from '../model/result.ts'
import type { TokenSource } from '../client/oauth.ts'
import type { ScimClient } from '../client/scim-client.ts'
import type { Profile } from '../entra/profile.ts'
import { TestData } from '../entra/test-data.ts'
import { CheckBlocked, isServerError, type CitationScope, type CitingSender } from './expect-scim.ts'
import {
  FlowStopped,
  PRESUMPTIONS,
  SERVER_ERRORS_CHECK,
  type FlowContext,
  type FlowDefinition,
  type Presumption,
  type RunnerSteps,
} from './flow.ts'
import {
  checkResult,
  establishedBy,
  judgeCheck,
  serverErrorNote,
  type BodyEnd,
  type Judgment,
  type Outcome,
} from './judge.ts'
import type { RunnerOptions } from './options.ts'
import type { Prover } from './provers.ts'
import { deleteResources, type RunResources, type Tracked } from './resources.ts'
import { checksOf, isSelected } from './selection.ts'
import { FlowServerErrors, type ResendAlone } from './server-errors.ts'

/** What every flow instance of a run shares. */
export interface RunShared {
  options: RunnerOptions
  catalog: Readonly<Record<string, CheckInfo>>
  client: ScimClient
  cleanupClient: ScimClient
  profile: Profile
  runPrefix: string
  tokens?: TokenSource
  credentialProblem?: string
  steps?: RunnerSteps
  onCheck?: (result: CheckResult) => void
  /** The run's signal: Ctrl-C, --max-time, or a crash of another flow. */
  signal: AbortSignal
  /** DELETEs at once in the cleanup of a flow that runs alone. */
  parallelism: number
  resources: RunResources
  leftovers: LeftoverResource[]
  exchanges: Exchange[]
  provers: Map<Presumption, Prover>
  /** Server errors that came back when re-sent alone (originals and re-sends): left to the checks that sent them. */
  recurring: Set<number>
  /** Re-sends a server error's request alone on a fresh resource made through this flow's context. */
  resendAlone(ex: Exchange, ctx: FlowContext): ReturnType<ResendAlone>
}

/** Why the rest of a flow instance was not judged: `by` the check it is blocked by (none: skipped). */
interface Stop {
  reason: string
  by?: string
}

/** Why checks stopped by the run's signal are skipped: its reason in words. */
export function stopMessage(signal: AbortSignal): string {
  const reason: unknown = signal.reason
  return reason instanceof Error && reason.name !== 'AbortError' ? reason.message : 'the run was stopped'
}

export class FlowRun implements CitingSender {
  /** The check whose body is running now (they run one at a time), for the assertions on this instance's exchanges. */
  citing: CitationScope | undefined
  private readonly out: CheckResult[] = []
  private readonly executed = new Set<string>()
  private readonly outcomes = new Map<string, Outcome>()
  // A check blocked by a check that was itself blocked names the first step that went wrong, not the one between.
  private readonly rootBlocker = new Map<string, string>()
  // The check that failed on an exchange: a later check that depends on that request is blocked by it.
  private readonly failedOn = new Map<number, string>()
  private readonly serverErrors: FlowServerErrors
  /** The exchanges since the last check ended: the next check's evidence. */
  private since = new Set<number>()
  /** What this instance created and has not deleted. */
  private readonly mine: Tracked[] = []
  readonly ctx: FlowContext

  constructor(
    private readonly run: RunShared,
    private readonly flow: FlowDefinition,
    private readonly dialect: Dialect | undefined,
    /** The instance's index in run order. */
    private readonly ordinal: number,
  ) {
    this.serverErrors = new FlowServerErrors(run.signal, run.recurring)
    this.ctx = this.context()
  }

  /** Runs the flow (unless it is skipped), cleans up after it, and returns every selected check's result. */
  async execute(): Promise<CheckResult[]> {
    const skipReason = this.skipReason()
    const stop = skipReason ? undefined : await this.runFlow()
    // A presumption this instance was to prove but never judged (stopped, skipped) stays unknown: the relying checks
    // judge on their own rather than being blocked by a step of another flow.
    for (const pr of this.run.provers.values()) if (pr.index === this.ordinal && !pr.state) pr.settle({})
    this.reportUnreached(skipReason, stop)
    return this.out
  }

  /** Why the whole flow instance is skipped before it sends anything, if it is. */
  private skipReason(): string | undefined {
    const { options, signal, credentialProblem } = this.run
    if (signal.aborted) return stopMessage(signal)
    if (this.flow.writes && options.readOnly) return 'read-only mode sends no writes'
    if (this.flow.groups && !options.groups)
      return '--no-groups: group flows are skipped (gallery onboarding requires groups)'
    if (credentialProblem && !this.flow.checksCredentials) return credentialProblem
    return undefined
  }

  /** The flow's own run, then the diagnosis of what it saw and the deletion of what it created; what stopped it. */
  private async runFlow(): Promise<Stop | undefined> {
    const { signal } = this.run
    try {
      await this.flow.run(this.ctx)
      return undefined
    } catch (err) {
      if (err instanceof ReadOnlyViolation) throw err
      if (!signal.aborted) await this.settleServerErrors()
      if (signal.aborted) return { reason: stopMessage(signal) }
      return this.stopOf(err)
    } finally {
      // A write the server accepted and did not apply is diagnosed while the flow's resources still exist.
      if (!signal.aborted)
        await this.run.steps?.diagnoseFlow?.(this.ctx, this.out, this.run.exchanges).catch(() => undefined)
      const parallel = this.flow.alone ? this.run.parallelism : 1
      this.run.leftovers.push(
        ...(await deleteResources(this.run.cleanupClient, this.mine, this.run.resources, parallel)),
      )
    }
  }

  /** What an exception that ended the flow means for the checks it did not reach. */
  private stopOf(err: unknown): Stop {
    if (err instanceof FlowStopped) return { reason: err.message, ...(err.by ? { by: err.by } : {}) }
    const serverError = this.serverErrors.lost()
    if (serverError) return { reason: serverErrorNote(serverError), by: SERVER_ERRORS_CHECK }
    return { reason: `the flow stopped: ${(err as Error).message}` }
  }

  /** Every selected check of the flow it did not run: blocked by what stopped it, or skipped. */
  private reportUnreached(skipReason: string | undefined, stop: Stop | undefined): void {
    const { catalog, options } = this.run
    for (const id of checksOf(this.flow, catalog)) {
      if (this.executed.has(id) || !isSelected(id, options)) continue
      const blocked = !skipReason && stop?.by
      const judgment: Judgment = {
        outcome: blocked ? 'blocked' : 'skipped',
        failure: { message: skipReason ?? stop?.reason ?? 'not reached' },
        ...(blocked ? { blockedBy: this.rootOf(stop.by!) } : {}),
      }
      this.report(checkResult(id, catalog[id]!, this.where, judgment))
    }
  }

  /** Where this instance's results come from, as reports name it. */
  private get where(): { flow: FlowDefinition; dialect?: Dialect } {
    return { flow: this.flow, ...(this.dialect ? { dialect: this.dialect } : {}) }
  }

  private report(result: CheckResult): void {
    this.out.push(result)
    this.run.onCheck?.(result)
  }

  private rootOf(id: string): string {
    return this.rootBlocker.get(id) ?? id
  }

  private settleServerErrors(): Promise<void> {
    return this.serverErrors.settle((ex) => this.run.resendAlone(ex, this.ctx))
  }

  /** Runs one check's body and judges it; true when it passed (or warned). */
  private async check(id: string, body: () => void | string | Promise<void | string>): Promise<boolean> {
    const { catalog, signal, options } = this.run
    const info = catalog[id]
    if (!info) throw new Error(`check id '${id}' is not in the catalog`)
    // Answers cut short by Ctrl-C or --max-time say nothing about the server: the rest of the flow is skipped.
    if (signal.aborted) throw new FlowStopped(stopMessage(signal))
    if (!id.startsWith(`${this.flow.id}/`)) throw new Error(`check '${id}' does not belong to flow '${this.flow.id}'`)
    this.executed.add(id)
    const cited = new Set<number>()
    const started = performance.now()
    // A server error not yet re-sent is re-sent now, before anything is judged on it.
    if (this.serverErrors.unsettled) await this.settleServerErrors()
    const end = await this.runBody(body, cited)
    const judgment = judgeCheck(end, info, options, {
      lostError: this.serverErrors.lost(),
      recurrence: (seq) => this.serverErrors.recurrence(seq),
      rootOf: (by) => this.rootOf(by),
    })
    const seqs = [...new Set([...this.since, ...cited])].sort((a, b) => a - b)
    this.since = new Set()
    this.remember(id, judgment, seqs)
    const { outcome } = judgment
    if (!isSelected(id, options)) return outcome === 'passed'
    this.report(checkResult(id, info, this.where, judgment, seqs, performance.now() - started))
    return outcome === 'passed' || outcome === 'warned'
  }

  /** The body, with the exchanges it cites collected and the checks it depends on known by exchange. */
  private async runBody(body: () => void | string | Promise<void | string>, cited: Set<number>): Promise<BodyEnd> {
    const scope: CitationScope = {
      cited,
      blockerOf: (ex: Exchange) =>
        isServerError(ex) && !this.serverErrors.recurrence(ex.seq) ? SERVER_ERRORS_CHECK : this.failedOn.get(ex.seq),
    }
    this.citing = scope
    try {
      return { returned: await body() }
    } catch (err) {
      if (err instanceof ReadOnlyViolation) throw err
      return { threw: err }
    } finally {
      this.citing = undefined
    }
  }

  /** What later checks and other flows learn from a judgment: its outcome, its blocker, the presumption it proves, and
   * the exchanges a later check depending on them is blocked by. */
  private remember(id: string, { outcome, blockedBy }: Judgment, seqs: number[]): void {
    this.outcomes.set(id, outcome)
    if (outcome === 'blocked' && blockedBy) this.rootBlocker.set(id, blockedBy)
    for (const pr of this.run.provers.values())
      if (pr.index === this.ordinal && pr.check === id) pr.settle(establishedBy(id, outcome, blockedBy, pr.detail))
    if (outcome === 'failed' || outcome === 'warned')
      for (const seq of seqs) if (!this.failedOn.has(seq)) this.failedOn.set(seq, id)
  }

  /** The context the flow runs with: the run's data for this instance, and the runner's hooks. */
  private context(): FlowContext {
    const { options, profile } = this.run
    const client = this.run.client.fork({
      // Exchanges name this instance as their sender: an assertion on one cites it for the check running here.
      sender: this,
      sink: (ex) => {
        this.since.add(ex.seq)
        this.serverErrors.record(ex)
      },
      signal: this.run.signal,
    })
    const ctx: FlowContext = {
      scim: client,
      // One dialect per run: a flow that runs once sends the first dialect the run names (--dialect), never a fixed one.
      dialect: this.dialect ?? options.dialects[0] ?? 'legacy',
      // A seed per flow instance keeps data reproducible however flows interleave.
      data: new TestData(this.run.runPrefix, options.seed + this.ordinal * 7919),
      profile,
      matchingAttribute: options.matchingAttribute,
      config: options,
      tokens: this.run.tokens,
      created: {
        add: (type, id, name) => this.track({ type, id, name }),
        forget: (type, id) => this.untrack(type, id),
      },
      check: (id, body) => this.check(id, body),
      requirePassed: (id, why) => this.requirePassed(id, why),
      require: (value, reason, blockedBy) => this.require(value, reason, blockedBy),
      presumed: (p) => this.presumed(p),
      presume: (p, why) => this.presume(p, why),
      establish: (p, detail) => this.establish(p, detail),
    }
    return ctx
  }

  private track(t: Tracked): void {
    this.mine.push(t)
    this.run.resources.add(t)
  }

  private untrack(type: Tracked['type'], id: string): void {
    const at = this.mine.findIndex((t) => t.type === type && t.id === id)
    if (at >= 0) this.mine.splice(at, 1)
    this.run.resources.forget(type, id)
  }

  private requirePassed(id: string, why: string): void {
    const outcome = this.outcomes.get(id)
    if (outcome === 'blocked') throw new CheckBlocked(id, `blocked by ${this.rootOf(id)} (through ${id}): ${why}`)
    if (outcome !== 'passed' && outcome !== 'warned')
      throw new CheckBlocked(id, `blocked by ${id}${outcome ? ` (${outcome})` : ''}: ${why}`)
  }

  private require<T>(value: T | undefined | null | false | '', reason: string, blockedBy?: string): T {
    if (value) return value
    const lost = this.serverErrors.lost()
    if (lost) throw new FlowStopped(serverErrorNote(lost), SERVER_ERRORS_CHECK)
    throw new FlowStopped(blockedBy ? `blocked by ${blockedBy}: ${reason}` : reason, blockedBy)
  }

  private async presumed(p: Presumption): ReturnType<FlowContext['presumed']> {
    const pr = this.run.provers.get(p)
    if (!pr) return {}
    if (pr.index === this.ordinal) return pr.state ?? (pr.detail !== undefined ? { detail: pr.detail } : {})
    // Only a flow that started earlier (and is not waiting for this one) is waited for: never a deadlock.
    if (pr.index > this.ordinal || (pr.alone && !this.flow.alone)) return {}
    return pr.result
  }

  private async presume(p: Presumption, why: string): Promise<void> {
    const e = await this.ctx.presumed(p)
    if (e.holds === false && e.by)
      throw new CheckBlocked(
        e.by,
        `blocked by ${e.by}: this check presumes ${PRESUMPTIONS[p].says}, which this run showed it does not, so ${why}`,
      )
  }

  private establish(p: Presumption, detail: unknown): void {
    const pr = this.run.provers.get(p)
    if (pr && pr.index === this.ordinal) pr.detail = detail
  }
}
