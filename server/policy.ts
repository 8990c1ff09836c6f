// The few named seams a fault may override. Each default is the correct behaviour; routes call the seams and
// never mention a fault.
import type { PatchOperation } from './patch.ts'

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
  /** What the server makes of a PATCH's operations before applying them: as sent, all of them, in order (RFC 7644 §3.5.2). */
  preparePatch(ops: PatchOperation[], user: Record<string, unknown>): PatchOperation[]
  /** Whether a value clears the attribute: Entra and Microsoft's validation send "" and null (and {"value": ""} for the manager). */
  clearsAttribute(value: unknown): boolean
  /** The page served for a requested startIndex and count (RFC 7644 §3.4.2.4: exactly those). */
  page(startIndex: number, count: number): { startIndex: number; count: number }
  /** Status for a successful group PATCH: 204 per S1 (200 with the group is allowed too). */
  groupPatchStatus: 200 | 204
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
  preparePatch: (ops) => ops,
  clearsAttribute: (v) => v === null || v === '' || (typeof v === 'object' && v !== null && !Array.isArray(v) && 'value' in v && (v.value === '' || v.value === null)),
  page: (startIndex, count) => ({ startIndex, count }),
  groupPatchStatus: 204,
}
