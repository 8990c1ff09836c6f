// Every mapped attribute is sent and checked: a type for each (server /Schemas, RFC 7643, the profile's "types"),
// a value in the POST and in both dialects' PATCH, custom extension URNs kept out of schemas[], and a usage error
// for an attribute no source describes.
import { mkdtempSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { describe, expect, test } from 'vitest'
import { resolveCanonicalValues, resolveTypes, schemaType } from '../../helpers/entra/attribute-types.ts'
import { rfcType } from '../../helpers/entra/rfc-types.ts'
import { userUpdate } from '../../helpers/entra/patch-ops.ts'
import { entraUserBody, getAttribute, valueFor, type Profile } from '../../helpers/entra/profile.ts'
import { TestData } from '../../helpers/entra/test-data.ts'
import { changesFor, newValue } from '../../helpers/steps/user-updates.ts'
import { UsageError } from '../../helpers/model/errors.ts'
import { schemas } from '../../server/discovery.ts'
import { idsWith, runCli, runSuiteCli } from '../self-test/run-cli.ts'

const ENTERPRISE = 'urn:ietf:params:scim:schemas:extension:enterprise:2.0:User'
const CUSTOM = 'urn:ietf:params:scim:schemas:extension:Badges:2.0:User'
const FIVE = ['nickName', 'title', 'phoneNumbers[type eq "fax"].value', `${ENTERPRISE}:costCenter`, `${CUSTOM}:badge`]

const profile: Profile = {
  name: 'five',
  description: '',
  matchingAttribute: 'userName',
  attributes: ['userName', 'active', 'displayName', ...FIVE],
  types: { [`${CUSTOM}:badge`]: 'string' },
}

describe('attribute types', () => {
  test('RFC 7643 types core and enterprise attributes, value paths by their sub-attribute', () => {
    expect(rfcType('nickName')).toBe('string')
    expect(rfcType('active')).toBe('boolean')
    expect(rfcType('profileUrl')).toBe('reference')
    expect(rfcType('phoneNumbers[type eq "fax"].value')).toBe('string')
    expect(rfcType('emails[type eq "work"].primary')).toBe('boolean')
    expect(rfcType(`${ENTERPRISE}:costCenter`)).toBe('string')
    expect(rfcType(`${CUSTOM}:badge`)).toBeUndefined()
  })

  test("the server's /Schemas comes first, then RFC 7643, then the profile's types", () => {
    const described = [{ id: CUSTOM, attributes: [{ name: 'badge', type: 'integer' }] }]
    expect(schemaType(described, `${CUSTOM}:badge`)).toBe('integer')
    expect(resolveTypes(profile, described)[`${CUSTOM}:badge`]).toBe('integer')
    expect(resolveTypes(profile)[`${CUSTOM}:badge`]).toBe('string')
    expect(
      schemaType(schemas(''), 'urn:ietf:params:scim:schemas:extension:CustomExtensionName:2.0:User:badgeNumber'),
    ).toBe('integer')
  })

  test('an attribute nothing describes is a usage error naming it and the fix', () => {
    const bare: Profile = { ...profile, types: {} }
    expect(() => resolveTypes(bare)).toThrow(UsageError)
    expect(() => resolveTypes(bare)).toThrow(
      /maps urn:ietf:params:scim:schemas:extension:Badges:2\.0:User:badge, .*"types"/,
    )
  })
})

describe("the server's canonicalValues", () => {
  const described = [
    {
      id: 'urn:ietf:params:scim:schemas:core:2.0:User',
      attributes: [
        { name: 'title', type: 'string', canonicalValues: ['Engineer', 'Manager'] },
        { name: 'nickName', type: 'string', canonicalValues: [1, 2] },
        { name: 'userName', type: 'string', canonicalValues: ['x'] },
      ],
    },
    { id: CUSTOM, attributes: [{ name: 'badge', type: 'string', canonicalValues: ['Gold', 'Silver', 'Bronze'] }] },
  ]

  test('are read for the mapped string attributes that declare them', () => {
    expect(resolveCanonicalValues(profile, described)).toEqual({
      title: ['Engineer', 'Manager'],
      userName: ['x'],
      [`${CUSTOM}:badge`]: ['Gold', 'Silver', 'Bronze'],
    })
  })

  test('decide the value sent (never for the attributes that identify the person), the same for the same seed', () => {
    const resolved = { ...profile, canonicalValues: resolveCanonicalValues(profile, described) }
    const sent = (seed: number) => {
      const person = new TestData('spf-t', seed).person()
      return ['userName', 'title', `${CUSTOM}:badge`].map((p) => valueFor(p, person, resolved))
    }
    const [userName, title, badge] = sent(3)
    expect(userName).not.toBe('x')
    expect(['Engineer', 'Manager']).toContain(title)
    expect(['Gold', 'Silver', 'Bronze']).toContain(badge)
    expect(sent(3)).toEqual(sent(3))
  })

  test('an update sends another allowed value', () => {
    const resolved = { ...profile, canonicalValues: resolveCanonicalValues(profile, described) }
    const data = new TestData('spf-t', 5)
    const [a, b] = [data.person(), data.person()]
    const next = newValue(`${CUSTOM}:badge`, b, a, resolved)
    expect(['Gold', 'Silver', 'Bronze']).toContain(next)
    expect(next).not.toBe(valueFor(`${CUSTOM}:badge`, a, resolved))
  })
})

describe('the five attributes on the wire', () => {
  const data = new TestData('spf-0000abcd', 7)
  const typed = { ...profile, types: resolveTypes(profile) }
  const person = data.person()

  test('the POST carries all five; the custom URN holds its attribute but is not in schemas[]', () => {
    const body = entraUserBody(typed, person)
    for (const path of FIVE) expect(getAttribute(body, path), path).toEqual(expect.any(String))
    expect(body.schemas).toEqual(['urn:ietf:params:scim:schemas:core:2.0:User', ENTERPRISE])
    expect(body[CUSTOM]).toEqual({ badge: expect.any(String) })
  })

  test('both dialects PATCH all five, with values that differ from the created ones', () => {
    const changes = changesFor(typed, FIVE, data.person(), person)
    expect(changes.map((c) => c.path)).toEqual(FIVE)
    for (const c of changes) expect(c.value).not.toEqual(getAttribute(entraUserBody(typed, person), c.path))
    const legacy = userUpdate('legacy', changes).Operations
    expect(legacy.map((o) => o.path)).toEqual(FIVE)
    const flag = JSON.stringify(userUpdate('aadOptscim062020', changes))
    for (const path of FIVE) expect(flag).toContain(JSON.stringify(path).slice(1, -1))
  })
})

describe('runs', () => {
  test('a profile mapping an attribute nothing describes stops at start: exit 2, one line', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'spf-profile-'))
    const file = join(dir, 'unknown.json')
    writeFileSync(
      file,
      JSON.stringify({
        name: 'unknown',
        matchingAttribute: 'userName',
        attributes: ['userName', 'displayName', `${CUSTOM}:badge`],
      }),
    )
    const run = await runCli(['--profile', file, '--report', 'json', '--report-dir', dir])
    expect(run.code).toBe(2)
    expect(run.stderr.trim().split('\n')).toHaveLength(1)
    expect(run.stderr).toMatch(/Badges:2\.0:User:badge.*"types"/)
  })

  test('entra-extended against the clean endpoint: every check passes; POST and PATCH carry nickName, title, fax, costCenter and the custom attribute', async () => {
    const run = await runSuiteCli(
      ['--strict', '--seed', '7', '--large-group', '101', '--profile', 'entra-extended'],
      {},
      { timeoutMs: 170_000 },
    )
    expect(idsWith(run.report, 'failed')).toEqual([])
    expect(run.code).toBe(0)
    const tag = 'urn:ietf:params:scim:schemas:extension:CustomExtensionName:2.0:User:tag'
    const wanted = ['nickName', 'title', 'phoneNumbers[type eq "fax"].value', `${ENTERPRISE}:costCenter`, tag]
    const post = run.report.exchanges.find((ex) => ex.request.method === 'POST' && /\/Users$/.test(ex.request.url))!
    for (const path of wanted) expect(getAttribute(post.request.body, path), path).toBeDefined()
    expect((post.request.body as { schemas: string[] }).schemas).not.toContain(tag.slice(0, tag.lastIndexOf(':')))
    const patched = JSON.stringify(
      run.report.exchanges
        .filter((ex) => ex.request.method === 'PATCH' && /\/Users\//.test(ex.request.url))
        .map((ex) => ex.request.body),
    )
    for (const path of wanted) expect(patched).toContain(JSON.stringify(path).slice(1, -1))
  }, 180_000)

  test('a server that drops custom extension attributes fails the check for them, naming the attribute', async () => {
    const run = await runSuiteCli([
      '--strict',
      '--seed',
      '7',
      '--only',
      'update-user-mapped-attributes/*',
      '--profile',
      'entra-extended',
      '--fault',
      'custom-extension-attribute-dropped',
    ])
    expect(idsWith(run.report, 'failed')).toEqual(['update-user-mapped-attributes/updates-every-attribute'])
    const failure = run.report.checks.find((c) => c.outcome === 'failed')!
    expect(failure.message).toMatch(/CustomExtensionName:2\.0:User:tag \(custom extension\)/)
    expect(run.code).toBe(1)
  })
})
