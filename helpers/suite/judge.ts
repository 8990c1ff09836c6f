// The judging of one check: what its body did (returned, or threw which kind of error), what the catalog says of it
// (its level, consequence and fix) and what its flow had met before (a server error that was lost, or one that came
// back when re-sent alone) decide its outcome, message, blocker and the consequence shown. Pure: the runner
// (flow-run.ts) gathers that state and records the judgment; nothing here sends a request or keeps state.
import { failsRun, type CheckInfo } from '../model/check-info.ts'
import type { Exchange } from '../model/exchange.ts'
import type { CheckResult, Observed } from '../model/result.ts'
import { consequenceAtLevel, observedConsequence } from './consequences.ts'
import { CheckBlocked, CheckFailure, CheckSkipped, requestLine } from './expect-scim.ts'
import { SERVER_ERRORS_CHECK, type Established, type FlowDefinition } from './flow.ts'
import { errorDetail, observe } from './observed.ts'

export type Outcome = CheckResult['outcome']

/** How a check's body ended: the value it returned (a string is a measurement worth reporting), or what it threw. */
export type BodyEnd = { returned: unknown } | { threw: unknown }

/** The same request re-sent once, alone, on a fresh resource, when it came back with the same server error. */
export interface Recurrence {
  again: Exchange
  /** What it was re-sent on ("user", "group", "read of the same resource"). */
  resource: string
}

/** What the check's flow instance had met when the check ended. */
export interface FlowState {
  /** The first server error of the flow that did not come back when re-sent alone: what went wrong after it may be
   * its echo, so a failure is blocked by SERVER_ERRORS_CHECK instead. */
  lostError?: Exchange
  /** The recurrence of a server error the flow met (by the exchange's seq), when it came back. */
  recurrence(seq: number): Recurrence | undefined
  /** The first check of a chain of blocked checks: a check blocked by a blocked check names where it started. */
  rootOf(id: string): string
}

export interface Judgment {
  outcome: Outcome
  failure?: { message: string; expected?: unknown; actual?: unknown }
  blockedBy?: string
  /** The consequence and fix of what the server did, when they differ from the catalog's. */
  judged?: { observed?: Observed; entra: CheckInfo['entra']; fix: string }
}

/** Judges one check from how its body ended. */
export function judgeCheck(
  end: BodyEnd,
  info: CheckInfo,
  levels: { strict: boolean; gallery: boolean },
  state: FlowState,
): Judgment {
  if (!('threw' in end)) {
    const note = end.returned
    return typeof note === 'string' && note !== ''
      ? { outcome: 'passed', failure: { message: note } }
      : { outcome: 'passed' }
  }
  const err = end.threw
  if (err instanceof CheckBlocked)
    return { outcome: 'blocked', blockedBy: state.rootOf(err.by), failure: { message: err.message } }
  if (err instanceof CheckSkipped) return { outcome: 'skipped', failure: { message: err.message } }
  // The server failed somewhere in this flow: what went wrong after it may be its echo, not a defect.
  if (state.lostError)
    return {
      outcome: 'blocked',
      blockedBy: SERVER_ERRORS_CHECK,
      failure: { message: serverErrorNote(state.lostError) },
    }
  return judgeFailure(err, info, levels, state)
}

/** A failed check: failed or warned by its level, with the consequence of what the server answered. */
function judgeFailure(
  err: unknown,
  info: CheckInfo,
  levels: { strict: boolean; gallery: boolean },
  state: FlowState,
): Judgment {
  const outcome = failsRun(info.severity, levels) ? 'failed' : 'warned'
  const failure =
    err instanceof CheckFailure
      ? { message: err.message, expected: err.expected, actual: err.actual }
      : { message: `could not evaluate the answer: ${(err as Error).message}` }
  const about = err instanceof CheckFailure ? err.about : undefined
  // A 5xx that came back when re-sent alone is this request's defect: the failure says so and quotes the server.
  const again = about ? state.recurrence(about.seq) : undefined
  if (again) failure.message += ` ${recurrenceNote(about!, again)}`
  let judged = about ? consequenceOfAnswer(about, info) : undefined
  // What the flow read back can decide the consequence better than the answer class alone.
  if (err instanceof CheckFailure && err.observed) {
    judged = {
      ...(judged ?? { entra: info.entra, fix: info.fix }),
      ...(err.observed.entra ? { entra: err.observed.entra } : {}),
      ...(err.observed.fix ? { fix: err.observed.fix } : {}),
    }
  }
  return { outcome, failure, ...(judged ? { judged } : {}) }
}

/** The consequence and fix that the answer the failure is about calls for (a refusal, a server error, no answer). */
function consequenceOfAnswer(about: Exchange, info: CheckInfo): NonNullable<Judgment['judged']> {
  const observed = observe(about)
  const detail = errorDetail(about)
  const chosen = observedConsequence(info, {
    answer: observed.answer,
    method: about.request.method,
    status: observed.status,
    request: observed.request,
    ...(detail ? { detail } : {}),
  })
  return { observed, ...chosen }
}

/** Why a check after a lost server error was not judged. */
export function serverErrorNote(ex: Exchange): string {
  return `blocked by ${SERVER_ERRORS_CHECK}: ${requestLine(ex)} (a server error, not a defect of this feature), so this check could not be judged`
}

/** "Re-sent alone on a fresh user, the same request answered 500 again ("…")": why a 5xx is this request's defect. */
export function recurrenceNote(first: Exchange, { again, resource }: Recurrence): string {
  const detail = errorDetail(again) ?? errorDetail(first)
  const outcome = again.response
    ? `answered ${again.response.status} again`
    : `got no answer again (${again.error ?? 'unknown error'})`
  return (
    `Re-sent once, alone, on a fresh ${resource}, the same request ${outcome}${detail ? ` ("${detail}")` : ''}: a defect of this request, ` +
    'not a passing server error. Entra retries such an object every cycle and counts each failure toward quarantine.'
  )
}

/** What a proving check's outcome establishes: passed holds; failed or warned is broken (blocked by it); blocked is
 * broken for the same reason the check was blocked; skipped says nothing. */
export function establishedBy(
  id: string,
  outcome: Outcome,
  blockedBy: string | undefined,
  detail: unknown,
): Established {
  const d = detail !== undefined ? { detail } : {}
  if (outcome === 'passed') return { holds: true, ...d }
  if (outcome === 'failed' || outcome === 'warned' || outcome === 'waived') return { holds: false, by: id, ...d }
  if (outcome === 'blocked') return { holds: false, by: blockedBy ?? id, ...d }
  return d
}

/** One check's result as reports show it: the catalog's claim, the judgment, the exchanges it cites. */
export function checkResult(
  id: string,
  info: CheckInfo,
  where: { flow: Pick<FlowDefinition, 'title'>; dialect?: CheckResult['dialect'] },
  judgment: Judgment,
  exchanges: number[] = [],
  durationMs = 0,
): CheckResult {
  const { outcome, failure, blockedBy, judged } = judgment
  return {
    id,
    title: info.title,
    flow: where.flow.title,
    ...(where.dialect ? { dialect: where.dialect } : {}),
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
