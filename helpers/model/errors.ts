// Errors the CLI turns into one line on stderr and exit 2: the user can fix them, so no stack trace.

/** Bad flag, URL, file or setting. The message names the problem and the fix. */
export class UsageError extends Error {
  override name = 'UsageError'
}

/** The target could not be reached at all (DNS, refused, TLS, timeout). */
export class UnreachableError extends Error {
  override name = 'UnreachableError'
}

/** A write was attempted in read-only mode: a bug in the suite, never a request on the wire. */
export class ReadOnlyViolation extends Error {
  override name = 'ReadOnlyViolation'
}
