// Compiles the TypeScript into dist/ so a start costs no TypeScript loader: the CLI as two CommonJS bundles with V8's
// code cache (cli-bundles.js), the library entry points as ES modules. `node cli/build/build.js` builds; install runs it
// (`prepare`), and so does `npm test` first. cli/bin.js runs dist/ only while it is fresh (fresh-build.js).
import { spawnSync } from 'node:child_process'
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { dirname, join, relative, sep } from 'node:path'
import { fileURLToPath } from 'node:url'
import { buildCli } from './cli-bundles.js'
import { DIST, LOCK_FILE } from './fresh-build.js'
import { cacheFileOf } from './run-bundle.js'

export { DIST, freshBuild } from './fresh-build.js'

const ROOT = new URL('../../', import.meta.url)

/**
 * Modules the bundles get as the value they compute, computed here: helpers/model/validators.ts compiles the JSON
 * Schema validators with ajv on first use, and the bundle gets the same validators as ajv's standalone code (a run
 * then loads neither ajv's compiler nor spends the time compiling: about 90 ms of a default run);
 * helpers/entra/faker-locale.ts picks TestData's definitions out of faker's English locale, and the bundle gets them
 * as a literal (the rest of the locale stays out of it).
 */
async function aheadOfTime() {
  const { tsImport } = await import('tsx/esm/api')
  const setup = await tsImport('../../helpers/model/validator-setup.ts', import.meta.url)
  const { TEST_DATA_LOCALE } = await tsImport('../../helpers/entra/faker-locale.ts', import.meta.url)
  const modules = new Map([
    ['helpers/model/validators.ts', setup.aheadOfTimeModule()],
    ['helpers/entra/faker-locale.ts', `export const TEST_DATA_LOCALE = ${JSON.stringify(TEST_DATA_LOCALE)}\n`],
  ])
  return {
    inputs: ['helpers/model/validator-setup.ts', ...setup.SCHEMA_FILES],
    plugin: {
      name: 'ahead-of-time',
      setup(b) {
        b.onLoad({ filter: /[\\/]helpers[\\/](model[\\/]validators|entra[\\/]faker-locale)\.ts$/ }, (args) => {
          const file = relative(fileURLToPath(ROOT), args.path).split(sep).join('/')
          return { contents: modules.get(file), loader: 'js', resolveDir: dirname(args.path) }
        })
      },
    },
  }
}

export async function build() {
  // esbuild comes with tsx (a dependency), so install needs nothing more.
  const { build: esbuild } = await import('esbuild')
  const startedAt = Date.now()
  const computed = await aheadOfTime()
  // Chunk names carry a hash: old ones would pile up.
  rmSync(DIST, { recursive: true, force: true })
  const common = {
    absWorkingDir: fileURLToPath(ROOT),
    // The vendor's own vitest, never a copy (only the vitest entry imports it); tsx (loads --checks .ts files) as installed.
    external: ['vitest', 'tsx'],
    outdir: 'dist',
    // Dependencies are bundled too: loading ajv, axios and faker file by file from node_modules cost more than the
    // rest of a short run.
    bundle: true,
    platform: 'node',
    target: 'node20',
    plugins: [computed.plugin],
    // axios loads form-data (with mime-db, 270 KB in all) for multipart bodies, which the tool never sends: a stub
    // that says so spares every start parsing it.
    alias: { 'form-data': './cli/build/no-form-data.js' },
    sourcemap: 'linked',
    metafile: true,
    logLevel: 'warning',
  }
  const cli = await buildCli(esbuild, common)
  // The library entry points, as ES modules sharing their chunks: vitest and checks (exports "./vitest", "./checks"),
  // and thread-entry, the reference endpoint's worker (server/thread.ts starts `./thread-entry.js` next to itself).
  // A vendor's --checks file that imports "./checks" gets its own copy of what it uses; definitions are plain data
  // and the runner recognises a proof's outcome by name as well as by class, so the two copies agree.
  const library = await esbuild({
    ...common,
    entryPoints: {
      'thread-entry': 'server/thread.ts',
      vitest: 'helpers/vitest/index.ts',
      checks: 'helpers/custom/index.ts',
    },
    splitting: true,
    format: 'esm',
    // CommonJS dependencies get a real require.
    banner: {
      js: "import { createRequire as __spfCreateRequire } from 'node:module'; const require = __spfCreateRequire(import.meta.url);",
    },
  })
  const metafiles = [...cli, library.metafile]
  asciiOnly(metafiles.flatMap((m) => Object.keys(m.outputs)))
  // The lock file stands for the bundled dependencies: another version of one makes the build stale.
  const sources = new Set(metafiles.flatMap((m) => Object.keys(m.inputs)).filter((f) => !f.includes(':')))
  const inputs = [
    ...[...sources].filter((f) => !f.includes('node_modules/')),
    ...computed.inputs,
    'cli/build/build.js',
    'cli/build/cli-bundles.js',
    LOCK_FILE,
  ]
  writeFileSync(new URL('build.json', DIST), `${JSON.stringify({ startedAt, inputs }, null, 1)}\n`)
  return { inputs: inputs.length, codeCache: trainCodeCache() }
}

/**
 * Rewrites each output with every character beyond ASCII as a \u escape (esbuild leaves them in comments, regular
 * expressions and tagged templates): Node then reads the file straight into a one-byte string, where one such
 * character made the whole bundle a two-byte one. The escapes mean the same characters everywhere they can occur.
 */
function asciiOnly(outputs) {
  for (const out of outputs.filter((f) => /\.c?js$/.test(f))) {
    const url = new URL(out, ROOT)
    const text = readFileSync(url, 'utf8')
    if (/[^\0-\x7f]/.test(text)) writeFileSync(url, escapeNonAscii(text))
  }
}

/** `text` with each UTF-16 unit beyond ASCII as \uXXXX; refuses one that follows a backslash (an escape of its own). */
export function escapeNonAscii(text) {
  return text.replace(/(\\*)([^\0-\x7f])/g, (_, slashes, ch) => {
    if (slashes.length % 2 === 1) throw new Error(`escaped non-ASCII character ${JSON.stringify(ch)} in the bundle`)
    return `${slashes}\\u${ch.charCodeAt(0).toString(16).padStart(4, '0')}`
  })
}

/**
 * Runs the default run once from the fresh bundles (against the built-in endpoint, named with --built-in because a
 * CI build refuses a run without a target; from an empty folder, with no SCIM_* settings) and keeps the code caches
 * it writes as it ends. Whether it did: a build without them still works, and test/build/code-cache.test.ts fails.
 */
function trainCodeCache() {
  const dir = mkdtempSync(join(tmpdir(), 'spf-train-'))
  try {
    const env = Object.fromEntries(
      Object.entries(process.env).filter(([k]) => !k.startsWith('SCIM_') && !/^(https?|no)_proxy$/i.test(k)),
    )
    spawnSync(
      process.execPath,
      [fileURLToPath(new URL('cli/build/train-code-cache.js', ROOT)), '--built-in', '--report-dir', dir],
      {
        cwd: dir,
        env: { ...env, NO_COLOR: '1' },
        stdio: 'ignore',
        timeout: 120_000,
      },
    )
  } finally {
    rmSync(dir, { recursive: true, force: true })
  }
  return ['cli.cjs', 'commands.cjs'].every((f) => existsSync(new URL(cacheFileOf(f), DIST)))
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  const t0 = performance.now()
  const { inputs, codeCache } = await build()
  process.stdout.write(
    `scim-preflight: built dist/ from ${inputs} files in ${Math.round(performance.now() - t0)} ms${codeCache ? '' : ' (without a code cache: the run that makes it failed)'}\n`,
  )
}
