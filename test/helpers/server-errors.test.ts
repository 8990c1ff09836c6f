// Server errors as the runner weighs them, alone: a flow's error that came back when re-sent alone is its request's
// defect; one that did not is the run-wide cause, which the run-wide check reports once for the whole run.
import { describe, expect, test } from 'vitest'
import type { CheckInfo } from '../../helpers/model/check-info.ts'
import type { Exchange } from '../../helpers/model/exchange.ts'
import { rfc7644 } from '../../helpers/model/refs.ts'
import { SERVER_ERROR } from '../../helpers/suite/consequences.ts'
import { FlowServerErrors, serverErrorsResult } from '../../helpers/suite/server-errors.ts'

const exchange = (seq: number, status?: number, extra: Partial<Exchange> = {}): Exchange => ({
  seq,
  startedAt: '2026-01-01T00:00:00.000Z',
  durationMs: 1,
  request: { method: 'PATCH', url: `https://scim.example/scim/v2/Users/${seq}`, headers: {} },
  ...(status !== undefined ? { response: { status, statusText: '', headers: {} } } : { error: 'connection reset' }),
  ...extra,
})

describe('FlowServerErrors', () => {
  test('an error that comes back when re-sent alone recurs; one that does not is lost', async () => {
    const recurring = new Set<number>()
    const errors = new FlowServerErrors(new AbortController().signal, recurring)
    for (const ex of [exchange(1, 200), exchange(2, 500), exchange(3, 501), exchange(4, 502)]) errors.record(ex)
    expect(errors.unsettled).toBe(true)
    expect(errors.lost()?.seq).toBe(2)
    await errors.settle(async (ex) =>
      ex.seq === 2 ? { again: exchange(10, 500), resource: 'user' } : { again: exchange(11, 200), resource: 'user' },
    )
    expect(errors.unsettled).toBe(false)
    expect(errors.recurrence(2)?.again.seq).toBe(10)
    expect(errors.recurrence(4)).toBeUndefined()
    // 501 is the server's deliberate answer, never a server error; 502 came back as 200, so it is the run's cause.
    expect(errors.lost()?.seq).toBe(4)
    expect([...recurring].sort((a, b) => a - b)).toEqual([2, 10])
  })

  test('an attempt the client re-sent, and any answer after the run was stopped, are not recorded', () => {
    const stop = new AbortController()
    const errors = new FlowServerErrors(stop.signal, new Set())
    errors.record(exchange(1, 500, { retried: true }))
    stop.abort()
    errors.record(exchange(2, 500))
    expect(errors.lost()).toBeUndefined()
  })
})

describe('serverErrorsResult', () => {
  const info: CheckInfo = {
    title: 'No request of the run gets a server error',
    severity: 'entra',
    evidence: { says: 'a test rule', sources: [rfc7644('3.12')] },
    refs: [rfc7644('3.12')],
    entra: SERVER_ERROR,
    fix: 'Find the server errors.',
  }
  const options = { selected: true, concurrency: 4, strict: false, gallery: false }

  test('fails with every server error of the run, the first quoted, and says to run alone when the database was locked', () => {
    const locked = exchange(5, 500, {
      response: { status: 500, statusText: '', headers: {}, body: { detail: 'database is locked' } },
    })
    const r = serverErrorsResult(info, options, [exchange(1, 200), locked, exchange(7)], undefined)!
    expect(r.outcome).toBe('failed')
    expect(r.exchanges).toEqual([5, 7])
    expect(r.actual).toBe('500, no answer')
    expect(r.message).toMatch(/^2 answer\(s\) were a server error \(500, no answer\)/)
    expect(r.message).toContain('("database is locked")')
    expect(r.message).toContain('run with --concurrency 1')
    expect(serverErrorsResult(info, { ...options, concurrency: 1 }, [locked], undefined)!.message).not.toContain(
      '--concurrency 1',
    )
  })

  test('passes when none came, is skipped when the run was stopped, and is left out when not selected and passed', () => {
    expect(serverErrorsResult(info, options, [exchange(1, 200)], undefined)?.outcome).toBe('passed')
    expect(serverErrorsResult(info, options, [], 'the run was interrupted (SIGINT)')).toMatchObject({
      outcome: 'skipped',
      message: 'the run was interrupted (SIGINT)',
    })
    expect(serverErrorsResult(info, { ...options, selected: false }, [], undefined)).toBeUndefined()
    expect(serverErrorsResult(info, { ...options, selected: false }, [exchange(2, 503)], undefined)?.outcome).toBe(
      'failed',
    )
  })
})
