// What several user flows' claims share, written once: the fix for a refused PATCH, why a read-back must match, and
// the checks of a shape only one PATCH dialect sends (skipped in the other).

export const PATCH_STATUS_FIX =
  'Accept Entra\'s PatchOp in both dialects ("Replace" or "replace", with or without path) and answer 200 with the user or 204.'

export const READ_BACK_WHY =
  'Entra compares what it reads with what it sent; a value that comes back different is re-sent every cycle.'

/** Checks of a shape only one dialect sends: skipped, saying why, in the other (lower-case strings and stringified roles are legacy; the path-less add is aadOptscim062020). */
export const ONE_DIALECT_ONLY: readonly string[] = [
  'disable-user/accepts-lower-case-string-booleans',
  'update-user-pathless-add/responds-200-or-204',
  'update-user-pathless-add/applies-dotted-and-urn-keys',
  'update-user-roles/adds-stringified-roles',
]
