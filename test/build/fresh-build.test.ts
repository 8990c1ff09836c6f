// bin.js runs dist/ only while it is fresh: a source edited (or removed) after the build began sends it to tsx.
import { mkdirSync, mkdtempSync, rmSync, utimesSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { pathToFileURL } from 'node:url'
import { afterEach, beforeEach, describe, expect, test } from 'vitest'
import { freshBuild } from '../../cli/build/fresh-build.js'

let dir: string
let root: URL
const startedAt = Date.now() - 60_000

beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'spf-build-'))
  root = pathToFileURL(`${dir}/`)
  mkdirSync(join(dir, 'dist'))
  mkdirSync(join(dir, 'cli'))
  for (const f of ['cli/main.ts', 'cli/run.ts']) {
    writeFileSync(join(dir, f), '')
    utimesSync(join(dir, f), new Date(startedAt - 1000), new Date(startedAt - 1000))
  }
  writeFileSync(join(dir, 'dist/build.json'), JSON.stringify({ startedAt, inputs: ['cli/main.ts', 'cli/run.ts'] }))
})
afterEach(() => rmSync(dir, { recursive: true, force: true }))

describe('freshBuild', () => {
  test('names dist/cli.cjs while every input is older than the build', () => {
    expect(freshBuild(root)?.href).toBe(new URL('dist/cli.cjs', root).href)
  })
  test('is undefined once an input changed after the build began', () => {
    utimesSync(join(dir, 'cli/run.ts'), new Date(), new Date())
    expect(freshBuild(root)).toBeUndefined()
  })
  test('an installed package (no lock file: npm never packs one; every file as new as the install) runs its dist/', () => {
    writeFileSync(
      join(dir, 'dist/build.json'),
      JSON.stringify({ startedAt, inputs: ['cli/main.ts', 'cli/run.ts', 'package-lock.json'] }),
    )
    utimesSync(join(dir, 'cli/run.ts'), new Date(), new Date())
    writeFileSync(join(dir, 'dist/cli.cjs'), '')
    expect(freshBuild(root)?.href).toBe(new URL('dist/cli.cjs', root).href)
    // In a checkout the lock file is there, and a newer source wins as before.
    writeFileSync(join(dir, 'package-lock.json'), '{}')
    utimesSync(join(dir, 'package-lock.json'), new Date(startedAt - 1000), new Date(startedAt - 1000))
    expect(freshBuild(root)).toBeUndefined()
  })
  test('is undefined when an input is gone, or there is no build', () => {
    rmSync(join(dir, 'cli/run.ts'))
    expect(freshBuild(root)).toBeUndefined()
    rmSync(join(dir, 'dist/build.json'))
    expect(freshBuild(root)).toBeUndefined()
  })
})
