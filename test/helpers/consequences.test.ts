// The Entra line of a failure follows what the server answered: never "logs the Disable as a success" after a 400,
// "the user keeps existing" after a 404, or "the update fails" after a 200.
import { describe, expect, test } from 'vitest'
import {
  ACCESS_KEPT,
  ACCEPTED_WRONG_STATE,
  DELETE_IGNORED,
  observedConsequence,
  SERVER_ERROR,
  UPDATE_REJECTED,
} from '../../helpers/suite/consequences.ts'

const seen = (
  method: string,
  status: number | undefined,
  answer: 'refused' | 'accepted' | 'server-error' | 'no-answer',
) => ({
  answer,
  method,
  status,
  request: `${method} /Users/{id} → ${status ?? 'no answer'}`,
  detail: status === 400 ? 'bad value' : undefined,
})

describe('observedConsequence', () => {
  test('a consequence that presumes the request was accepted is replaced when it was refused', () => {
    const got = observedConsequence({ entra: ACCESS_KEPT, fix: 'Apply active false.' }, seen('PATCH', 400, 'refused'))
    expect(got.entra.code).not.toContain('success')
    expect(got.entra.effect).toMatch(/^The update fails/)
    expect(got.fix).toBe('Apply active false. Today the server refuses PATCH /Users/{id} with 400 ("bad value").')
  })

  test('a DELETE answered 404 is not reported as a user that keeps existing', () => {
    const got = observedConsequence({ entra: DELETE_IGNORED, fix: 'Delete it.' }, seen('DELETE', 404, 'refused'))
    expect(got.entra.effect).not.toContain('keeps existing')
    expect(got.entra.effect).toMatch(/^The delete fails/)
  })

  test('"the update fails" is not said of a PATCH the server accepted', () => {
    const got = observedConsequence({ entra: UPDATE_REJECTED, fix: 'Answer 204.' }, seen('PATCH', 200, 'accepted'))
    expect(got.entra).toBe(ACCEPTED_WRONG_STATE)
    expect(got.fix).toBe('Answer 204.')
  })

  test('a consequence that matches the answer is kept, and a 5xx is a server error whatever the check presumed', () => {
    expect(observedConsequence({ entra: UPDATE_REJECTED, fix: 'f' }, seen('PATCH', 400, 'refused')).entra).toBe(
      UPDATE_REJECTED,
    )
    expect(observedConsequence({ entra: ACCESS_KEPT, fix: 'f' }, seen('PATCH', 500, 'server-error')).entra).toBe(
      SERVER_ERROR,
    )
  })
})
