// The CLI runs from two CommonJS bundles with V8's code cache (cli/build/cli-bundles.js, cli/build/run-bundle.js): the build leaves
// them ASCII only, with a code cache this Node takes, and with no module in both (one class of each error).
import { readFileSync } from 'node:fs'
import vm from 'node:vm'
import { describe, expect, test } from 'vitest'
import { DIST, escapeNonAscii } from '../../cli/build/build.js'
import { compileBundle } from '../../cli/build/run-bundle.js'

const BUNDLES = ['cli.cjs', 'commands.cjs']
const modulesOf = (bundle: string): string[] =>
  [...readFileSync(new URL(bundle, DIST), 'latin1').matchAll(/^\/\/ ((?:helpers|specs|server|cli)\/\S+\.ts)$/gm)].map(
    (m) => m[1]!,
  )

describe('the built CLI', () => {
  test.each(BUNDLES)('%s is ASCII only and runs with its code cache', (bundle) => {
    expect(/[^\0-\x7f]/.test(readFileSync(new URL(bundle, DIST), 'latin1'))).toBe(false)
    expect(compileBundle(new URL(bundle, DIST)).cacheUsed).toBe(true)
  })

  test.each(BUNDLES)('%s calls import() only through import-module.ts, which run-bundle.js lends its own', (bundle) => {
    // A script compiled from a code cache has no import() on Node 20: any other call would fail when it runs.
    const callers = new Set<string>()
    let module = ''
    for (const line of readFileSync(new URL(bundle, DIST), 'latin1').split('\n')) {
      module = /^\/\/ (\S+)$/.exec(line)?.[1] ?? module
      if (!/^\s*(\/\/|\*|\/\*)/.test(line) && /[^\w.$]import\(/.test(line)) callers.add(module)
    }
    expect([...callers]).toEqual(bundle === 'commands.cjs' ? ['helpers/model/import-module.ts'] : [])
  })

  test('commands.cjs takes the modules of cli.cjs from it rather than bundling copies', () => {
    const first = modulesOf('cli.cjs')
    expect(first).toContain('helpers/model/errors.ts')
    expect(first).toContain('helpers/config/command.ts')
    const rest = modulesOf('commands.cjs')
    expect(rest).toContain('cli/run.ts')
    expect(rest.filter((m) => first.includes(m))).toEqual([])
  })
})

describe('escapeNonAscii', () => {
  // The same program, read by V8: each kind of place esbuild leaves such characters in.
  const evaluate = (code: string): unknown => vm.runInNewContext(code)
  test.each([
    ['a regular expression', String.raw`/^[✔✘] → (\S+)$/.exec('✔ → ok')[1]`],
    ['a character class under the u flag, beyond the BMP', String.raw`/^[😀]$/u.test('😀')`],
    ['a tagged template (cooked strings)', '((s) => s[0])`— é —`'],
    ['a template literal', '`${1} → ${2}`'],
    ['a comment', '1 // ✔ done'],
  ])('keeps %s meaning the same', (_, code) => {
    const escaped = escapeNonAscii(code)
    expect(/[^\0-\x7f]/.test(escaped)).toBe(false)
    expect(evaluate(escaped)).toEqual(evaluate(code))
  })

  test('refuses a character that a backslash escapes already', () => {
    expect(() => escapeNonAscii(String.raw`/\→/`)).toThrow(/escaped non-ASCII character/)
  })
})
