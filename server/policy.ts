// The few named seams a fault may override. Each default is the correct behaviour; routes call the seams and
// never mention a fault.
import { timingSafeEqual } from 'node:crypto'
import type { Collection, Resource } from './store.ts'

/** One PatchOp operation after the body is read: op lower-cased (Entra sends "Replace"; RFC 7644 §3.5.2 names them in lower case). */
export interface PatchOperation {
  op: 'add' | 'replace' | 'remove'
  path?: string
  value?: unknown
}

export interface Policy {
  /** Whether the Authorization header carries the configured token. */
  authenticate(authorization: string | undefined, token: string): boolean
  /** Filter `eq` on a string attribute; caseExact comes from the schema (userName is caseExact false). */
  stringEquals(actual: string, expected: string, caseExact: boolean): boolean
  /** RFC 7644 §3.3: a second user with the same userName is refused with 409 uniqueness. */
  enforceUserNameUniqueness: boolean
  /** The stored user a new or changed one may not coexist with: the same userName in any letter case (RFC 7643 §4.1.1). */
  uniquenessClash(user: Record<string, unknown>, users: Collection): Resource | undefined
  /** DELETE /Users/{id}: the user is gone (RFC 7644 §3.6). */
  deleteUser(user: Resource, users: Collection): void
  /** Whether a stored resource appears in /Users and /Groups list and query results (RFC 7644 §3.6: deleted ones do not). */
  listed(resource: Resource): boolean
  /** Entra sends "Replace"/"Add"/"Remove": ops compare case-insensitively (Microsoft's SCIM tutorial, "General"). */
  opMatches(sent: string, op: 'add' | 'replace' | 'remove'): boolean
  /** Entra's legacy dialect sends "True"/"False" strings for booleans (Microsoft's SCIM compliance article (aadOptscim062020)). */
  parseBoolean(value: unknown): boolean | undefined
  /** What the server makes of a PATCH's operations before applying them: as sent, all of them, in order (RFC 7644 §3.5.2). */
  preparePatch(ops: PatchOperation[], user: Record<string, unknown>): PatchOperation[]
  /** Whether a value clears the attribute: Entra and Microsoft's validation send "" and null (and {"value": ""} for the manager). */
  clearsAttribute(value: unknown): boolean
  /** The page served for a requested startIndex and count (RFC 7644 §3.4.2.4: exactly those). */
  page(startIndex: number, count: number): { startIndex: number; count: number }
  /** Status for a successful group PATCH: 204 per Microsoft's SCIM tutorial (200 with the group is allowed too). */
  groupPatchStatus: 200 | 204
  /** Where the token endpoint reads client credentials: the Basic header Entra uses (RFC 6749 §2.3.1), else the body. */
  clientCredentials(
    authorization: string | undefined,
    form: Record<string, string>,
  ): { id: string; secret: string } | undefined
  /** Whether the presented client secret is the configured one. */
  clientSecretMatches(sent: string, expected: string): boolean
  /** expires_in of issued access tokens: one hour, inside the gallery's 60 min–6 h (App Gallery validation checklist 2.2.6). */
  tokenLifetimeSeconds: number
  /** An issued token stops working when its lifetime has passed. */
  honourTokenExpiry: boolean
  /** Entra matches groups on displayName, so a second group with the same name is refused with 409 (Microsoft's SCIM tutorial; the SCIM Validator). */
  enforceGroupNameUniqueness: boolean
  /** A PATCH adds a member already in the group or removes one not in it: nothing changes (RFC 7644 §3.5.2.1, §3.5.2.2). */
  unchangedMember(change: 'add-existing' | 'remove-absent', memberId: string): void
  /** The client secrets the token endpoint accepts: every active one, so a second secret works during rotation (Microsoft's gallery requirements). */
  activeClientSecrets(configured: readonly string[]): readonly string[]
  /** Federation (RFC 7523 §3; Microsoft's federation guide): the client assertion's signature is verified with the trusted key. */
  verifyAssertionSignature: boolean
  /** With a trusted key set (JWKS), the key is the one the assertion's kid names (Microsoft's federation guide: keys cached by kid). */
  chooseAssertionKeyByKid: boolean
  /** The JWS algorithms an assertion may name: RS256 only, as Entra signs (never "none", RFC 8725 §3.1). */
  assertionAlgorithms: readonly string[]
  /** An assertion whose exp has passed is refused (RFC 7523 §3, item 4). */
  honourAssertionExpiry: boolean
  /** An assertion whose aud is not this server's is refused (RFC 7523 §3, item 3). */
  checkAssertionAudience: boolean
  /** A jti claim is demanded (RFC 7523 makes it optional, and Entra's tokens carry none): off. */
  requireAssertionJti: boolean
}

export const cleanPolicy: Policy = {
  authenticate: (authorization, token) => authorization === `Bearer ${token}`,
  stringEquals: (actual, expected, caseExact) =>
    caseExact ? actual === expected : actual.toLowerCase() === expected.toLowerCase(),
  enforceUserNameUniqueness: true,
  uniquenessClash: (user, users) =>
    users
      .lookup('userName', user.userName)
      ?.find((u) => u.id !== user.id && String(u.userName).toLowerCase() === String(user.userName).toLowerCase()),
  deleteUser: (user, users) => {
    users.delete(user.id)
  },
  listed: () => true,
  opMatches: (sent, op) => sent.toLowerCase() === op,
  parseBoolean: (value) => {
    if (typeof value === 'boolean') return value
    if (typeof value === 'string' && /^(true|false)$/i.test(value)) return value.toLowerCase() === 'true'
    return undefined
  },
  preparePatch: (ops) => ops,
  clearsAttribute: (v) =>
    v === null ||
    v === '' ||
    (typeof v === 'object' && v !== null && !Array.isArray(v) && 'value' in v && (v.value === '' || v.value === null)),
  page: (startIndex, count) => ({ startIndex, count }),
  groupPatchStatus: 204,
  enforceGroupNameUniqueness: true,
  unchangedMember: () => {},
  clientCredentials: (authorization, form) => basicCredentials(authorization) ?? formCredentials(form),
  clientSecretMatches: (sent, expected) => {
    const a = Buffer.from(sent)
    const b = Buffer.from(expected)
    return a.length === b.length && timingSafeEqual(a, b)
  },
  tokenLifetimeSeconds: 3600,
  honourTokenExpiry: true,
  activeClientSecrets: (configured) => configured,
  verifyAssertionSignature: true,
  chooseAssertionKeyByKid: true,
  assertionAlgorithms: ['RS256'],
  honourAssertionExpiry: true,
  checkAssertionAudience: true,
  requireAssertionJti: false,
}

/** RFC 6749 §2.3.1: Basic credentials are the form-urlencoded id and secret, so each half is decoded again. */
export function basicCredentials(authorization: string | undefined): { id: string; secret: string } | undefined {
  const m = /^Basic\s+(\S+)$/i.exec(authorization ?? '')
  if (!m) return undefined
  const text = Buffer.from(m[1]!, 'base64').toString('utf8')
  const colon = text.indexOf(':')
  if (colon < 0) return undefined
  const decode = (v: string) => {
    try {
      return decodeURIComponent(v.replace(/\+/g, ' '))
    } catch {
      return v
    }
  }
  return { id: decode(text.slice(0, colon)), secret: decode(text.slice(colon + 1)) }
}

/** The body form RFC 6749 §2.3.1 allows but does not recommend; Entra never uses it. */
export function formCredentials(form: Record<string, string>): { id: string; secret: string } | undefined {
  return form.client_id !== undefined && form.client_secret !== undefined
    ? { id: form.client_id, secret: form.client_secret }
    : undefined
}
