// Loads the CLI's bundles (dist/cli.cjs, then dist/commands.cjs when a command runs: cli-bundles.js) with V8's code
// cache: the bytecode of every function a default run executed, kept by the build after a run of its own
// (train-code-cache.js). A run then compiles next to nothing: without the cache a short run spends a tenth of its
// time compiling the same code, function by function, as it first calls it. Plain JavaScript, like cli/bin.js, which
// loads it.
import { existsSync, readFileSync, statSync, writeFileSync } from 'node:fs'
import { createRequire, Module } from 'node:module'
import { dirname } from 'node:path'
import { fileURLToPath } from 'node:url'
import vm from 'node:vm'

/** The code cache of a bundle: beside it, and used only while it is newer than the bundle. */
export const cacheFileOf = (bundle) => `${bundle}.code-cache`

/** Every bundle this process loaded, by file: its exports, and its script (whose code cache the build writes). */
const loaded = new Map()

/**
 * The bundle compiled as a CommonJS module's function, with its code cache when the cache was made for this very
 * bundle by this Node (V8 checks its own version, its flags and the source's length; a cache file older than the
 * bundle is not even read).
 */
export function compileBundle(bundleUrl) {
  const file = fileURLToPath(bundleUrl)
  // The build writes bundles in ASCII only (build.js escapes the rest), so Latin-1 reads them exactly and V8
  // keeps them one byte per character: decoded as UTF-8, a single arrow made the whole bundle a two-byte string.
  const source = readFileSync(file, 'latin1')
  const cacheFile = cacheFileOf(file)
  const cachedData =
    existsSync(cacheFile) && statSync(cacheFile).mtimeMs >= statSync(file).mtimeMs ? readFileSync(cacheFile) : undefined
  const script = new vm.Script(Module.wrap(source), { filename: file, cachedData })
  return { file, script, cacheUsed: cachedData !== undefined && !script.cachedDataRejected }
}

/** The bundle's exports, running it the first time (as require() would, but with its code cache). */
export function requireBundle(bundleUrl) {
  const file = fileURLToPath(bundleUrl)
  const known = loaded.get(file)
  if (known) return known.module.exports
  // A script compiled from a code cache gets no import() on Node 20: the bundles import what they cannot bundle (tsx,
  // a vendor's --checks file) through this module's (helpers/model/import-module.ts), and cli.cjs loads
  // commands.cjs through this function (cli-bundles.js).
  globalThis[Symbol.for('scim-preflight.import')] = (specifier) => import(specifier)
  globalThis[Symbol.for('scim-preflight.require-bundle')] = requireBundle
  const { script } = compileBundle(bundleUrl)
  const module = { exports: {} }
  loaded.set(file, { module, script })
  script.runInThisContext()(module.exports, createRequire(file), module, file, dirname(file))
  return module.exports
}

/** Writes the code cache of every bundle loaded so far, with the bytecode of all it has run (the build's last step). */
export function saveCodeCaches() {
  for (const [file, { script }] of loaded) writeFileSync(cacheFileOf(file), script.createCachedData())
}
