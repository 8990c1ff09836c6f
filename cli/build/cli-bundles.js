// The CLI as two CommonJS bundles, because only a classic script takes V8's code cache on Node 20 (run-bundle.js):
// dist/cli.cjs, what cli/main.ts needs before it knows the command (the command line, .env, help, errors), and
// dist/commands.cjs, every command, loaded the first time main.ts imports one. `--version`, `--help` and a bad flag
// load the first alone. esbuild splits only ES modules, so the two share their modules by hand: cli.cjs publishes
// each of its own modules, and commands.cjs takes those from it instead of bundling a copy (one class of each error,
// one of everything).
import { dirname, relative, resolve, sep } from 'node:path'
import { fileURLToPath } from 'node:url'

const ROOT = fileURLToPath(new URL('../../', import.meta.url))
const MAIN = 'cli/main.ts'
/** Where cli.cjs leaves its modules for commands.cjs, by path from the package root. */
const SHARED = "globalThis[Symbol.for('scim-preflight.cli-modules')]"

/** Both bundles, built with `options` (the build's common esbuild options); returns their metafiles. */
export async function buildCli(esbuild, options) {
  const cjs = {
    ...options,
    format: 'cjs',
    outExtension: { '.js': '.cjs' },
    // In a CommonJS bundle import.meta is empty: the bundle's own URL stands in for it (dist/ is one level down,
    // as in the ES module build, so files beside the package root are found the same way).
    define: { 'import.meta.url': '__spfModuleUrl' },
    banner: { js: "const __spfModuleUrl = require('node:url').pathToFileURL(__filename).href;" },
  }
  const commands = new Set()
  // First pass: what main.ts loads before a command, and the commands it imports on demand.
  const probe = await esbuild({
    ...cjs,
    entryPoints: [MAIN],
    write: false,
    plugins: [...cjs.plugins, commandsFrom(commands)],
  })
  const own = Object.keys(probe.metafile.inputs).filter(
    (f) => !f.includes('node_modules/') && f !== MAIN && !f.startsWith('spf-'),
  )
  const cli = await esbuild({
    ...cjs,
    entryPoints: { cli: 'spf-cli-entry' },
    plugins: [...cjs.plugins, commandsFrom(commands), entry('spf-cli-entry', publish(own))],
  })
  const rest = await esbuild({
    ...cjs,
    entryPoints: { commands: 'spf-commands-entry' },
    plugins: [...cjs.plugins, sharedFrom(new Set(own)), entry('spf-commands-entry', exportCommands(commands))],
  })
  return [cli.metafile, rest.metafile]
}

const absolute = (file) => JSON.stringify(resolve(ROOT, file))
/** A file's path from the package root as esbuild's metafile spells it (with forward slashes on every system). */
const fromRoot = (file) => relative(ROOT, file).split(sep).join('/')

/** cli.cjs's entry: its own modules published for commands.cjs, then main.ts, which runs the command line. */
function publish(own) {
  return [
    ...own.map((f, i) => `import * as m${i} from ${absolute(f)}`),
    `${SHARED} = { ${own.map((f, i) => `${JSON.stringify(f)}: m${i}`).join(', ')} }`,
    `import(${absolute(MAIN)})`,
  ].join('\n')
}

/**
 * commands.cjs's entry: for each command main.ts imports, by its file name (run, list, serve, …), a function that
 * evaluates its module on first call. require() makes esbuild defer a module's evaluation, so a run does not evaluate
 * what only the other commands use (the reference endpoint's faults, the log reader, the load generator).
 */
function exportCommands(commands) {
  const entries = [...commands].map((name) => `${name}: () => require(${absolute(`cli/${name}.ts`)})`)
  return `module.exports = { ${entries.join(', ')} }`
}

/** A module made of `contents`, named `name`, as a bundle's entry point. */
function entry(name, contents) {
  return {
    name,
    setup(b) {
      b.onResolve({ filter: new RegExp(`^${name}$`) }, () => ({ path: name, namespace: name }))
      b.onLoad({ filter: /.*/, namespace: name }, () => ({ contents, resolveDir: ROOT, loader: 'js' }))
    },
  }
}

/**
 * main.ts's `import('./run.ts')` and the like: the command's module out of commands.cjs, loaded on first use through
 * run-bundle.js (which runs cli.cjs, and so is loaded already), with its code cache.
 */
function commandsFrom(commands) {
  return {
    name: 'commands-from-bundle',
    setup(b) {
      b.onResolve({ filter: /^\.\/\w+\.ts$/ }, (args) => {
        if (args.kind !== 'dynamic-import' || fromRoot(args.importer) !== MAIN) return undefined
        const name = args.path.slice(2, -3)
        commands.add(name)
        return { path: name, namespace: 'spf-command' }
      })
      b.onLoad({ filter: /.*/, namespace: 'spf-command' }, (args) => ({
        contents: `module.exports = globalThis[Symbol.for('scim-preflight.require-bundle')](new URL('commands.cjs', __spfModuleUrl)).${args.path}()`,
        resolveDir: ROOT,
        loader: 'js',
      }))
    },
  }
}

/** In commands.cjs, every import of a module cli.cjs holds resolves to cli.cjs's instance of it. */
function sharedFrom(own) {
  return {
    name: 'shared-from-cli',
    setup(b) {
      b.onResolve({ filter: /^\./ }, (args) => {
        if (!args.resolveDir) return undefined
        const file = fromRoot(resolve(args.resolveDir, args.path))
        return own.has(file) ? { path: file, namespace: 'spf-shared' } : undefined
      })
      // Marked as an ES module's exports, read live: a default export stays the default, a `let` its current value.
      b.onLoad({ filter: /.*/, namespace: 'spf-shared' }, (args) => ({
        contents: [
          `const m = ${SHARED}[${JSON.stringify(args.path)}]`,
          "Object.defineProperty(exports, '__esModule', { value: true })",
          'for (const k of Object.keys(m)) Object.defineProperty(exports, k, { enumerable: true, get: () => m[k] })',
        ].join('\n'),
        resolveDir: dirname(resolve(ROOT, args.path)),
        loader: 'js',
      }))
    },
  }
}
