// The PatchOp bodies the suite sends are Entra's, byte for byte in each dialect: capitalised ops and "True"/"False"
// in the legacy one; lower-case ops, real booleans and one path-less replace in aadOptscim062020.
import { describe, expect, test } from 'vitest'
import {
  addMembers,
  clearManager,
  groupUpdate,
  patchOp,
  removeMember,
  setActive,
  setManager,
  userUpdate,
} from '../../helpers/entra/patch-ops.ts'

const PATCH_OP = 'urn:ietf:params:scim:api:messages:2.0:PatchOp'
const MANAGER = 'urn:ietf:params:scim:schemas:extension:enterprise:2.0:User:manager'

describe('patchOp', () => {
  test('wraps operations in the PatchOp message schema', () => {
    expect(patchOp({ op: 'add', path: 'title', value: 'x' })).toEqual({
      schemas: [PATCH_OP],
      Operations: [{ op: 'add', path: 'title', value: 'x' }],
    })
  })
})

describe('userUpdate', () => {
  const changes = [
    { path: 'emails[type eq "work"].value', value: 'new@contoso.example' },
    { path: 'name.familyName', value: 'Doe' },
    { path: 'title', value: 'Engineer', op: 'add' as const },
    { path: 'active', value: false },
  ]

  test('legacy: one capitalised operation per attribute, booleans as "True"/"False"', () => {
    expect(userUpdate('legacy', changes).Operations).toEqual([
      { op: 'Replace', path: 'emails[type eq "work"].value', value: 'new@contoso.example' },
      { op: 'Replace', path: 'name.familyName', value: 'Doe' },
      { op: 'Add', path: 'title', value: 'Engineer' },
      { op: 'Replace', path: 'active', value: 'False' },
    ])
  })

  test('aadOptscim062020: filtered paths alone, every other attribute in one path-less replace with dotted keys', () => {
    expect(userUpdate('aadOptscim062020', changes).Operations).toEqual([
      { op: 'replace', path: 'emails[type eq "work"].value', value: 'new@contoso.example' },
      { op: 'replace', value: { 'name.familyName': 'Doe', title: 'Engineer', active: false } },
    ])
  })

  test('aadOptscim062020 with only filtered paths sends no path-less operation', () => {
    expect(userUpdate('aadOptscim062020', [changes[0]!]).Operations).toHaveLength(1)
  })

  test('groupUpdate follows the same shapes', () => {
    const rename = [{ path: 'displayName', value: 'Sales' }]
    expect(groupUpdate('legacy', rename).Operations).toEqual([{ op: 'Replace', path: 'displayName', value: 'Sales' }])
    expect(groupUpdate('aadOptscim062020', rename).Operations).toEqual([
      { op: 'replace', value: { displayName: 'Sales' } },
    ])
  })
})

describe('setActive', () => {
  test("legacy sends the string Entra's Switch() mapping emits", () => {
    expect(setActive('legacy', false).Operations).toEqual([{ op: 'Replace', path: 'active', value: 'False' }])
    expect(setActive('legacy', true).Operations).toEqual([{ op: 'Replace', path: 'active', value: 'True' }])
  })
  test('aadOptscim062020 sends a boolean', () => {
    expect(setActive('aadOptscim062020', false).Operations).toEqual([{ op: 'replace', path: 'active', value: false }])
  })
})

describe('setManager and clearManager', () => {
  test('the three shapes seen from Entra', () => {
    expect(setManager('legacy', 'm1', 'bare-id-on-urn-path').Operations).toEqual([
      { op: 'Add', path: MANAGER, value: 'm1' },
    ])
    expect(setManager('aadOptscim062020', 'm1', 'value-object-on-urn-path', 'replace').Operations).toEqual([
      { op: 'replace', path: MANAGER, value: { value: 'm1' } },
    ])
    expect(
      setManager('legacy', 'm1', 'ref-array-on-manager-path', 'add', 'https://api.example/scim').Operations,
    ).toEqual([{ op: 'Add', path: 'manager', value: [{ $ref: 'https://api.example/scim/Users/m1', value: 'm1' }] }])
    expect(setManager('legacy', 'm1', 'ref-array-on-manager-path').Operations).toEqual([
      { op: 'Add', path: 'manager', value: [{ $ref: null, value: 'm1' }] },
    ])
  })
  test('a remove without value, or a replace with an empty string', () => {
    expect(clearManager('legacy', 'remove-without-value').Operations).toEqual([{ op: 'Remove', path: MANAGER }])
    expect(clearManager('aadOptscim062020', 'replace-with-empty-string').Operations).toEqual([
      { op: 'replace', path: MANAGER, value: '' },
    ])
  })
})

describe('members', () => {
  test('addMembers: one operation with a $ref-null value per member', () => {
    expect(addMembers('legacy', ['a', 'b']).Operations).toEqual([
      {
        op: 'Add',
        path: 'members',
        value: [
          { $ref: null, value: 'a' },
          { $ref: null, value: 'b' },
        ],
      },
    ])
    expect(addMembers('aadOptscim062020', ['a']).Operations[0]!.op).toBe('add')
  })
  test('removeMember: a value array in legacy, a value filter in aadOptscim062020', () => {
    expect(removeMember('legacy', 'a').Operations).toEqual([{ op: 'Remove', path: 'members', value: [{ value: 'a' }] }])
    expect(removeMember('aadOptscim062020', 'a').Operations).toEqual([{ op: 'remove', path: 'members[value eq "a"]' }])
  })
})
