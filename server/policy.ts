// The few named seams a fault may override. Each default is the correct behaviour; routes call the seams and
// never mention a fault.

export interface Policy {
  /** Whether the Authorization header carries the configured token. */
  authenticate(authorization: string | undefined, token: string): boolean
  /** Filter `eq` on a string attribute; caseExact comes from the schema (userName is caseExact false). */
  stringEquals(actual: string, expected: string, caseExact: boolean): boolean
  /** RFC 7644 §3.3: a second user with the same userName is refused with 409 uniqueness. */
  enforceUserNameUniqueness: boolean
  /** Entra sends "Replace"/"Add"/"Remove": ops compare case-insensitively (S1 General). */
  opMatches(sent: string, op: 'add' | 'replace' | 'remove'): boolean
  /** Entra's legacy dialect sends "True"/"False" strings for booleans (S2). */
  parseBoolean(value: unknown): boolean | undefined
  /** Status for a successful group PATCH: 204 per S1 (200 with the group is allowed too). */
  groupPatchStatus: 200 | 204
  /** Entra matches groups on displayName, so a second group with the same name is refused with 409 (S1, validator). */
  enforceGroupNameUniqueness: boolean
  /** A PATCH adds a member already in the group or removes one not in it: nothing changes (RFC 7644 §3.5.2.1, §3.5.2.2). */
  unchangedMember(change: 'add-existing' | 'remove-absent', memberId: string): void
}

export const cleanPolicy: Policy = {
  authenticate: (authorization, token) => authorization === `Bearer ${token}`,
  stringEquals: (actual, expected, caseExact) => (caseExact ? actual === expected : actual.toLowerCase() === expected.toLowerCase()),
  enforceUserNameUniqueness: true,
  opMatches: (sent, op) => sent.toLowerCase() === op,
  parseBoolean: (value) => {
    if (typeof value === 'boolean') return value
    if (typeof value === 'string' && /^(true|false)$/i.test(value)) return value.toLowerCase() === 'true'
    return undefined
  },
  groupPatchStatus: 204,
  enforceGroupNameUniqueness: true,
  unchangedMember: () => {},
}
