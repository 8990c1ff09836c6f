// Server errors (a 5xx or no answer) as the runner weighs them. A flow that meets one re-sends that request once, alone,
// on a fresh resource: when it comes back it is a defect of that request, judged by the check that sent it; when it does
// not, it is the run-wide cause (SERVER_ERRORS_CHECK) and blocks what the flow judges after it.
import { failsRun, type CheckInfo } from '../model/check-info.ts'
import type { Exchange } from '../model/exchange.ts'
import type { CheckResult } from '../model/result.ts'
import { isLockAnswer, LOCK_RESENDS } from '../client/scim-client.ts'
import { isServerError, requestLine } from './expect-scim.ts'
import { SERVER_ERRORS_CHECK } from './flow.ts'
import { checkResult, type Recurrence } from './judge.ts'
import { errorDetail, observe } from './observed.ts'

/** A 5xx that says the database was busy or locked (or 503): an error of load, which concurrent requests cause. */
export function isLockStyle(ex: Exchange): boolean {
  return ex.response !== undefined && isLockAnswer(ex.response.status, ex.response.rawText ?? ex.response.body)
}

/** Re-sends a server error's request once, alone, on a fresh resource; undefined when it has no such form. */
export type ResendAlone = (ex: Exchange) => Promise<Recurrence | undefined>

/**
 * The server errors one flow instance met (the answers its requests ended with, not an attempt re-sent), and whether
 * each came back when re-sent alone.
 */
export class FlowServerErrors {
  private readonly met: Exchange[] = []
  private readonly recurs = new Map<number, Recurrence | false>()

  constructor(
    private readonly signal: AbortSignal,
    /** The run's record of recurring errors (originals and re-sends): the run-wide check leaves them to their checks. */
    private readonly recurring: Set<number>,
  ) {}

  /** Every exchange of the flow passes here; a stopped run's answers say nothing about the server. */
  record(ex: Exchange): void {
    if (!this.signal.aborted && !ex.retried && isServerError(ex)) this.met.push(ex)
  }

  /** Some server error is not yet re-sent: it is, before anything is judged on it. */
  get unsettled(): boolean {
    return this.met.some((ex) => !this.recurs.has(ex.seq))
  }

  /** Re-sends each server error not yet re-sent, and notes whether the same error came back. */
  async settle(resendAlone: ResendAlone): Promise<void> {
    for (const ex of this.met) {
      if (this.recurs.has(ex.seq) || this.signal.aborted) continue
      const again = await resendAlone(ex)
      const same =
        again &&
        isServerError(again.again) &&
        (again.again.response?.status ?? 'none') === (ex.response?.status ?? 'none')
      this.recurs.set(ex.seq, same ? again : false)
      if (same) this.recurring.add(ex.seq).add(again.again.seq)
    }
  }

  /** The first server error that did not come back (or is not yet re-sent): the run-wide cause blocks what follows it. */
  lost(): Exchange | undefined {
    return this.met.find((ex) => (this.recurs.get(ex.seq) !== undefined ? this.recurs.get(ex.seq) === false : true))
  }

  /** How the error on this exchange came back when re-sent alone; undefined when it did not (or is none). */
  recurrence(seq: number): Recurrence | undefined {
    return this.recurs.get(seq) || undefined
  }
}

/**
 * The run-wide server-error check: failed when any request of the run (cleanup included) got a 5xx or no answer, after
 * the client's one re-send of a GET or DELETE; its exchanges are those requests. Absent when not selected and passed.
 */
export function serverErrorsResult(
  info: CheckInfo | undefined,
  options: { selected: boolean; concurrency: number; strict: boolean; gallery: boolean },
  exchanges: Exchange[],
  stopped: string | undefined,
): CheckResult | undefined {
  if (!info) return undefined
  // An attempt the client re-sent is on the record (the HAR is the wire), but only the answer it ended with counts.
  // A lock-style attempt re-sent alone counts too: the server failed it, as it would fail Entra's request that cycle.
  const errors = exchanges
    .filter((ex) => (!ex.retried || isLockStyle(ex)) && isServerError(ex))
    .sort((a, b) => a.seq - b.seq)
  // Checks blocked by it need it in the report whatever --only selected: a run whose answers were all lost is not green.
  if (!options.selected && errors.length === 0) return undefined
  const where = { flow: { title: 'The whole run' } }
  if (errors.length === 0) {
    return stopped !== undefined
      ? checkResult(SERVER_ERRORS_CHECK, info, where, { outcome: 'skipped', failure: { message: stopped } })
      : checkResult(SERVER_ERRORS_CHECK, info, where, { outcome: 'passed' })
  }
  const first = errors[0]!
  const kinds = [...new Set(errors.map((ex) => (ex.response ? String(ex.response.status) : 'no answer')))].join(', ')
  const failure = {
    message: serverErrorsMessage(errors, kinds, options.concurrency),
    expected: 'no 5xx, no dropped connection',
    actual: kinds,
  }
  const judgment = {
    outcome: failsRun(info.severity, options) ? ('failed' as const) : ('warned' as const),
    failure,
    judged: { observed: observe(first), entra: info.entra, fix: info.fix },
  }
  return checkResult(
    SERVER_ERRORS_CHECK,
    info,
    where,
    judgment,
    errors.map((ex) => ex.seq),
  )
}

function serverErrorsMessage(errors: Exchange[], kinds: string, concurrency: number): string {
  const first = errors[0]!
  return (
    `${errors.length} answer(s) were a server error (${kinds}), after one re-send of the idempotent requests (an answer saying the database was locked or busy is re-sent alone, up to ${LOCK_RESENDS} times, and each counts); the first: ${requestLine(first)}` +
    `${errorDetail(first) ? ` ("${errorDetail(first)}")` : ''}. The checks that needed those answers are blocked, not failed.` +
    // Lock-style errors come from concurrent writes: the suite keeps its concurrency (so the run stays comparable) and says once how to get a stable verdict.
    (concurrency > 1 && errors.some(isLockStyle)
      ? ` Some say the database was locked or busy: run with --concurrency 1 (one request at a time) for a stable verdict on this server.`
      : '')
  )
}
