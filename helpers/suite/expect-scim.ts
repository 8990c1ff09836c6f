// Assertions for checks. Each failure names the request, what was expected and what came back, so a
// report shows the rule and the evidence without anyone re-running the suite.
import { isServerError, requestLine, type Exchange } from '../model/exchange.ts'
import type { EntraConsequence } from '../model/check-info.ts'
import { validateScim, type SchemaName } from '../model/scim-schema.ts'

/** A broken rule: thrown by expect* helpers, caught by check(). `about` is the exchange the failure judges (its answer
 * decides which Entra consequence the report shows: helpers/suite/consequences.ts observedConsequence). */
export class CheckFailure extends Error {
  override name = 'CheckFailure'
  /** `observed`: the consequence and fix of what the flow saw, when the state read back decides them rather than the
   * catalog (e.g. a user gone by id but still found by the filter); the runner shows these instead. */
  constructor(
    message: string,
    readonly expected?: unknown,
    readonly actual?: unknown,
    readonly about?: Exchange,
    readonly observed?: { entra?: EntraConsequence; fix?: string },
  ) {
    super(message)
  }
}

/** A check that cannot be judged because something before it failed (no id from the POST, say). */
export class CheckSkipped extends Error {
  override name = 'CheckSkipped'
}

/** A check that cannot be judged because a step it depends on failed: `by` is that step's check id. Not a failure. */
export class CheckBlocked extends Error {
  override name = 'CheckBlocked'
  constructor(
    readonly by: string,
    message: string,
  ) {
    super(message)
  }
}

/** What the running check sees: the exchanges it cites (check() attaches them to the result), and which earlier
 * check of its flow instance failed on a given exchange, so a check that depends on that request is blocked, not failed. */
export interface CitationScope {
  cited: Set<number>
  /** The check id that must be named when this exchange is a step the running check depends on and it went wrong. */
  blockerOf(ex: Exchange): string | undefined
}

/**
 * The sender of an exchange, as the runner's flow instances are: the check it is running, if any. The checks of one
 * flow instance run one at a time, so the check an assertion speaks for is the one running in the instance that sent
 * the exchange. (An async context would find it too, but keeping one costs every promise of the run a hook, server
 * and client alike: a twentieth of a run.)
 */
export interface CitingSender {
  readonly citing: CitationScope | undefined
}

const scopeOf = (ex: Exchange): CitationScope | undefined => (ex.sender as CitingSender | undefined)?.citing

function cite(ex: Exchange): void {
  scopeOf(ex)?.cited.add(ex.seq)
}

// The flows name requests and server errors through the assertions they already import.
export { isServerError, requestLine }

/**
 * The running check depends on this request having been accepted (a read-back after a PATCH, a lookup of a user
 * the POST made). When it was not, and a check already failed on it (or the server errored), the check is blocked
 * by that check: what it would judge never happened.
 */
export function dependsOn(ex: Exchange | undefined, why: string): void {
  if (!ex) return
  cite(ex)
  const status = ex.response?.status
  if (status !== undefined && status >= 200 && status < 300) return
  const by = scopeOf(ex)?.blockerOf(ex)
  if (by) throw new CheckBlocked(by, `blocked by ${by}: ${requestLine(ex)}, so ${why}`)
}

function describeBody(ex: Exchange): unknown {
  if (!ex.response) return ex.error
  if (ex.response.rawText !== undefined) return `(not JSON) ${ex.response.rawText.slice(0, 300)}`
  return ex.response.body
}

/** The exchange got an HTTP answer with one of the statuses; otherwise fails with the request line. */
export function expectStatus(ex: Exchange, expected: number | readonly number[], why?: string): void {
  cite(ex)
  const allowed = typeof expected === 'number' ? [expected] : expected
  if (!ex.response) {
    throw new CheckFailure(
      `${requestLine(ex)}: expected HTTP ${allowed.join(' or ')}${why ? ` (${why})` : ''}`,
      allowed.join(' or '),
      ex.error,
      ex,
    )
  }
  if (!allowed.includes(ex.response.status)) {
    throw new CheckFailure(
      `${requestLine(ex)}: expected ${allowed.join(' or ')}, got ${ex.response.status}${why ? `. ${why}` : ''}`,
      allowed.join(' or '),
      { status: ex.response.status, body: describeBody(ex) },
      ex,
    )
  }
}

/** The body parsed as JSON (failing with the raw text when it did not). */
export function expectJsonBody<T = Record<string, unknown>>(ex: Exchange): T {
  cite(ex)
  if (!ex.response) throw new CheckFailure(`${requestLine(ex)}: no answer to read`, 'a JSON body', ex.error, ex)
  if (ex.response.rawText !== undefined) {
    throw new CheckFailure(
      `${requestLine(ex)}: the body is not JSON (Entra cannot parse it)`,
      'a JSON body',
      describeBody(ex),
      ex,
    )
  }
  if (ex.response.body === undefined)
    throw new CheckFailure(`${requestLine(ex)}: the body is empty`, 'a JSON body', '(empty)', ex)
  return ex.response.body as T
}

/** The body is valid against one of the SCIM message schemas in schemas/. */
export function expectSchema(ex: Exchange, schema: SchemaName, what: string = schema): void {
  const body = expectJsonBody(ex)
  const errors = validateScim(schema, body)
  if (errors.length > 0) {
    throw new CheckFailure(
      `${requestLine(ex)}: the body is not a valid SCIM ${what}: ${errors.slice(0, 5).join('; ')}`,
      `a valid SCIM ${what} (RFC 7643/7644)`,
      errors,
      ex,
    )
  }
}

/** Plain equality with a message naming the request and the attribute. */
export function expectEqual(
  ex: Exchange | undefined,
  what: string,
  actual: unknown,
  expected: unknown,
  hint?: string,
): void {
  if (ex) cite(ex)
  if (!deepEqual(actual, expected)) {
    const where = ex ? `${requestLine(ex)}: ` : ''
    throw new CheckFailure(
      `${where}${what} is ${short(actual)}, expected ${short(expected)}${hint ? `. ${hint}` : ''}`,
      expected,
      actual,
      ex,
    )
  }
}

export function expectTrue(
  ex: Exchange | undefined,
  condition: boolean,
  message: string,
  expected?: unknown,
  actual?: unknown,
): void {
  if (ex) cite(ex)
  if (!condition) throw new CheckFailure(ex ? `${requestLine(ex)}: ${message}` : message, expected, actual, ex)
}

/** Cites an exchange as evidence without asserting on it. */
export function uses(...exchanges: (Exchange | undefined)[]): void {
  for (const ex of exchanges) if (ex) cite(ex)
}

export function short(value: unknown): string {
  const s = value === undefined ? 'absent' : JSON.stringify(value)
  return s.length > 120 ? `${s.slice(0, 117)}…` : s
}

export function deepEqual(a: unknown, b: unknown): boolean {
  if (a === b) return true
  if (typeof a !== typeof b || a === null || b === null || typeof a !== 'object') return false
  if (Array.isArray(a) !== Array.isArray(b)) return false
  const ka = Object.keys(a as object)
  const kb = Object.keys(b as object)
  if (ka.length !== kb.length) return false
  return ka.every((k) => deepEqual((a as Record<string, unknown>)[k], (b as Record<string, unknown>)[k]))
}
