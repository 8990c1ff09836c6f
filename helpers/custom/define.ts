// A vendor's own checks, in the model of the built-in ones: a claim (id in the vendor's namespace, title, level with
// its evidence, fix) and a proof that sends its requests through the run's recording client. `defineCheck` is one
// claim with its proof; `defineFlow` is several claims proved by one sequence of requests, as a built-in flow is.
// These are plain data: the runner adapts them (helpers/custom/suite.ts), so a vendor's file imports nothing else.
import type { EntraConsequence, Severity } from '../model/check-info.ts'
import type { FlowContext } from '../suite/flow.ts'
import type { Ref } from '../model/refs.ts'
import type { PersonData } from '../entra/person.ts'
import type { Exchange } from '../model/exchange.ts'
import type { ServerRequest, ServerResponse } from '../../server/http.ts'
import type { Policy } from '../../server/policy.ts'

/** A citation: `{ label, url }`, or a bare URL. */
export type Source = Ref | string

/** The claim a check makes, as the built-in catalog states it (helpers/model/check-info.ts). */
export interface CheckClaim {
  /** The correct behaviour, as a sentence a reader of the report understands. */
  title: string
  /** 'entra' fails the run; 'gallery' is a warning unless --gallery or --strict; 'rfc' a warning unless --strict. */
  level: Severity
  /** Why the check has that level, and where that is shown (your own API document, a Microsoft page, an RFC section). */
  evidence: { says: string; sources: readonly [Source, ...Source[]] }
  /** What to change in the server, in one or two sentences. */
  fix: string
  /** Further citations (the evidence's sources are cited anyway). */
  refs?: readonly Source[]
  /** What goes wrong for your customers when it fails (default: the check's title, not met). */
  consequence?: { effect: string; code?: string }
}

/** The extras a vendor's proof gets next to the flow context: Entra's user body and the assertions, as values. */
export interface CustomTools {
  /** Entra's POST /Users body for a person under the run's profile (every mapped attribute), plus `extra` attributes. */
  userBody(person?: PersonData, extra?: Record<string, unknown>): Record<string, unknown>
  /** POSTs Entra's body (plus `extra`) and tracks the user for cleanup; `id` when the server gave one. */
  createUser(
    person?: PersonData,
    extra?: Record<string, unknown>,
  ): Promise<{ person: PersonData; body: Record<string, unknown>; exchange: Exchange; id?: string }>
  /** A PATCH body in this instance's dialect that replaces these attributes (path per attribute in legacy, path-less in aadOptscim062020). */
  replaceBody(values: Record<string, unknown>): Record<string, unknown>
  expect: {
    status(ex: Exchange, expected: number | readonly number[], why?: string): void
    jsonBody<T = Record<string, unknown>>(ex: Exchange): T
    equal(ex: Exchange | undefined, what: string, actual: unknown, expected: unknown, hint?: string): void
    true(ex: Exchange | undefined, condition: boolean, message: string, expected?: unknown, actual?: unknown): void
    /** The request this check builds on was accepted; when a check already failed on it, this one is blocked by that check. */
    accepted(ex: Exchange | undefined, why: string): void
  }
  /** Fails the check (the exchange it is about decides the consequence shown). */
  fail(message: string, details?: { expected?: unknown; actual?: unknown; about?: Exchange }): never
  /** The check does not apply here (e.g. the profile does not map the attribute). */
  skip(reason: string): never
  /** "POST /scim/v2/Users → 201 Created": how reports name a request. */
  requestLine(ex: Exchange): string
}

/** What a vendor's proof runs with: the flow context of built-in flows (recording client, run-prefixed data, cleanup), and the tools. */
export type CustomContext = FlowContext & CustomTools

export interface CustomCheckDefinition extends CheckClaim {
  kind: 'scim-preflight/check'
  /** `<namespace>/<name>`: your own namespace, never a built-in flow's id (e.g. 'acme/badge-round-trip'). */
  id: string
  /** Checks (built-in or yours, of another flow) this one needs to have passed; when one failed, this one is blocked by it. */
  dependsOn?: readonly string[]
  /** Sends anything but GET (skipped in --read-only). Default true. */
  writes?: boolean
  /** Needs /Groups (skipped with --no-groups). */
  groups?: boolean
  /** The proof: throw (an expect, `fail`, any Error) to fail; return a string to keep a measurement as the message. */
  run(ctx: CustomContext): void | string | Promise<void | string>
}

export interface CustomFlowDefinition {
  kind: 'scim-preflight/flow'
  /** The flow's id: every check id of it is `<id>/<name>` (e.g. 'acme-onboarding'). */
  id: string
  /** The flow's title in reports and as vitest's describe (e.g. 'Acme onboarding'). */
  title: string
  checks: Readonly<Record<string, CheckClaim>>
  /** Runs once per PATCH dialect. */
  perDialect?: boolean
  writes?: boolean
  groups?: boolean
  dependsOn?: readonly string[]
  /** Calls `ctx.check(id, body)` once per claim, in order, as a built-in flow does. */
  run(ctx: CustomContext): Promise<void>
}

/** A defect of your own for the reference endpoint, declared with the checks it breaks: the proof your checks can fail. */
export interface CustomFaultDefinition {
  kind: 'scim-preflight/fault'
  id: string
  summary: string
  /** Every check id this defect makes fail (yours, or built-in ones). */
  breaks: readonly string[]
  policy?: Partial<Policy>
  /** Answers a request before the endpoint's routes do (undefined: let them answer). */
  intercept?: (req: ServerRequest) => ServerResponse | undefined
  /** Rewrites the routes' answer. */
  rewriteResponse?: (req: ServerRequest, res: ServerResponse) => ServerResponse
}

export type CustomDefinition = CustomCheckDefinition | CustomFlowDefinition

export function defineCheck(check: Omit<CustomCheckDefinition, 'kind'>): CustomCheckDefinition {
  return { ...check, kind: 'scim-preflight/check' }
}

export function defineFlow(flow: Omit<CustomFlowDefinition, 'kind'>): CustomFlowDefinition {
  return { ...flow, kind: 'scim-preflight/flow' }
}

export function defineFault(fault: Omit<CustomFaultDefinition, 'kind'>): CustomFaultDefinition {
  return { ...fault, kind: 'scim-preflight/fault' }
}

export const isCustomCheck = (v: unknown): v is CustomCheckDefinition =>
  !!v && typeof v === 'object' && (v as { kind?: unknown }).kind === 'scim-preflight/check'
export const isCustomFlow = (v: unknown): v is CustomFlowDefinition =>
  !!v && typeof v === 'object' && (v as { kind?: unknown }).kind === 'scim-preflight/flow'
export const isCustomFault = (v: unknown): v is CustomFaultDefinition =>
  !!v && typeof v === 'object' && (v as { kind?: unknown }).kind === 'scim-preflight/fault'

/** The consequence a report shows for a vendor's check (what it says at level gallery/rfc is set by the runner). */
export function consequenceOf(claim: CheckClaim): EntraConsequence {
  return {
    code: claim.consequence?.code ?? 'your own rule (no Entra error code)',
    effect: claim.consequence?.effect ?? `Not met: ${claim.title}`,
  }
}
