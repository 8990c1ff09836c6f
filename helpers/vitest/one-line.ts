// How the library entry points report a problem a vendor can fix: the CLI's one line, as vitest shows an error.

/** An error vitest prints as the message alone: the one line the CLI would print, no stack of ours. */
export function oneLine(message: string): Error {
  const err = new Error(`scim-preflight: ${message}`)
  err.stack = `Error: ${err.message}`
  return err
}
