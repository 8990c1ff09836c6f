// The reference endpoint's filters: what Entra sends (eq, and) compared as RFC 7643 says: userName case-insensitively,
// id, externalId and member values exactly; members and manager compare on their value. Bad filters are 400 invalidFilter.
import { describe, expect, test } from 'vitest'
import { compileFilter } from '../../server/filter.ts'
import { HttpError } from '../../server/http.ts'
import { cleanPolicy, type Policy } from '../../server/policy.ts'

const ENTERPRISE = 'urn:ietf:params:scim:schemas:extension:enterprise:2.0:User'
const ada = {
  id: 'u1',
  userName: 'Ada@Contoso.example',
  externalId: 'Ext-1',
  active: true,
  emails: [{ type: 'work', value: 'ada@contoso.example' }],
  [ENTERPRISE]: { manager: { value: 'm1' } },
}
const group = { id: 'g1', displayName: 'Sales', members: [{ value: 'u1' }, { value: 'u2' }] }
const matches = (filter: string, resource: unknown, policy: Policy = cleanPolicy) =>
  compileFilter(filter, policy)(resource)

describe('compileFilter', () => {
  test('userName eq matches whatever the case (caseExact false)', () => {
    expect(matches('userName eq "ada@contoso.example"', ada)).toBe(true)
    expect(matches('userName eq "bob@contoso.example"', ada)).toBe(false)
  })
  test('id and externalId compare exactly', () => {
    expect(matches('externalId eq "Ext-1"', ada)).toBe(true)
    expect(matches('externalId eq "ext-1"', ada)).toBe(false)
    expect(matches('id eq "U1"', ada)).toBe(false)
  })
  test('ne is the negation of eq', () => {
    expect(matches('userName ne "ADA@contoso.example"', ada)).toBe(false)
    expect(matches('externalId ne "other"', ada)).toBe(true)
  })
  test('a value filter on a multi-valued attribute, and a boolean', () => {
    expect(matches('emails[type eq "work"].value eq "ada@contoso.example"', ada)).toBe(true)
    expect(matches('active eq true', ada)).toBe(true)
    expect(matches('active eq false', ada)).toBe(false)
  })
  test("Entra's membership query: members eq reaches every member's value, joined with and", () => {
    expect(matches('id eq "g1" and members eq "u2"', group)).toBe(true)
    expect(matches('id eq "g1" and members eq "u3"', group)).toBe(false)
    expect(matches('members.value eq "u1"', group)).toBe(true)
  })
  test('the manager compares on its value, by its URN path', () => {
    expect(matches(`${ENTERPRISE}:manager eq "m1"`, ada)).toBe(true)
  })
  test('the policy decides string comparison (the filter-username-case-sensitive fault)', () => {
    const exact: Policy = { ...cleanPolicy, stringEquals: (a, b) => a === b }
    expect(matches('userName eq "ada@contoso.example"', ada, exact)).toBe(false)
  })
  test('a filter that does not parse is a 400 invalidFilter', () => {
    try {
      compileFilter('userName eq', cleanPolicy)
      expect.unreachable('a bad filter compiled')
    } catch (err) {
      expect(err).toBeInstanceOf(HttpError)
      expect((err as HttpError).response.status).toBe(400)
      expect((err as HttpError).response.body).toMatchObject({
        scimType: 'invalidFilter',
        detail: expect.stringMatching(/^The filter could not be parsed: /),
      })
    }
  })
})
