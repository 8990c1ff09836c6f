// What the update flows share: PATCH then GET, and the read-back comparison Entra itself makes
// (Microsoft's SCIM tutorial, "General": a value that comes back different is re-sent every cycle).
import type { Exchange } from '../model/exchange.ts'
import {
  CheckFailure,
  CheckSkipped,
  dependsOn,
  expectJsonBody,
  expectStatus,
  requestLine,
  short,
} from '../suite/expect-scim.ts'
import type { FlowContext } from '../suite/flow.ts'
import { userUpdate, type Change } from '../entra/patch-ops.ts'
import {
  canonicalFor,
  ENTERPRISE_USER,
  getAttribute,
  isMapped,
  valueFor,
  type Profile,
  type ValueSource,
} from '../entra/profile.ts'
import { LANGUAGE_TAGS, nextOf, TIME_ZONES, type PersonData } from '../entra/person.ts'

/** A PATCH, the GET Entra sent before it, and the GET that followed it. */
export interface Update {
  /** Entra's update cycle reads the user first (GET /Users/{id}), compares, and PATCHes what differs. */
  before?: Exchange
  patch: Exchange
  read: Exchange
}

/**
 * GET /Users/{id}, PATCH with the body, then GET /Users/{id}: Entra reads a user before it updates it (a captured
 * cycle: https://github.com/MicrosoftDocs/azure-docs/issues/11784), so a server whose reads differ once a write
 * came in (a read cache a PATCH does not refresh) is seen in the order Entra sees it.
 */
export async function patchAndRead(ctx: Pick<FlowContext, 'scim'>, id: string, body: unknown): Promise<Update> {
  const before = await ctx.scim.get(`/Users/${encodeURIComponent(id)}`)
  const patch = await ctx.scim.patch(`/Users/${encodeURIComponent(id)}`, body)
  const read = await ctx.scim.get(`/Users/${encodeURIComponent(id)}`)
  return { before, patch, read }
}

/**
 * Entra's update cycle for these changes: GET /Users/{id}, compare, PATCH only the attributes whose value differs (in
 * the dialect's shape), GET again. Returns undefined when nothing differs (Entra then sends no PATCH).
 */
export async function updateLikeEntra(
  ctx: Pick<FlowContext, 'scim' | 'dialect'>,
  id: string,
  changes: readonly Change[],
): Promise<(Update & { sent: Change[] }) | undefined> {
  const before = await ctx.scim.get(`/Users/${encodeURIComponent(id)}`)
  const current = before.response?.status === 200 ? before.response.body : undefined
  const sent = changes.filter((c) => JSON.stringify(getAttribute(current, c.path)) !== JSON.stringify(c.value))
  if (sent.length === 0) return undefined
  const patch = await ctx.scim.patch(`/Users/${encodeURIComponent(id)}`, userUpdate(ctx.dialect, sent))
  const read = await ctx.scim.get(`/Users/${encodeURIComponent(id)}`)
  return { before, patch, read, sent }
}

/** Skips the running check (with the reason in the report) when the profile does not map the attribute. */
export function requireMapped(profile: Profile, path: string): void {
  if (!isMapped(profile, path))
    throw new CheckSkipped(`profile '${profile.name}' does not map ${path}, so Entra never sends it`)
}

/** RFC 7644 §3.5.2 lets a PATCH answer 200 with the resource or 204 without it. Every PATCH that did not is named:
 * the read-backs of the refused ones are blocked by this check, so it alone must tell them all. */
export function expectPatched(...updates: (Update | Exchange | undefined)[]): void {
  const patches = updates
    .filter((u): u is Update | Exchange => u !== undefined)
    .map((u) => ('patch' in u ? u.patch : u))
  const wrong = patches.filter((ex) => ex.response?.status !== 200 && ex.response?.status !== 204)
  if (wrong.length <= 1) {
    for (const ex of patches) expectStatus(ex, [200, 204])
    return
  }
  try {
    expectStatus(wrong[0]!, [200, 204])
  } catch (err) {
    if (!(err instanceof CheckFailure)) throw err
    const rest = wrong
      .slice(1)
      .map((ex) => `${requestLine(ex)}${errorText(ex)}`)
      .join('; ')
    throw new CheckFailure(
      `${err.message}${errorText(wrong[0]!)}. ${wrong.length} of ${patches.length} PATCHes were not accepted; also: ${rest}`,
      err.expected,
      err.actual,
      err.about,
    )
  }
}

/** ` ("<detail>")` of a SCIM Error answer, for naming a refusal in one line. */
function errorText(ex: Exchange): string {
  const detail = (ex.response?.body as { detail?: unknown } | undefined)?.detail
  return typeof detail === 'string' && detail !== '' ? ` ("${detail.slice(0, 160)}")` : ''
}

/** The user read back after a PATCH; fails naming both requests when the GET did not answer 200. A PATCH that was
 * refused (and judged failed by the flow's status check) or hit a server error blocks the check instead: there is
 * nothing it changed to read back. */
export function readBody(u: Update): Record<string, unknown> {
  dependsOn(u.patch, 'the change it made cannot be read back')
  dependsOn(u.read, 'the user cannot be read back')
  if (u.read.response?.status !== 200) {
    throw new CheckFailure(
      `${requestLine(u.read)}: the user could not be read back after ${requestLine(u.patch)}`,
      200,
      u.read.response?.status ?? u.read.error,
      u.read,
    )
  }
  return expectJsonBody(u.read)
}

const patchNote = (u: Update): string => {
  const s = u.patch.response?.status
  return s !== undefined && s >= 200 && s < 300 ? '' : ` (the PATCH answered ${s ?? u.patch.error})`
}

/** userName and email values are caseExact false (RFC 7643 §4.1.1, §4.1.2): a different letter case is the same value. */
export const caseInsensitive = (path: string): boolean => /^userName$|^emails(\[[^\]]*\])?(\.value)?$/i.test(path)

/** Whether a value read back is the one sent, comparing caseExact-false attributes without case. */
export function sameValue(path: string, got: unknown, sent: unknown): boolean {
  if (caseInsensitive(path) && typeof got === 'string' && typeof sent === 'string')
    return got.toLowerCase() === sent.toLowerCase()
  return JSON.stringify(got) === JSON.stringify(sent)
}

/** The GET after the PATCH shows the attribute as sent (caseExact-false ones in any case); a value path names one element only. */
export function expectReadBack(u: Update, path: string, sent: unknown): void {
  const body = readBody(u)
  const got = getAttribute(body, path)
  if (!sameValue(path, got, sent)) {
    throw new CheckFailure(
      `${requestLine(u.read)}: ${path} is ${short(got)} after the PATCH sent ${short(sent)}${patchNote(u)}. Entra compares what it reads with what it sent and will re-send it every cycle`,
      sent,
      got,
    )
  }
  const vp = /^(\w+)\[type eq "([^"]+)"\]/.exec(path)
  if (vp) {
    const list = getAttribute(body, vp[1]!)
    const same = Array.isArray(list)
      ? list.filter((e) => String((e as { type?: unknown })?.type).toLowerCase() === vp[2]!.toLowerCase())
      : []
    if (same.length > 1) {
      throw new CheckFailure(
        `${requestLine(u.read)}: ${vp[1]} has ${same.length} elements of type "${vp[2]}" after a PATCH on ${path}: the value path must change the one element, not add another`,
        1,
        same,
      )
    }
  }
}

/** The GET after the PATCH shows the attribute gone, null or "" (what Microsoft's null-update test accepts). */
export function expectCleared(u: Update, path: string): void {
  const got = getAttribute(readBody(u), path)
  const inner =
    got && typeof got === 'object' && !Array.isArray(got) && 'value' in got ? (got as { value: unknown }).value : got
  if (inner !== undefined && inner !== null && inner !== '') {
    throw new CheckFailure(
      `${requestLine(u.read)}: ${path} is still ${short(got)} after the PATCH cleared it${patchNote(u)}. Entra will send the clear again every cycle`,
      'absent, null or ""',
      got,
    )
  }
}

/** A value for the path that differs from the user's current one (so a PATCH that changes nothing cannot pass). */
export function newValue(path: string, fresh: PersonData, old: PersonData, source?: ValueSource): unknown {
  const next = valueFor(path, fresh, source)
  if (next !== valueFor(path, old, source)) return next
  const allowed = canonicalFor(path, source)
  if (allowed && allowed.length > 1) return nextOf(allowed, String(next))
  if (typeof next === 'boolean') return !next
  if (typeof next === 'number') return next + 1
  // Another value the directory could hold, never a suffixed one ("en-US 2" is no language tag).
  if (typeof next === 'string' && (LANGUAGE_TAGS as readonly string[]).includes(next))
    return nextOf(LANGUAGE_TAGS, next)
  if (typeof next === 'string' && (TIME_ZONES as readonly string[]).includes(next)) return nextOf(TIME_ZONES, next)
  return typeof next === 'string' ? `${next} 2` : next
}

/** Changes for the mapped attributes among the candidates, with values from another person. */
export function changesFor(
  profile: Profile,
  candidates: readonly string[],
  fresh: PersonData,
  old: PersonData,
): Change[] {
  return candidates
    .filter((p) => isMapped(profile, p))
    .map((path) => ({ path, value: newValue(path, fresh, old, profile) }))
}

export const EMPLOYEE_NUMBER = `${ENTERPRISE_USER}:employeeNumber`
export const DEPARTMENT = `${ENTERPRISE_USER}:department`
export const MANAGER = `${ENTERPRISE_USER}:manager`
export const WORK_EMAIL = 'emails[type eq "work"].value'
export const MOBILE_PHONE = 'phoneNumbers[type eq "mobile"].value'
export const WORK_LOCALITY = 'addresses[type eq "work"].locality'
