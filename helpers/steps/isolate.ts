// Which operation of a bundled PATCH does the server refuse? Entra sends a user's changed attributes in one PATCH
// (RFC 7644 §3.5.2: the whole request fails if one operation fails), so one refused operation hides whether the
// others work. When the bundle is refused, or applies only some of its changes, the suite sends each change alone to
// a fresh run-prefixed user. That is the suite's diagnosis, not Entra's traffic: messages say so, and the isolation
// exchanges are cited as evidence next to the bundled one.
import { CheckBlocked, CheckFailure, isServerError, requestLine, short, uses } from '../suite/expect-scim.ts'
import type { FlowContext } from '../suite/flow.ts'
import type { Dialect } from '../model/dialect.ts'
import { userUpdate, type Change, type Operation, type PatchBody } from '../entra/patch-ops.ts'
import { createUser, type CreatedUser } from './requests.ts'
import { expectReadBack, patchAndRead, type Update } from './user-updates.ts'

/** One change sent alone to its own user. */
export interface Alone {
  change: Change
  /** How the operation looked in Entra's bundle, e.g. `Add phoneNumbers[type eq "mobile"].value`. */
  label: string
  /** Undefined when the fresh user could not be created (then the change cannot be judged alone). */
  update?: Update
  /** Why the change did not take effect alone; undefined when it did. */
  problem?: string
}

export interface Isolation {
  bundle: Update
  alone: Alone[]
  /** Changes the server refuses or ignores even when they are sent alone. */
  refused: Alone[]
}

/** `Add phoneNumbers[…].value`, or `replace (path-less) key name.familyName`: the operation as Entra sent it. */
export function operationLabel(dialect: Dialect, change: Change): string {
  const op: Operation = userUpdate(dialect, [change]).Operations[0]!
  return op.path ? `${op.op} ${op.path}` : `${op.op} (path-less) key ${change.path}`
}

/** Why the read-back does not show the change, or undefined when it does. */
function problemOf(u: Update, change: Change): string | undefined {
  try {
    const s = u.patch.response?.status
    if (s === undefined || s < 200 || s >= 300) return `${requestLine(u.patch)}${detailOf(u)}`
    expectReadBack(u, change.path, change.value)
    return undefined
  } catch (err) {
    if (err instanceof CheckFailure)
      return `${requestLine(u.patch)}, then ${change.path} reads back ${short(err.actual)} (${requestLine(u.read)})`
    throw err
  }
}

function detailOf(u: Update): string {
  const body = u.patch.response?.body as { detail?: unknown; scimType?: unknown } | undefined
  const parts = [body?.scimType, body?.detail].filter((v) => typeof v === 'string' && v !== '')
  return parts.length ? ` (${parts.join(': ')})` : ''
}

/** The changes of the bundle that did not read back as sent (all of them when the PATCH was refused). */
export function missedChanges(bundle: Update, changes: readonly Change[]): Change[] {
  return changes.filter((c) => problemOf(bundle, c) !== undefined)
}

/** One unit to send alone: the change it should make (what the read-back must show), its label and its PatchOp. */
export interface Unit {
  change: Change
  label: string
  body: PatchBody
}

/**
 * Sends each unit alone to a fresh user carrying the original user's values (so no change can look applied by
 * coincidence), with its own run-prefixed userName, externalId and email; `omit` leaves out what the original was
 * created without (a mobile number, say).
 */
export async function sendAlone(
  ctx: FlowContext,
  original: CreatedUser,
  units: readonly Unit[],
  omit: readonly string[] = [],
): Promise<Alone[]> {
  const alone: Alone[] = []
  for (const { change, label, body } of units) {
    const fresh = ctx.data.person()
    const user = await createUser(
      ctx,
      { ...original.person, userName: fresh.userName, externalId: fresh.externalId, email: fresh.email },
      omit,
    )
    if (!user.id) {
      alone.push({ change, label })
      continue
    }
    const update = await patchAndRead(ctx, user.id, body)
    alone.push({ change, label, update, problem: problemOf(update, change) })
  }
  return alone
}

/** Isolates the bundle when it needs it: more than one change, and the PATCH refused or some change missing. */
export async function isolateIfNeeded(
  ctx: FlowContext,
  bundle: Update,
  changes: readonly Change[],
  original: CreatedUser,
  omit: readonly string[] = [],
): Promise<Isolation | undefined> {
  if (changes.length < 2 || missedChanges(bundle, changes).length === 0) return undefined
  const units = changes.map((change) => ({
    change,
    label: operationLabel(ctx.dialect, change),
    body: userUpdate(ctx.dialect, [change]),
  }))
  const alone = await sendAlone(ctx, original, units, omit)
  // An operation that got a 5xx or no answer alone was not refused: the server failed (the run-wide cause), so it
  // pins nothing; counted as refused, a random 500 would block checks by another check from run to run.
  const failed = (a: Alone): boolean => !!a.update && (isServerError(a.update.patch) || isServerError(a.update.read))
  return { bundle, alone, refused: alone.filter((a) => a.update && a.problem !== undefined && !failed(a)) }
}

/** One sentence for a failure message: which units the server refuses alone and which it applies alone. */
export function isolationSummary(iso: Isolation): string {
  uses(...iso.alone.flatMap((a) => (a.update ? [a.update.patch] : [])))
  const tried = iso.alone.filter((a) => a.update)
  if (tried.length === 0) return ''
  const ok = tried.filter((a) => a.problem === undefined).map((a) => a.label)
  const parts = [
    iso.refused.length
      ? `refused or ignored in a PATCH of its own: ${iso.refused.map((a) => `${a.label} (${a.problem})`).join('; ')}`
      : '',
    ok.length ? `applied in a PATCH of its own: ${ok.join(', ')}` : '',
  ].filter(Boolean)
  const verdict = iso.refused.length === 0 ? ' — so the server mishandles several operations in one PATCH' : ''
  return ` ${DIAGNOSIS}: ${parts.join('; ')}${verdict}.`
}

const DIAGNOSIS =
  'Diagnosis by isolation (Entra sends these operations in one PATCH; the suite sent each alone to a fresh user to find the one refused)'

/** Whether isolation pinned the bundle's trouble on some of its operations: others went through alone. */
export function pinned(iso: Isolation | undefined): iso is Isolation {
  return !!iso && iso.refused.length > 0 && iso.refused.length < iso.alone.filter((a) => a.update).length
}

/**
 * Judges one change of the bundle. Without isolation, or when isolation blamed no single operation (each works alone,
 * or none does), or the change could not be tried alone, the bundled read-back decides, as Entra sees it. Otherwise
 * the change is judged on its own answer.
 */
export function judgeChange(bundle: Update, change: Change, iso: Isolation | undefined): string | undefined {
  const mine = iso?.alone.find((a) => a.change.path === change.path)
  if (!pinned(iso) || !mine?.update) {
    try {
      expectReadBack(bundle, change.path, change.value)
    } catch (err) {
      if (err instanceof CheckFailure && iso && iso.refused.length === 0) {
        throw new CheckFailure(
          `${err.message}. ${DIAGNOSIS}: every operation is applied when sent alone, so the server mishandles several operations in one PATCH`,
          err.expected,
          err.actual,
        )
      }
      throw err
    }
    return undefined
  }
  uses(bundle.patch, bundle.read, mine.update.patch, mine.update.read)
  const others = iso.refused.filter((a) => a !== mine).map((a) => a.label)
  if (mine.problem !== undefined) {
    throw new CheckFailure(
      `${DIAGNOSIS}: the server does not apply ${mine.label} even when it is sent alone: ${mine.problem}. ` +
        `In Entra's PATCH (${requestLine(bundle.patch)}) it ${bundleEffect(bundle)}`,
      { [change.path]: change.value },
      short(mine.problem),
      // What Entra meets is its own bundled PATCH: refused (the update fails), or accepted without the change (re-sent).
      accepted(bundle.patch) ? mine.update.read : bundle.patch,
    )
  }
  return `${mine.label} is applied when sent alone (${requestLine(mine.update.patch)}); in Entra's bundled PATCH it was held back by ${short(others.join(', '))}. ${DIAGNOSIS}.`
}

const accepted = (ex: Update['patch']): boolean => {
  const s = ex.response?.status
  return s !== undefined && s >= 200 && s < 300
}

const bundleEffect = (u: Update): string =>
  accepted(u.patch) ? 'was not applied either' : 'made the server refuse every operation of the request'

/**
 * For the bundle's status check: when the PATCH was refused because of operations isolation pinned down, the refusal
 * is theirs (one cause, one failure), so the status check is blocked by the first of them.
 */
export function blockIfPinned(bundle: Update, iso: Isolation | undefined, checkOf: (change: Change) => string): void {
  const s = bundle.patch.response?.status
  if (!pinned(iso) || (s !== undefined && s >= 200 && s < 300)) return
  const first = iso.refused[0]!
  throw new CheckBlocked(
    checkOf(first.change),
    `${requestLine(bundle.patch)}: the PATCH was refused because of ${iso.refused.map((a) => a.label).join(', ')}, ` +
      `which the server refuses even alone, while it accepts the other operations alone. ${DIAGNOSIS}.`,
  )
}
