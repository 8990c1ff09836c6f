// import() of what no bundle holds (tsx, a vendor's file of checks), working in every form the code runs in. The
// CLI's bundles run as scripts compiled from V8's code cache (cli/build/run-bundle.js), where Node 20 refuses import()
// (ERR_VM_DYNAMIC_IMPORT_CALLBACK_MISSING: the cache does not carry the script's import callback); run-bundle.js,
// an ES module, lends its own import() under this key before it runs them. Elsewhere (tsx, vitest, the library
// entry points) the module's own import() serves.

const LENT = Symbol.for('scim-preflight.import')

type Importer = (specifier: string) => Promise<unknown>

/** The module at `specifier` (a package name or a file: URL), imported from this package. */
export function importModule(specifier: string): Promise<unknown> {
  const lent = (globalThis as { [LENT]?: Importer })[LENT]
  return lent ? lent(specifier) : import(specifier)
}
