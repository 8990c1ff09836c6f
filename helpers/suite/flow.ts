// How a conformance scenario is written: one flow per Entra flow, making Entra's requests in Entra's
// order and proving one claim of the catalog per check(). The runner (run-suite.ts) executes flows.
import type { TokenSource } from '../client/oauth.ts'
import type { Profile } from '../entra/profile.ts'
import type { Dialect } from '../model/dialect.ts'
import type { ScimClient } from '../client/scim-client.ts'
import type { CheckInfo } from '../model/check-info.ts'
import type { TestData } from '../entra/test-data.ts'
import type { Exchange } from '../model/exchange.ts'
import type { CheckResult } from '../model/result.ts'
import type { RunnerOptions } from './options.ts'

export type ResourceType = 'User' | 'Group'

/** What a flow created; the runner deletes whatever is still listed when the flow ends, in reverse order. */
export interface CreatedResources {
  add(type: ResourceType, id: string, name: string): void
  /** The flow deleted it itself (the delete flows). */
  forget(type: ResourceType, id: string): void
}

export interface FlowContext<Id extends string = string> {
  /** Records every exchange as evidence for this flow's checks. */
  scim: ScimClient
  /** The PATCH dialect of this instance: its own for perDialect flows, else the run's first (--dialect), so every PATCH of a run follows it. */
  dialect: Dialect
  data: TestData
  profile: Profile
  /** The matching attribute Entra queries with (profile default unless overridden). */
  matchingAttribute: string
  /** The run's settings the flows read (read-only mode, --no-groups, --concurrency, --user, --large-group, …). */
  config: Readonly<RunnerOptions>
  /** The OAuth token source, when the run authenticates with client credentials. */
  tokens?: TokenSource
  created: CreatedResources
  /** Runs one check; resolves true when it passed (or warned). Never throws for a failed check. A string the body
   * returns is kept as the passed check's message (a measurement worth reporting, such as a response time). */
  check(id: Id, body: () => void | string | Promise<void | string>): Promise<boolean>
  /** Inside a check body: throws CheckBlocked (outcome `blocked`, no fix of its own) unless the check `id` of this
   * flow instance already passed or warned. `why` says what this check needed from it. */
  requirePassed(id: Id, why: string): void
  /**
   * Returns the value, or stops the flow when a prerequisite is missing. Every check not yet run is reported blocked by
   * `blockedBy` (the check, of any flow, that judges the step that went wrong, e.g. 'create-user/accepts-entra-body'), or
   * skipped with the reason when none is given (the prerequisite is "not applicable": the profile does not map it).
   * When the flow met a server error, the rest is blocked by SERVER_ERRORS_CHECK whatever `blockedBy` says.
   */
  require<T>(value: T | undefined | null | false | '', reason: string, blockedBy?: string): T
  /**
   * Inside a check body: the check needs `p` of the server to be judged (the userName filter finds a user, some read
   * path shows membership). Throws CheckBlocked naming the check that proves `p` when this run showed it broken; returns
   * when it held or is unknown (the proving flow is not in this run, or runs later).
   */
  presume(p: Presumption, why: string): Promise<void>
  /** What this run established about `p`: `holds` undefined when unknown; `detail` what the proving flow published. */
  presumed(p: Presumption): Promise<Established>
  /** In the proving flow, before its check: what it found, for the flows relying on it (e.g. the read paths that work). */
  establish(p: Presumption, detail: unknown): void
}

/**
 * What checks presume of the server in order to be judged, each proved once per run by one check of a flow that runs
 * before the flows relying on it (flows.ts order). A check whose presumption was shown broken is blocked by that check,
 * never failed with a fix of its own.
 */
export const PRESUMPTIONS = {
  'filter-finds-user': {
    check: 'get-user-by-query/finds-exactly-one',
    says: 'the matching filter finds a user that exists',
  },
  'membership-readable': {
    check: 'read-group-membership/shows-members',
    says: "some read path shows a group's members",
  },
} as const

export type Presumption = keyof typeof PRESUMPTIONS

export interface Established {
  /** true: the proving check passed; false: it failed, warned or was blocked; undefined: not known in this run. */
  holds?: boolean
  /** The check to name as the blocker when it does not hold (the prover, or what blocked the prover). */
  by?: string
  detail?: unknown
}

export interface FlowDefinition<Id extends string = string> {
  /** The check-id prefix: every catalog id `<id>/…` belongs to this flow. */
  id: string
  /** The Microsoft tutorial's request heading word for word where the flow is one (e.g. "Create User"); otherwise a title in
   * the same style that the README does not present as a heading. */
  title: string
  /** Runs once per PATCH dialect (flows that send PATCH requests whose shape differs). */
  perDialect?: boolean
  /** Writes to the server: skipped in --read-only. */
  writes: boolean
  /** Needs the Groups endpoint: skipped with --no-groups. */
  groups?: boolean
  /** Runs after every other flow has finished, alone: it reads all users and needs nobody else writing meanwhile. */
  alone?: boolean
  /** Runs even when the run has no working credential: it is the flow that tells why. */
  checksCredentials?: boolean
  run(ctx: FlowContext<Id>): Promise<void>
}

/** A flow's claims: every id is `<flow id>/…`. */
export type Claims = Readonly<Record<string, CheckInfo>>

/** The ids a flow's claims name (what its `ctx.check` takes). */
export type ClaimedId<C extends Claims> = keyof C & string

/** A flow together with the claims it proves. */
export type ClaimingFlow<C extends Claims, F extends string> = FlowDefinition<IdsOf<ClaimedId<C>, F>> & {
  id: F
  checks: C
}

/**
 * The one way to define a flow, for the suite's flows (specs/), diagnose's probes and the project's tests:
 * `defineFlow(checks, { id, … })` proves the claims written beside it, and may check only the ids of `checks` under its
 * own id (another flow's id fails tsc; a claim outside its id throws). Vendors' flows use helpers/custom's defineFlow.
 */
export function defineFlow<const C extends Claims, const F extends string>(
  checks: C,
  flow: FlowDefinition<IdsOf<ClaimedId<C>, F>> & { id: F },
): ClaimingFlow<C, F> {
  for (const id of Object.keys(checks))
    if (!id.startsWith(`${flow.id}/`)) throw new Error(`flow ${flow.id} claims ${id}, which is not one of its own ids`)
  return { ...flow, checks }
}

/** The ids of flow `F` in a catalog; in an open catalog (`string`), any `F/…` id. */
export type IdsOf<CatalogId extends string, F extends string> = string extends CatalogId
  ? `${F}/${string}`
  : Extract<CatalogId, `${F}/${string}`>

/**
 * Steps the runner needs from the Entra request layer above it (the runner cannot import them): given to runSuite by
 * the commands (helpers/steps/runner-steps.ts RUNNER_STEPS).
 */
export interface RunnerSteps {
  /** Sends the request shape of `ex` (at `path`, relative to the base URL) once more on a fresh run-prefixed resource made
   * with `ctx` (whose client sends alone and whose `created` tracks what it makes): undefined when the shape has no
   * fresh-resource form. */
  resendOnFresh?(
    ex: Exchange,
    path: string,
    ctx: FlowContext,
  ): Promise<{ again: Exchange; resource: string } | undefined>
  /** After a flow's checks, while its resources still exist: diagnoses a write the server accepted and did not apply
   * (helpers/steps/differential.ts), refining the failed checks' findings and fixes in place. */
  diagnoseFlow?(ctx: FlowContext, results: CheckResult[], exchanges: readonly Exchange[]): Promise<void>
}

/** Thrown by require(): the flow cannot go on. `by`: the check the remaining checks are blocked by (none: skipped). */
export class FlowStopped extends Error {
  override name = 'FlowStopped'
  constructor(
    message: string,
    readonly by?: string,
  ) {
    super(message)
  }
}

export { SERVER_ERRORS_CHECK } from '../model/check-keys.ts'
