// The judging of one check, alone: how its body ended, its level and what its flow had met decide its outcome, its
// blocker, its message and the consequence shown, with no server and no runner around it.
import { describe, expect, test } from 'vitest'
import type { CheckInfo } from '../../helpers/model/check-info.ts'
import type { Exchange } from '../../helpers/model/exchange.ts'
import { rfc7644 } from '../../helpers/model/refs.ts'
import { ACCESS_KEPT, SERVER_ERROR, UPDATE_REJECTED } from '../../helpers/suite/consequences.ts'
import { CheckBlocked, CheckFailure, CheckSkipped } from '../../helpers/suite/expect-scim.ts'
import { SERVER_ERRORS_CHECK } from '../../helpers/suite/flow.ts'
import { checkResult, establishedBy, judgeCheck, type FlowState, type Recurrence } from '../../helpers/suite/judge.ts'

const info = (severity: CheckInfo['severity'], entra = ACCESS_KEPT): CheckInfo => ({
  title: 'active reads back false',
  severity,
  evidence: { says: 'a test rule', sources: [rfc7644('3.5.2')] },
  refs: [rfc7644('3.5.2')],
  entra,
  fix: 'Apply active false.',
})

const exchange = (seq: number, method: string, status?: number, body?: unknown): Exchange => ({
  seq,
  startedAt: '2026-01-01T00:00:00.000Z',
  durationMs: 1,
  request: { method, url: 'https://scim.example/scim/v2/Users/42', headers: {} },
  ...(status !== undefined
    ? { response: { status, statusText: '', headers: {}, ...(body !== undefined ? { body } : {}) } }
    : { error: 'connection reset' }),
})

const DEFAULT = { strict: false, gallery: false }
const state = (over: Partial<FlowState> = {}): FlowState => ({
  recurrence: () => undefined,
  rootOf: (id) => id,
  ...over,
})
const failure = (about?: Exchange, observed?: CheckFailure['observed']) =>
  new CheckFailure('active is not false', false, 'False', about, observed)

describe('judgeCheck', () => {
  test('a body that returns passes; a string it returns is kept as the message', () => {
    expect(judgeCheck({ returned: undefined }, info('entra'), DEFAULT, state())).toEqual({ outcome: 'passed' })
    expect(judgeCheck({ returned: '120 ms' }, info('entra'), DEFAULT, state())).toEqual({
      outcome: 'passed',
      failure: { message: '120 ms' },
    })
    expect(judgeCheck({ returned: '' }, info('entra'), DEFAULT, state())).toEqual({ outcome: 'passed' })
  })

  test('a failure fails at the levels that fail the run, and warns below them', () => {
    const end = { threw: failure() }
    expect(judgeCheck(end, info('entra'), DEFAULT, state()).outcome).toBe('failed')
    expect(judgeCheck(end, info('security'), DEFAULT, state()).outcome).toBe('failed')
    expect(judgeCheck(end, info('gallery'), DEFAULT, state()).outcome).toBe('warned')
    expect(judgeCheck(end, info('gallery'), { strict: false, gallery: true }, state()).outcome).toBe('failed')
    expect(judgeCheck(end, info('rfc'), { strict: false, gallery: true }, state()).outcome).toBe('warned')
    expect(judgeCheck(end, info('rfc'), { strict: true, gallery: false }, state()).outcome).toBe('failed')
    expect(judgeCheck(end, info('entra'), DEFAULT, state()).failure).toEqual({
      message: 'active is not false',
      expected: false,
      actual: 'False',
    })
  })

  test('an error that is no check failure fails as an answer that could not be evaluated', () => {
    const got = judgeCheck({ threw: new TypeError('x is undefined') }, info('entra'), DEFAULT, state())
    expect(got).toEqual({ outcome: 'failed', failure: { message: 'could not evaluate the answer: x is undefined' } })
  })

  test('blocked names the first check of a chain of blocked checks; skipped keeps its reason', () => {
    const rootOf = (id: string) => (id === 'f/middle' ? 'f/first' : id)
    const blocked = judgeCheck(
      { threw: new CheckBlocked('f/middle', 'blocked by f/middle: no user') },
      info('entra'),
      DEFAULT,
      state({ rootOf }),
    )
    expect(blocked).toEqual({
      outcome: 'blocked',
      blockedBy: 'f/first',
      failure: { message: 'blocked by f/middle: no user' },
    })
    const skipped = judgeCheck({ threw: new CheckSkipped('not mapped') }, info('entra'), DEFAULT, state())
    expect(skipped).toEqual({ outcome: 'skipped', failure: { message: 'not mapped' } })
  })

  test('after a lost server error a failure is blocked by the run-wide check, never failed', () => {
    const lost = exchange(3, 'PATCH', 500)
    const got = judgeCheck({ threw: failure() }, info('entra'), DEFAULT, state({ lostError: lost }))
    expect(got.outcome).toBe('blocked')
    expect(got.blockedBy).toBe(SERVER_ERRORS_CHECK)
    expect(got.failure?.message).toBe(
      'blocked by run/no-server-errors: PATCH /scim/v2/Users/42 → 500 (a server error, not a defect of this feature), so this check could not be judged',
    )
    // A check that was blocked or skipped on its own keeps that judgment.
    expect(
      judgeCheck({ threw: new CheckSkipped('not mapped') }, info('entra'), DEFAULT, state({ lostError: lost })).outcome,
    ).toBe('skipped')
  })

  test('the consequence follows the answer the failure is about: a refusal is not "access kept"', () => {
    const refused = exchange(5, 'PATCH', 400, { detail: 'bad value' })
    const got = judgeCheck({ threw: failure(refused) }, info('entra', ACCESS_KEPT), DEFAULT, state())
    expect(got.judged?.observed).toMatchObject({ answer: 'refused', status: 400 })
    expect(got.judged?.entra.effect).toMatch(/^The update fails/)
    expect(got.judged?.fix).toContain('Today the server refuses')
    // Without an exchange the catalog's consequence stands.
    expect(judgeCheck({ threw: failure() }, info('entra'), DEFAULT, state()).judged).toBeUndefined()
  })

  test('what the flow read back overrides the consequence and fix', () => {
    const observed = { entra: UPDATE_REJECTED, fix: 'Keep the user findable.' }
    const got = judgeCheck({ threw: failure(undefined, observed) }, info('entra'), DEFAULT, state())
    expect(got.judged).toEqual({ entra: UPDATE_REJECTED, fix: 'Keep the user findable.' })
  })

  test("a server error that came back when re-sent alone is this request's defect, said in the message", () => {
    const first = exchange(7, 'PATCH', 500, { detail: 'Object reference not set' })
    const again: Recurrence = {
      again: exchange(9, 'PATCH', 500, { detail: 'Object reference not set' }),
      resource: 'user',
    }
    const got = judgeCheck(
      { threw: failure(first) },
      info('entra'),
      DEFAULT,
      state({ recurrence: (seq) => (seq === 7 ? again : undefined) }),
    )
    expect(got.outcome).toBe('failed')
    expect(got.failure?.message).toContain(
      'Re-sent once, alone, on a fresh user, the same request answered 500 again ("Object reference not set"): a defect of this request',
    )
    expect(got.judged?.entra).toBe(SERVER_ERROR)
  })
})

describe('establishedBy', () => {
  test('passed holds; failed, warned and waived break it by the check; blocked by what blocked it; skipped is unknown', () => {
    expect(establishedBy('p/c', 'passed', undefined, undefined)).toEqual({ holds: true })
    expect(establishedBy('p/c', 'failed', undefined, ['id'])).toEqual({ holds: false, by: 'p/c', detail: ['id'] })
    expect(establishedBy('p/c', 'warned', undefined, undefined)).toEqual({ holds: false, by: 'p/c' })
    expect(establishedBy('p/c', 'waived', undefined, undefined)).toEqual({ holds: false, by: 'p/c' })
    expect(establishedBy('p/c', 'blocked', 'create-user/x', undefined)).toEqual({ holds: false, by: 'create-user/x' })
    expect(establishedBy('p/c', 'skipped', undefined, 'd')).toEqual({ detail: 'd' })
  })
})

describe('checkResult', () => {
  test("a result carries the claim, the judgment and its evidence; the presumption stays the runner's", () => {
    const claim = info('gallery', { ...ACCESS_KEPT, presumes: 'accepted' } as CheckInfo['entra'])
    const r = checkResult(
      'f/c',
      claim,
      { flow: { title: 'Flow' }, dialect: 'legacy' },
      { outcome: 'warned', failure: { message: 'm', expected: 1, actual: undefined } },
      [3, 4],
      12.34,
    )
    expect(r).toMatchObject({
      id: 'f/c',
      flow: 'Flow',
      dialect: 'legacy',
      outcome: 'warned',
      message: 'm',
      expected: 1,
    })
    expect(r).not.toHaveProperty('actual')
    expect(r.exchanges).toEqual([3, 4])
    expect(r.durationMs).toBe(12.3)
    expect(r.entra).not.toHaveProperty('presumes')
    expect(r.fix).toBe('Apply active false.')
  })
})
