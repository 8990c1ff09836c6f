// The build ships the validators compiled ahead of time (ajv's standalone code, cli/build/build.js); tests and tsx compile
// them on first use. Both must judge every body alike: the same verdict and the same errors, which the reports quote.
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { pathToFileURL } from 'node:url'
import type { ErrorObject, ValidateFunction } from 'ajv'
import { afterAll, beforeAll, describe, expect, test } from 'vitest'
import { packageFile } from '../../helpers/model/package-files.ts'
import { aheadOfTimeModule, SCHEMA_NAMES, type SchemaName } from '../../helpers/model/validator-setup.ts'
import { profileValidator, scimValidator } from '../../helpers/model/validators.ts'
import * as entra from './entra-bodies.ts'
import * as rfc from './rfc-bodies.ts'

interface Ahead {
  scimValidator(name: SchemaName): ValidateFunction
  profileValidator(): ValidateFunction
}

let dir: string
let ahead: Ahead

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'spf-ahead-'))
  const file = join(dir, 'validators.mjs')
  // The bundle gets `require` from the build's banner; here it resolves from the package, as the bundler does.
  const banner = `import { createRequire } from 'node:module'; const require = createRequire(${JSON.stringify(packageFile('package.json'))});`
  writeFileSync(file, `${banner}\n${aheadOfTimeModule()}`)
  ahead = (await import(pathToFileURL(file).href)) as Ahead
})
afterAll(() => rmSync(dir, { recursive: true, force: true }))

/** Each body, then variants of it with one top-level key removed or given a value of another type. */
function variants(body: unknown): unknown[] {
  if (!body || typeof body !== 'object' || Array.isArray(body)) return [body]
  const out: unknown[] = [body]
  for (const key of Object.keys(body)) {
    const { [key]: _gone, ...without } = body as Record<string, unknown>
    out.push(without)
    for (const other of [null, 42, 'x', [], {}, true]) out.push({ ...body, [key]: other })
  }
  return out
}

const BODIES: unknown[] = [
  ...Object.values(entra),
  ...Object.values(rfc),
  ...Object.values(entra.patchOps),
  ...Object.values(rfc.patchOps),
  ...rfc.resourceTypes,
  ...Object.values(rfc.errors),
  'not an object',
  null,
].flatMap(variants)

/** What a report can show of a verdict: errors without ajv's internal references. */
const shown = (validate: ValidateFunction, body: unknown) => ({
  valid: validate(structuredClone(body)),
  errors: (validate.errors ?? []).map((e: ErrorObject) => ({
    instancePath: e.instancePath,
    schemaPath: e.schemaPath,
    keyword: e.keyword,
    params: e.params,
    message: e.message,
    schema: e.schema,
  })),
})

describe('validators compiled ahead of time judge as the ones compiled on first use', () => {
  test.each(SCHEMA_NAMES.map((n) => [n]))('%s', (name) => {
    let invalid = 0
    for (const body of BODIES) {
      const expected = shown(scimValidator(name), body)
      expect(shown(ahead.scimValidator(name), body)).toEqual(expected)
      if (!expected.valid) invalid++
    }
    // The corpus exercises the errors, not only the happy path.
    expect(invalid).toBeGreaterThan(50)
  })

  test('the mapping profile', () => {
    const profiles = readdirSync(packageFile('profiles')).map(
      (f) => JSON.parse(readFileSync(packageFile('profiles', f), 'utf8')) as unknown,
    )
    for (const body of profiles.flatMap(variants)) {
      expect(shown(ahead.profileValidator(), body)).toEqual(shown(profileValidator(), body))
    }
  })

  test('an unknown schema name is an error in both', () => {
    expect(() => scimValidator('nope' as SchemaName)).toThrow('unknown SCIM schema: nope')
    expect(() => ahead.scimValidator('nope' as SchemaName)).toThrow('unknown SCIM schema: nope')
  })
})

test('the build bundles the validators compiled, not the compiler', () => {
  const dist = packageFile('dist')
  const sources = readdirSync(dist)
    .filter((f) => f.endsWith('.js.map'))
    .flatMap((f) => (JSON.parse(readFileSync(join(dist, f), 'utf8')) as { sources: string[] }).sources)
  expect(sources.some((s) => s.includes('helpers/model/validator-setup.ts'))).toBe(false)
  expect(sources.filter((s) => /node_modules\/ajv\/lib\/(compile|core)/.test(s))).toEqual([])
})
