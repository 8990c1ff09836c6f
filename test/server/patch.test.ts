// The reference endpoint's PATCH: Entra's shapes (capitalised ops, "True"/"False", three manager shapes, "" and null
// as clear, legacy member removal by value) applied as RFC 7644 §3.5.2 means them; malformed bodies are 400s.
import { describe, expect, test } from 'vitest'
import { HttpError } from '../../server/http.ts'
import { ENTERPRISE, patchGroup, patchUser, readPatchBody } from '../../server/patch.ts'
import { cleanPolicy, type PatchOperation, type Policy } from '../../server/policy.ts'

const PATCH_OP = 'urn:ietf:params:scim:api:messages:2.0:PatchOp'
const body = (...Operations: unknown[]) => ({ schemas: [PATCH_OP], Operations })
const user = () => ({
  schemas: ['urn:ietf:params:scim:schemas:core:2.0:User', ENTERPRISE],
  id: 'u1',
  userName: 'a@contoso.example',
  active: true,
  title: 'Engineer',
  name: { givenName: 'Ada', familyName: 'Lovelace' },
  emails: [{ type: 'work', value: 'a@contoso.example', primary: true }],
  [ENTERPRISE]: { department: 'R&D' },
})

/** The SCIM error a call answers with (status, scimType, detail). */
function refusal(fn: () => unknown): { status: number; scimType?: string; detail?: string } {
  try {
    fn()
  } catch (err) {
    if (err instanceof HttpError) {
      const b = err.response.body as { scimType?: string; detail?: string }
      return { status: err.response.status, scimType: b.scimType, detail: b.detail }
    }
    throw err
  }
  throw new Error('expected an HTTP error')
}

const apply = (ops: unknown[], policy: Policy = cleanPolicy) =>
  patchUser(user(), readPatchBody(body(...ops), policy), policy)

describe('readPatchBody', () => {
  test('reads ops case-insensitively, keeping path and value as sent', () => {
    expect(
      readPatchBody(
        body({ op: 'Replace', path: 'title', value: 'x' }, { op: 'remove', path: 'nickName' }),
        cleanPolicy,
      ),
    ).toEqual([
      { op: 'replace', path: 'title', value: 'x' },
      { op: 'remove', path: 'nickName' },
    ])
  })
  test('refuses a body without the PatchOp schema, without operations, with an unknown op or a non-string path', () => {
    expect(refusal(() => readPatchBody({ Operations: [{ op: 'add' }] }, cleanPolicy))).toMatchObject({
      status: 400,
      scimType: 'invalidSyntax',
    })
    expect(refusal(() => readPatchBody(body(), cleanPolicy))).toMatchObject({
      status: 400,
      scimType: 'invalidSyntax',
      detail: 'A PATCH body needs a non-empty Operations array',
    })
    expect(refusal(() => readPatchBody(body({ op: 'merge', path: 'title' }), cleanPolicy))).toMatchObject({
      status: 400,
      detail: 'Operations[0].op "merge" is not add, replace or remove',
    })
    expect(refusal(() => readPatchBody(body({ op: 'add', path: 7 }), cleanPolicy))).toMatchObject({
      status: 400,
      scimType: 'invalidPath',
    })
  })
  test('a policy that matches ops case-sensitively refuses the capitalised ones (the patch-op-case-sensitive fault)', () => {
    const strict: Policy = { ...cleanPolicy, opMatches: (sent, op) => sent === op }
    expect(refusal(() => readPatchBody(body({ op: 'Replace', path: 'title', value: 'x' }), strict)).status).toBe(400)
  })
})

describe('patchUser', () => {
  test('replaces a value-filtered path and a dotted sub-attribute', () => {
    const next = apply([
      { op: 'Replace', path: 'emails[type eq "work"].value', value: 'b@contoso.example' },
      { op: 'Replace', path: 'name.familyName', value: 'King' },
    ])
    expect(next.emails).toEqual([{ type: 'work', value: 'b@contoso.example', primary: true }])
    expect(next.name).toEqual({ givenName: 'Ada', familyName: 'King' })
  })
  test('splits a path-less replace into its dotted, complex and URN keys, leaving unnamed sub-attributes alone', () => {
    const next = apply([
      {
        op: 'replace',
        value: {
          'name.givenName': 'Augusta',
          title: 'Lead',
          [ENTERPRISE]: { department: 'Ops' },
          name: { familyName: 'King' },
        },
      },
    ])
    expect(next.name).toEqual({ givenName: 'Augusta', familyName: 'King' })
    expect(next.title).toBe('Lead')
    expect(next[ENTERPRISE]).toEqual({ department: 'Ops' })
  })
  test('reads "True"/"False" for active, and refuses anything else', () => {
    expect(apply([{ op: 'Replace', path: 'active', value: 'False' }]).active).toBe(false)
    expect(apply([{ op: 'replace', path: 'active', value: true }]).active).toBe(true)
    expect(refusal(() => apply([{ op: 'replace', path: 'active', value: 'no' }]))).toMatchObject({
      status: 400,
      scimType: 'invalidValue',
    })
  })
  test('keeps the manager as {"value": id} from each of Entra\'s three shapes', () => {
    for (const [path, value] of [
      [`${ENTERPRISE}:manager`, 'm1'],
      [`${ENTERPRISE}:manager`, { value: 'm1' }],
      ['manager', [{ $ref: null, value: 'm1' }]],
    ] as const) {
      expect((apply([{ op: 'Add', path, value }])[ENTERPRISE] as Record<string, unknown>).manager).toEqual({
        value: 'm1',
      })
    }
    expect(refusal(() => apply([{ op: 'add', path: 'manager', value: [{}] }])).status).toBe(400)
  })
  test('treats "" and null as clearing the attribute, and remove without value as removing it', () => {
    expect(apply([{ op: 'Replace', path: 'title', value: '' }])).not.toHaveProperty('title')
    expect(apply([{ op: 'replace', path: 'title', value: null }])).not.toHaveProperty('title')
    const withManager = apply([{ op: 'add', path: 'manager', value: 'm1' }])
    const cleared = patchUser(
      withManager,
      readPatchBody(body({ op: 'Remove', path: `${ENTERPRISE}:manager` }), cleanPolicy),
      cleanPolicy,
    )
    expect(cleared[ENTERPRISE]).toEqual({ department: 'R&D' })
  })
  test('matches attribute names case-insensitively (RFC 7643 §2.1)', () => {
    expect(apply([{ op: 'replace', path: 'Name.FamilyName', value: 'King' }]).name).toEqual({
      givenName: 'Ada',
      familyName: 'King',
    })
  })
  test('does not change the resource it was given', () => {
    const before = user()
    patchUser(before, [{ op: 'replace', path: 'title', value: 'x' }], cleanPolicy)
    expect(before).toEqual(user())
  })
})

describe('patchGroup', () => {
  const group = () => ({ id: 'g1', displayName: 'Sales', members: [{ value: 'a' }, { value: 'b' }] })
  const known = (id: string) => id !== 'ghost'
  const ops = (...o: PatchOperation[]) => o

  test('adds members once each, keeping those already there', () => {
    expect(
      patchGroup(
        group(),
        ops({ op: 'add', path: 'members', value: [{ value: 'b' }, { value: 'c' }] }),
        known,
        cleanPolicy,
      ).members,
    ).toEqual([{ value: 'a' }, { value: 'b' }, { value: 'c' }])
  })
  test('removes by a value array (legacy) and by a value filter (aadOptscim062020)', () => {
    expect(
      patchGroup(group(), ops({ op: 'remove', path: 'members', value: [{ value: 'a' }] }), known, cleanPolicy).members,
    ).toEqual([{ value: 'b' }])
    expect(
      patchGroup(group(), ops({ op: 'remove', path: 'members[value eq "b"]' }), known, cleanPolicy).members,
    ).toEqual([{ value: 'a' }])
  })
  test('remove on members without value or filter removes them all (RFC 7644 §3.5.2.2); replace sets the list', () => {
    expect(patchGroup(group(), ops({ op: 'remove', path: 'members' }), known, cleanPolicy).members).toEqual([])
    expect(
      patchGroup(group(), ops({ op: 'replace', path: 'members', value: [{ value: 'c' }] }), known, cleanPolicy).members,
    ).toEqual([{ value: 'c' }])
  })
  test('refuses a member id nobody has', () => {
    expect(
      refusal(() =>
        patchGroup(group(), ops({ op: 'add', path: 'members', value: [{ value: 'ghost' }] }), known, cleanPolicy),
      ),
    ).toMatchObject({ status: 400, scimType: 'invalidValue' })
  })
  test('tells the policy about members added twice or removed while absent', () => {
    const seen: string[] = []
    const policy: Policy = { ...cleanPolicy, unchangedMember: (change, id) => void seen.push(`${change} ${id}`) }
    patchGroup(
      group(),
      ops({ op: 'add', path: 'members', value: [{ value: 'a' }] }, { op: 'remove', path: 'members[value eq "zz"]' }),
      known,
      policy,
    )
    expect(seen).toEqual(['add-existing a', 'remove-absent zz'])
  })
  test('applies non-member attributes through the library, a path-less replace included', () => {
    expect(
      patchGroup(group(), ops({ op: 'replace', value: { displayName: 'Marketing' } }), known, cleanPolicy).displayName,
    ).toBe('Marketing')
    expect(
      patchGroup(group(), ops({ op: 'replace', path: 'externalId', value: '' }), known, cleanPolicy),
    ).not.toHaveProperty('externalId')
  })
})
