// When the client retries: idempotent requests only, after 429/5xx, waiting as Retry-After says up to a limit.
import type { AxiosResponse } from 'axios'
import { describe, expect, test } from 'vitest'
import { isLockAnswer, parseRetryAfter, RETRY_AFTER_LIMIT_MS, retryDelay } from '../../helpers/client/scim-client.ts'

const answer = (status: number, headers: Record<string, string> = {}) =>
  ({ status, headers }) as unknown as AxiosResponse<string>

describe('retryDelay', () => {
  test('POST and PATCH are never retried (not idempotent)', () => {
    expect(retryDelay('POST', answer(503), 0, 3)).toBeUndefined()
    expect(retryDelay('PATCH', answer(429, { 'retry-after': '1' }), 0, 3)).toBeUndefined()
  })
  test('GET, PUT and DELETE are retried after 5xx with a growing backoff, up to --retries', () => {
    expect(retryDelay('GET', answer(503), 0, 2)).toBe(250)
    expect(retryDelay('DELETE', answer(500), 1, 2)).toBe(500)
    expect(retryDelay('PUT', answer(502), 2, 2)).toBeUndefined()
    expect(retryDelay('GET', answer(404), 0, 2)).toBeUndefined()
  })
  test('429 waits as Retry-After says; without it, backs off; beyond the limit, does not retry', () => {
    expect(retryDelay('GET', answer(429, { 'retry-after': '2' }), 0, 1)).toBe(2000)
    expect(retryDelay('GET', answer(429), 1, 3)).toBe(2000)
    expect(
      retryDelay('GET', answer(429, { 'retry-after': String(RETRY_AFTER_LIMIT_MS / 1000 + 1) }), 0, 3),
    ).toBeUndefined()
  })
  test('without --retries, a GET or DELETE that got a 5xx is re-sent once (501 and 429 are not)', () => {
    expect(retryDelay('GET', answer(503), 0, 0)).toBe(250)
    expect(retryDelay('DELETE', answer(500), 0, 0)).toBe(250)
    expect(retryDelay('GET', answer(500), 1, 0)).toBeUndefined()
    expect(retryDelay('GET', answer(501), 0, 0)).toBeUndefined()
    expect(retryDelay('PUT', answer(503), 0, 0)).toBeUndefined()
    expect(retryDelay('GET', answer(429), 0, 0)).toBeUndefined()
  })
  test('a 501 is an answer, not a server error: --retries never re-sends it', () => {
    expect(retryDelay('GET', answer(501), 0, 3)).toBeUndefined()
    expect(retryDelay('DELETE', answer(501), 0, 3)).toBeUndefined()
    expect(retryDelay('PUT', answer(501), 1, 3)).toBeUndefined()
  })
})

describe('isLockAnswer', () => {
  test('a server error that says the database is busy, or a 503; never a 501 or a 4xx', () => {
    expect(isLockAnswer(500, { detail: 'database is locked' })).toBe(true)
    expect(isLockAnswer(503, undefined)).toBe(true)
    expect(isLockAnswer(501, { detail: 'database is locked' })).toBe(false)
    expect(isLockAnswer(409, { detail: 'database is locked' })).toBe(false)
    expect(isLockAnswer(500, { detail: 'null reference' })).toBe(false)
  })
})

describe('parseRetryAfter', () => {
  test('delta-seconds and HTTP-dates (RFC 9110 §10.2.3)', () => {
    const now = Date.parse('2026-01-01T00:00:00Z')
    expect(parseRetryAfter('5', now)).toBe(5000)
    expect(parseRetryAfter('Thu, 01 Jan 2026 00:00:10 GMT', now)).toBe(10_000)
    expect(parseRetryAfter('Wed, 31 Dec 2025 23:59:00 GMT', now)).toBe(0)
    expect(parseRetryAfter('soon', now)).toBeUndefined()
    expect(parseRetryAfter(undefined, now)).toBeUndefined()
  })
})
