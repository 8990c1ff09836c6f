// The run-level notices about the wire: a 501 is the server's refusal, so it is never counted as a server error (the
// notice would name run/no-server-errors, a check that stays green on a 501).
import { describe, expect, test } from 'vitest'
import { transportNotices } from '../../helpers/client/transport-notices.ts'
import type { Exchange } from '../../helpers/model/exchange.ts'

const TARGET = 'http://127.0.0.1:8080/scim/v2'

function answered(seq: number, status: number, statusText: string): Exchange {
  return {
    seq,
    startedAt: '2026-12-07T00:00:00.000Z',
    durationMs: 5,
    request: { method: 'GET', url: `${TARGET}/Schemas`, headers: {} },
    response: { status, statusText, headers: {} },
  }
}

describe('transportNotices: server errors', () => {
  test('a 501 gives no server-error notice', () => {
    expect(transportNotices([answered(1, 501, 'Not Implemented')], { retries: 0, target: TARGET })).toEqual([])
  })
  test('a 500 and a 503 give one notice naming both statuses, and not the 501', () => {
    const notices = transportNotices(
      [answered(1, 500, 'Internal Server Error'), answered(2, 501, 'Not Implemented'), answered(3, 503, 'Unavailable')],
      { retries: 0, target: TARGET },
    )
    expect(notices).toHaveLength(1)
    expect(notices[0]).toMatch(/answered 2 request\(s\) with a server error \(500, 503\)/)
    expect(notices[0]).toMatch(/run\/no-server-errors/)
  })
})
