// Compiles the TypeScript CLI into dist/ (one ES module per command, loaded on demand) so a start costs no
// TypeScript loader. `node cli/build.js` builds; install runs it (`prepare`), and so does `npm test` first.
// bin.js runs dist/ only while it is fresh: every file the build read is older than the build.
import { existsSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs'
import { fileURLToPath } from 'node:url'

const ROOT = new URL('../', import.meta.url)
export const DIST = new URL('dist/', ROOT)
const LOCK_FILE = 'package-lock.json'

/**
 * The built entry point, or undefined when there is none or when any source it was built from changed after the
 * build began (then bin.js runs the sources through tsx: slower, never stale). A source removed since counts as changed.
 */
export function freshBuild(root = ROOT) {
  let stamp
  try {
    stamp = JSON.parse(readFileSync(new URL('dist/build.json', root), 'utf8'))
  } catch {
    return undefined
  }
  const main = new URL('dist/main.js', root)
  // An installed package has no lock file (npm never packs one), and npm gives its files the time of the install: its
  // dist/ was built from these very sources when it was packed, and nobody edits them in node_modules.
  if (stamp.inputs.includes(LOCK_FILE) && !existsSync(new URL(LOCK_FILE, root)))
    return existsSync(main) ? main : undefined
  for (const file of stamp.inputs) {
    try {
      if (statSync(new URL(file, root)).mtimeMs >= stamp.startedAt) return undefined
    } catch {
      return undefined
    }
  }
  return main
}

/**
 * helpers/model/validators.ts compiles the JSON Schema validators with ajv on first use; the bundle gets the same
 * validators compiled here instead (ajv's standalone code): a run then loads neither ajv's compiler nor spends the
 * time compiling (about 90 ms of a default run).
 */
async function aheadOfTimeValidators() {
  const { tsImport } = await import('tsx/esm/api')
  const setup = await tsImport('../helpers/model/validator-setup.ts', import.meta.url)
  const contents = setup.aheadOfTimeModule()
  return {
    inputs: ['helpers/model/validator-setup.ts', ...setup.SCHEMA_FILES],
    plugin: {
      name: 'validators-ahead-of-time',
      setup(b) {
        b.onLoad({ filter: /[\\/]helpers[\\/]model[\\/]validators\.ts$/ }, () => ({
          contents,
          loader: 'js',
          resolveDir: fileURLToPath(new URL('helpers/model/', ROOT)),
        }))
      },
    },
  }
}

export async function build() {
  // esbuild comes with tsx (a dependency), so install needs nothing more.
  const { build: esbuild } = await import('esbuild')
  const startedAt = Date.now()
  const validators = await aheadOfTimeValidators()
  // Chunk names carry a hash: old ones would pile up.
  rmSync(DIST, { recursive: true, force: true })
  const result = await esbuild({
    absWorkingDir: fileURLToPath(ROOT),
    // thread-entry: the reference endpoint's worker (server/thread.ts starts `./thread-entry.js` next to itself).
    // vitest, checks: the library entry points (exports "./vitest", "./checks"; cli/entry.js loads them).
    entryPoints: {
      main: 'cli/main.ts',
      'thread-entry': 'server/thread.ts',
      vitest: 'helpers/vitest/index.ts',
      checks: 'helpers/custom/index.ts',
    },
    // The vendor's own vitest, never a copy (only the vitest entry imports it); tsx (loads --checks .ts files) as installed.
    external: ['vitest', 'tsx'],
    outdir: 'dist',
    bundle: true,
    splitting: true,
    format: 'esm',
    platform: 'node',
    target: 'node20',
    // Dependencies are bundled too: loading ajv, axios and faker file by file from node_modules cost more than the
    // rest of a short run. Each still loads only with the chunk that uses it. CommonJS ones get a real require.
    banner: {
      js: "import { createRequire as __spfCreateRequire } from 'node:module'; const require = __spfCreateRequire(import.meta.url);",
    },
    plugins: [validators.plugin],
    // axios loads form-data (with mime-db, 270 KB in all) for multipart bodies, which the tool never sends: a stub
    // that says so spares every start parsing it.
    alias: { 'form-data': './cli/no-form-data.js' },
    sourcemap: 'linked',
    metafile: true,
    logLevel: 'warning',
  })
  // The lock file stands for the bundled dependencies: another version of one makes the build stale.
  const inputs = [
    ...Object.keys(result.metafile.inputs).filter((f) => !f.includes('node_modules/')),
    ...validators.inputs,
    'cli/build.js',
    LOCK_FILE,
  ]
  writeFileSync(new URL('build.json', DIST), `${JSON.stringify({ startedAt, inputs }, null, 1)}\n`)
  return inputs.length
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  const t0 = performance.now()
  const count = await build()
  process.stdout.write(`scim-preflight: built dist/ from ${count} files in ${Math.round(performance.now() - t0)} ms\n`)
}
