// Each assertion helper passes on a good answer and fails on a bad one with a message that names the request,
// what was expected and what came back; the exchanges it looked at are cited as the check's evidence.
import { describe, expect, test } from 'vitest'
import type { Exchange } from '../../helpers/model/exchange.ts'
import {
  CheckFailure,
  deepEqual,
  expectEqual,
  expectJsonBody,
  expectSchema,
  expectStatus,
  expectTrue,
  requestLine,
  short,
  uses,
  type CitingSender,
} from '../../helpers/suite/expect-scim.ts'

/** The flow instance the exchanges below came from, as the runner's are: it says which check is running. */
const sender: { citing: CitingSender['citing'] } = { citing: undefined }

let seq = 1
function exchange(
  status: number | undefined,
  body?: unknown,
  extra: { rawText?: string; error?: string; statusText?: string } = {},
): Exchange {
  return {
    seq: seq++,
    startedAt: '2026-01-01T00:00:00.000Z',
    durationMs: 3,
    request: { method: 'POST', url: 'https://api.example/scim/v2/Users?x=1', headers: {} },
    sender,
    ...(status === undefined
      ? { error: extra.error ?? 'connection refused' }
      : {
          response: {
            status,
            statusText: extra.statusText ?? '',
            headers: {},
            ...(body !== undefined ? { body } : {}),
            ...(extra.rawText !== undefined ? { rawText: extra.rawText } : {}),
          },
        }),
  }
}

/** The CheckFailure `fn` throws (failing the test when it throws none or another error). */
function failure(fn: () => void): CheckFailure {
  try {
    fn()
  } catch (err) {
    if (err instanceof CheckFailure) return err
    throw err
  }
  throw new Error('expected a CheckFailure')
}

/** The exchanges cited while `fn` ran, as check() collects them for the check running in the sender. */
function cited(fn: () => void): number[] {
  const seen = new Set<number>()
  sender.citing = { cited: seen, blockerOf: () => undefined }
  try {
    fn()
  } catch {
    // the failure itself is tested elsewhere
  } finally {
    sender.citing = undefined
  }
  return [...seen]
}

describe('requestLine', () => {
  test('method, path with query, status and reason', () => {
    expect(requestLine(exchange(404, undefined, { statusText: 'Not Found' }))).toBe(
      'POST /scim/v2/Users?x=1 → 404 Not Found',
    )
  })
  test('no answer: the network error', () => {
    expect(requestLine(exchange(undefined, undefined, { error: 'timed out' }))).toBe(
      'POST /scim/v2/Users?x=1 → no answer: timed out',
    )
  })
})

describe('expectStatus', () => {
  test('passes on an allowed status, one or several', () => {
    expectStatus(exchange(201), 201)
    expectStatus(exchange(204), [200, 204])
  })
  test('fails naming the request, the statuses allowed and the one that came, with the body as actual', () => {
    const f = failure(() => expectStatus(exchange(200, { id: '1' }), 201, 'Entra reads the id from a 201'))
    expect(f.message).toBe('POST /scim/v2/Users?x=1 → 200: expected 201, got 200. Entra reads the id from a 201')
    expect(f.expected).toBe('201')
    expect(f.actual).toEqual({ status: 200, body: { id: '1' } })
  })
  test('fails on no answer with the network error', () => {
    const f = failure(() => expectStatus(exchange(undefined, undefined, { error: 'connection reset' }), [200, 204]))
    expect(f.message).toBe('POST /scim/v2/Users?x=1 → no answer: connection reset: expected HTTP 200 or 204')
    expect(f.actual).toBe('connection reset')
  })
  test('shows a body that is not JSON as text', () => {
    expect(failure(() => expectStatus(exchange(500, undefined, { rawText: '<html>oops' }), 200)).actual).toEqual({
      status: 500,
      body: '(not JSON) <html>oops',
    })
  })
  test('cites the exchange, passing or failing', () => {
    const ok = exchange(201)
    const bad = exchange(500)
    expect(cited(() => expectStatus(ok, 201))).toEqual([ok.seq])
    expect(cited(() => expectStatus(bad, 201))).toEqual([bad.seq])
  })
})

describe('expectJsonBody', () => {
  test('returns the parsed body', () => {
    expect(expectJsonBody(exchange(200, { a: 1 }))).toEqual({ a: 1 })
  })
  test('fails on a body that is not JSON, an empty body, or no answer', () => {
    expect(failure(() => expectJsonBody(exchange(200, undefined, { rawText: 'OK' }))).message).toBe(
      'POST /scim/v2/Users?x=1 → 200: the body is not JSON (Entra cannot parse it)',
    )
    expect(failure(() => expectJsonBody(exchange(200))).message).toBe(
      'POST /scim/v2/Users?x=1 → 200: the body is empty',
    )
    expect(failure(() => expectJsonBody(exchange(undefined))).message).toBe(
      'POST /scim/v2/Users?x=1 → no answer: connection refused: no answer to read',
    )
  })
})

describe('expectSchema', () => {
  const user = {
    schemas: ['urn:ietf:params:scim:schemas:core:2.0:User'],
    id: 'u1',
    userName: 'a@contoso.example',
    meta: { resourceType: 'User' },
  }
  test('passes on a valid SCIM user', () => {
    expectSchema(exchange(201, user), 'user')
  })
  test('fails listing each violation as a JSON pointer and a message', () => {
    const f = failure(() => expectSchema(exchange(201, { ...user, active: 'yes' }), 'user'))
    expect(f.message).toMatch(
      /^POST \/scim\/v2\/Users\?x=1 → 201: the body is not a valid SCIM user: \/active must be boolean/,
    )
    expect(f.expected).toBe('a valid SCIM user (RFC 7643/7644)')
    expect(f.actual).toEqual(expect.arrayContaining(['/active must be boolean']))
  })
})

describe('expectEqual', () => {
  test('passes on deep equality', () => {
    expectEqual(exchange(200), 'emails', [{ value: 'a', type: 'work' }], [{ type: 'work', value: 'a' }])
  })
  test('fails naming the request, the attribute, both values and the hint', () => {
    const f = failure(() => expectEqual(exchange(200), 'title', 'Boss', 'Engineer', 'the PATCH was not applied'))
    expect(f.message).toBe(
      'POST /scim/v2/Users?x=1 → 200: title is "Boss", expected "Engineer". the PATCH was not applied',
    )
    expect([f.expected, f.actual]).toEqual(['Engineer', 'Boss'])
  })
  test('without an exchange, the message starts at the attribute; an absent value is "absent"', () => {
    expect(failure(() => expectEqual(undefined, 'title', undefined, 'Engineer')).message).toBe(
      'title is absent, expected "Engineer"',
    )
  })
})

describe('expectTrue', () => {
  test('passes when the condition holds', () => {
    expectTrue(exchange(200), true, 'never shown')
  })
  test('fails with the message after the request line, and the expected and actual given', () => {
    const f = failure(() => expectTrue(exchange(200), false, 'the group lists 3 members', 'no members', '3 members'))
    expect(f.message).toBe('POST /scim/v2/Users?x=1 → 200: the group lists 3 members')
    expect([f.expected, f.actual]).toEqual(['no members', '3 members'])
    expect(failure(() => expectTrue(undefined, false, 'plain')).message).toBe('plain')
  })
})

describe('uses, short and deepEqual', () => {
  test('uses cites exchanges without asserting, skipping absent ones', () => {
    const a = exchange(500)
    expect(cited(() => uses(a, undefined))).toEqual([a.seq])
  })
  test('short cuts long values at 120 characters', () => {
    expect(short('x'.repeat(200))).toHaveLength(118)
    expect(short(undefined)).toBe('absent')
    expect(short({ a: 1 })).toBe('{"a":1}')
  })
  test('deepEqual ignores key order, not array order or types', () => {
    expect(deepEqual({ a: 1, b: [1, 2] }, { b: [1, 2], a: 1 })).toBe(true)
    expect(deepEqual([1, 2], [2, 1])).toBe(false)
    expect(deepEqual({ a: 1 }, { a: '1' })).toBe(false)
    expect(deepEqual(null, {})).toBe(false)
    expect(deepEqual([], {})).toBe(false)
  })
})
