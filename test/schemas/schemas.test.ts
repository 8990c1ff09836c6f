// schemas/*.schema.json through helpers/model/scim-schema.ts: Microsoft's and the RFCs' bodies pass, and each thing the RFCs
// forbid (or that breaks Entra) fails with a message naming its JSON pointer.
import { describe, expect, test } from 'vitest'
import { validateListOf, validateScim } from '../../helpers/model/scim-schema.ts'
import type { SchemaName } from '../../helpers/model/scim-schema.ts'
import * as entra from './entra-bodies.ts'
import * as rfc from './rfc-bodies.ts'

const ENTERPRISE = 'urn:ietf:params:scim:schemas:extension:enterprise:2.0:User'

/** A deep copy of `base` changed by `change`, so each case states only its defect. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- a test case breaks the document anywhere it likes
type Editable = any

function altered<T>(base: T, change: (copy: Editable) => void): T {
  const copy = structuredClone(base)
  change(copy)
  return copy
}

describe('valid bodies pass', () => {
  test.each<[string, SchemaName, unknown]>([
    ['Entra §1.3 201 Created user', 'user', entra.createdUser],
    ['RFC 7643 §8.1 minimal user', 'user', rfc.minimalUser],
    ['RFC 7643 §8.2 full user', 'user', rfc.fullUser],
    ['RFC 7643 §8.3 enterprise user', 'user', rfc.enterpriseUser],
    ['Entra §1.10 201 Created group', 'group', entra.createdGroup],
    ['Entra §1.11 group without members', 'group', entra.groupWithoutMembers],
    ['RFC 7643 §8.4 group', 'group', rfc.group],
    ['Entra §1.3 zero results', 'list-response', entra.zeroResults],
    ['RFC 7644 §3.4.2 list narrowed by attributes', 'list-response', rfc.narrowedList],
    ['Entra §1.4 404 error', 'error', entra.userNotFound],
    ['RFC 7644 §3.12 404 error', 'error', rfc.errors.notFound],
    ['RFC 7644 §3.12 mutability error', 'error', rfc.errors.mutability],
    ['RFC 7643 §8.5 service provider config', 'service-provider-config', rfc.serviceProviderConfig],
    ['RFC 7643 §8.6 User resource type', 'resource-type', rfc.resourceTypes[0]],
    ['RFC 7643 §8.6 Group resource type', 'resource-type', rfc.resourceTypes[1]],
    ['RFC 7643 §8.7.1 Group schema', 'schema', rfc.groupSchema],
    ['RFC 7643 §8.7.1 User schema', 'schema', rfc.userSchema],
    ['RFC 7644 §3.5.2 add members', 'patch-op', rfc.patchOps.addMember],
    ['RFC 7644 §3.5.2 filtered remove', 'patch-op', rfc.patchOps.removeFiltered],
    ['RFC 7644 §3.5.2 path-less replace', 'patch-op', rfc.patchOps.replacePathless],
  ])('%s', (_label, name, body) => {
    expect(validateScim(name, body)).toEqual([])
  })

  test.each(Object.entries(entra.patchOps))('Entra PatchOp %s', (_label, body) => {
    expect(validateScim('patch-op', body)).toEqual([])
  })

  test.each<[string, SchemaName, unknown]>([
    ['Entra §1.2 /Schemas', 'schema', entra.schemasList],
    ['Entra §1.5 user query', 'user', entra.userQueryMatch],
    ['Entra §1.10 group query', 'group', entra.groupQueryMatch],
    ['Entra §1.3 zero results', 'user', entra.zeroResults],
  ])('ListResponse %s with its resources', (_label, item, body) => {
    expect(validateListOf(item, body)).toEqual([])
  })

  test.each<[string, SchemaName, unknown]>([
    ['Entra §1.3 POST /Users', 'user', entra.createUserRequest],
    ['Entra §1.3 POST /Users with nulls', 'user', entra.createUserRequestWithNulls],
    ['Entra §1.10 POST /Groups', 'group', entra.createGroupRequest],
  ])('request body %s fails only for lack of the server-assigned id', (_label, name, body) => {
    expect(validateScim(name, body)).toEqual(["/ must have required property 'id'"])
  })
})

describe('what the RFCs allow is accepted', () => {
  test.each<[string, SchemaName, unknown]>([
    [
      'unknown attributes and extensions',
      'user',
      { ...rfc.minimalUser, 'urn:example:ext:1.0:User': { badge: 7 }, foo: [1] },
    ],
    [
      'extra schema URIs',
      'user',
      { ...rfc.minimalUser, schemas: [...rfc.minimalUser.schemas, 'urn:example:ext:1.0:User'] },
    ],
    [
      'null as unassigned (RFC 7643 §2.5)',
      'user',
      { ...rfc.minimalUser, title: null, active: null, emails: null, [ENTERPRISE]: { manager: null } },
    ],
    ['manager as {value} only', 'user', { ...rfc.minimalUser, [ENTERPRISE]: { manager: { value: 'abc' } } }],
    [
      'xsd:dateTime without time zone',
      'user',
      altered(rfc.minimalUser, (u) => {
        u.meta.created = '2010-01-23T04:56:22'
      }),
    ],
    [
      'no meta at all',
      'user',
      altered(rfc.minimalUser, (u) => {
        delete u.meta
      }),
    ],
    [
      'member without value, and of type Group',
      'group',
      { ...rfc.group, members: [{ display: 'x' }, { value: 'g1', type: 'Group' }] },
    ],
    ['empty page with totalResults > 0', 'list-response', { ...entra.zeroResults, totalResults: 40, startIndex: 41 }],
    ['zero results without Resources', 'list-response', { schemas: entra.zeroResults.schemas, totalResults: 0 }],
    ['error without scimType or detail', 'error', { schemas: rfc.errors.notFound.schemas, status: '500' }],
    [
      'bulk unsupported, without limits',
      'service-provider-config',
      { ...rfc.serviceProviderConfig, bulk: { supported: false }, filter: { supported: false } },
    ],
    [
      'Schema resource with schemas',
      'schema',
      { ...rfc.groupSchema, schemas: ['urn:ietf:params:scim:schemas:core:2.0:Schema'] },
    ],
  ])('%s', (_label, name, body) => {
    expect(validateScim(name, body)).toEqual([])
  })
})

describe('what the RFCs forbid, or Entra cannot read, is rejected', () => {
  const user = rfc.enterpriseUser
  test.each<[string, SchemaName, unknown, string]>([
    ['User active as a string', 'user', { ...user, active: 'true' }, '/active must be boolean'],
    [
      'User without id',
      'user',
      altered(user, (u) => {
        delete u.id
      }),
      "/ must have required property 'id'",
    ],
    ['User id "bulkId"', 'user', { ...user, id: 'bulkId' }, '/id must not be "bulkId"'],
    [
      'User without userName',
      'user',
      altered(user, (u) => {
        delete u.userName
      }),
      "/ must have required property 'userName'",
    ],
    ['User with empty userName', 'user', { ...user, userName: '' }, '/userName must NOT have fewer than 1 characters'],
    [
      'User schemas without the core URN',
      'user',
      { ...user, schemas: [ENTERPRISE] },
      '/schemas must contain "urn:ietf:params:scim:schemas:core:2.0:User"',
    ],
    [
      'User schemas as a string',
      'user',
      { ...user, schemas: 'urn:ietf:params:scim:schemas:core:2.0:User' },
      '/schemas must be array',
    ],
    [
      'User manager as a bare string',
      'user',
      altered(user, (u) => {
        u[ENTERPRISE].manager = 'abc'
      }),
      `/${ENTERPRISE}/manager must be object`,
    ],
    [
      'User emails[].primary as a string',
      'user',
      altered(rfc.fullUser, (u) => {
        u.emails[0].primary = 'true'
      }),
      '/emails/0/primary must be boolean',
    ],
    [
      'User roles[].primary as "True"',
      'user',
      { ...user, roles: [{ value: 'User', primary: 'True' }] },
      '/roles/0/primary must be boolean',
    ],
    ['User emails as an object', 'user', { ...user, emails: { value: 'a@b.example' } }, '/emails must be array'],
    ['User returning its password', 'user', { ...user, password: 't1meMa$heen' }, '/password must not be returned'],
    [
      'User meta.created not a dateTime',
      'user',
      altered(user, (u) => {
        u.meta.created = 'yesterday'
      }),
      '/meta/created must match format "iso-date-time"',
    ],
    [
      'Group without id',
      'group',
      altered(rfc.group, (g) => {
        delete g.id
      }),
      "/ must have required property 'id'",
    ],
    [
      'Group without displayName',
      'group',
      altered(rfc.group, (g) => {
        delete g.displayName
      }),
      "/ must have required property 'displayName'",
    ],
    [
      'Group schemas without the core URN',
      'group',
      { ...rfc.group, schemas: ['urn:ietf:params:scim:schemas:core:2.0:User'] },
      '/schemas must contain "urn:ietf:params:scim:schemas:core:2.0:Group"',
    ],
    ['Group member as a bare id', 'group', { ...rfc.group, members: ['2819c223'] }, '/members/0 must be object'],
    [
      'Group member value as a number',
      'group',
      { ...rfc.group, members: [{ value: 42 }] },
      '/members/0/value must be string',
    ],
    [
      'ListResponse without totalResults',
      'list-response',
      altered(entra.userQueryMatch, (l) => {
        delete l.totalResults
      }),
      "/ must have required property 'totalResults'",
    ],
    [
      'ListResponse totalResults > 0 without Resources',
      'list-response',
      altered(entra.userQueryMatch, (l) => {
        delete l.Resources
      }),
      "/ must have required property 'Resources'",
    ],
    [
      'ListResponse totalResults as a string',
      'list-response',
      { ...entra.zeroResults, totalResults: '0' },
      '/totalResults must be integer',
    ],
    [
      'ListResponse schemas without its URN',
      'list-response',
      { ...entra.zeroResults, schemas: ['urn:ietf:params:scim:schemas:core:2.0:User'] },
      '/schemas must contain "urn:ietf:params:scim:api:messages:2.0:ListResponse"',
    ],
    ['ListResponse startIndex 0', 'list-response', { ...entra.zeroResults, startIndex: 0 }, '/startIndex must be >= 1'],
    [
      'Error without status',
      'error',
      altered(entra.userNotFound, (e) => {
        delete e.status
      }),
      "/ must have required property 'status'",
    ],
    ['Error status as a number', 'error', { ...entra.userNotFound, status: 404 }, '/status must be string'],
    [
      'Error status not an HTTP code',
      'error',
      { ...entra.userNotFound, status: 'Not Found' },
      '/status must match pattern "^[1-5][0-9][0-9]$"',
    ],
    ['Error without schemas', 'error', { status: '404' }, "/ must have required property 'schemas'"],
    [
      'PatchOp with zero Operations',
      'patch-op',
      { ...rfc.patchOps.addMember, Operations: [] },
      '/Operations must NOT have fewer than 1 items',
    ],
    [
      'PatchOp without Operations',
      'patch-op',
      { schemas: rfc.patchOps.addMember.schemas },
      "/ must have required property 'Operations'",
    ],
    [
      'PatchOp add without value',
      'patch-op',
      { ...rfc.patchOps.addMember, Operations: [{ op: 'Add', path: 'nickName' }] },
      "/Operations/0 must have required property 'value'",
    ],
    [
      'PatchOp remove without path',
      'patch-op',
      { ...rfc.patchOps.addMember, Operations: [{ op: 'Remove', value: [{ value: 'x' }] }] },
      "/Operations/0 must have required property 'path'",
    ],
    [
      'PatchOp path-less replace of a scalar',
      'patch-op',
      { ...rfc.patchOps.addMember, Operations: [{ op: 'replace', value: 'Babs' }] },
      '/Operations/0/value must be object',
    ],
    [
      'ResourceType without endpoint',
      'resource-type',
      altered(rfc.resourceTypes[0], (r) => {
        delete r.endpoint
      }),
      "/ must have required property 'endpoint'",
    ],
    [
      'ResourceType without schema',
      'resource-type',
      altered(rfc.resourceTypes[0], (r) => {
        delete r.schema
      }),
      "/ must have required property 'schema'",
    ],
    [
      'ResourceType extension required as a string',
      'resource-type',
      altered(rfc.resourceTypes[0], (r) => {
        r.schemaExtensions[0].required = 'true'
      }),
      '/schemaExtensions/0/required must be boolean',
    ],
    [
      'Schema attribute without multiValued',
      'schema',
      altered(rfc.groupSchema, (s) => {
        delete s.attributes[0].multiValued
      }),
      "/attributes/0 must have required property 'multiValued'",
    ],
    [
      'Schema with schemas lacking its URN',
      'schema',
      { ...rfc.groupSchema, schemas: ['urn:ietf:params:scim:schemas:core:2.0:Group'] },
      '/schemas must contain "urn:ietf:params:scim:schemas:core:2.0:Schema"',
    ],
  ])('%s', (_label, name, body, expected) => {
    expect(validateScim(name, body)).toEqual([expected])
  })

  test('PatchOp op outside add/remove/replace', () => {
    const body = { ...rfc.patchOps.addMember, Operations: [{ op: 'delete', path: 'members' }] }
    expect(validateScim('patch-op', body)).toEqual([
      '/Operations/0/op must be one of: "add", "remove", "replace", "Add", "Remove", "Replace"',
    ])
  })

  test('Error scimType outside RFC 7644 Table 9', () => {
    const [violation, ...rest] = validateScim('error', { ...rfc.errors.mutability, scimType: 'conflict' })
    expect(rest).toEqual([])
    expect(violation).toMatch(/^\/scimType must be one of: "invalidFilter", .*"sensitive"/)
  })

  test.each(['patch', 'bulk', 'filter', 'changePassword', 'sort', 'etag', 'authenticationSchemes'])(
    'ServiceProviderConfig without %s',
    (feature) => {
      const body = altered(rfc.serviceProviderConfig, (c) => {
        delete c[feature]
      })
      expect(validateScim('service-provider-config', body)).toEqual([`/ must have required property '${feature}'`])
    },
  )

  test.each([
    [
      'supported as a string',
      (c: Editable) => {
        c.etag.supported = 'true'
      },
      '/etag/supported must be boolean',
    ],
    [
      'a feature without supported',
      (c: Editable) => {
        c.sort = {}
      },
      "/sort must have required property 'supported'",
    ],
    [
      'bulk supported without maxOperations',
      (c: Editable) => {
        delete c.bulk.maxOperations
      },
      "/bulk must have required property 'maxOperations'",
    ],
    [
      'filter supported without maxResults',
      (c: Editable) => {
        delete c.filter.maxResults
      },
      "/filter must have required property 'maxResults'",
    ],
    [
      'an authentication scheme without type',
      (c: Editable) => {
        delete c.authenticationSchemes[1].type
      },
      "/authenticationSchemes/1 must have required property 'type'",
    ],
  ])('ServiceProviderConfig with %s', (_label, change, expected) => {
    expect(validateScim('service-provider-config', altered(rfc.serviceProviderConfig, change))).toEqual([expected])
  })

  test.each([
    ['type', 'text', '"string", "boolean", "decimal", "integer", "dateTime", "binary", "reference", "complex"'],
    ['mutability', 'readwrite', '"readOnly", "readWrite", "immutable", "writeOnly"'],
    ['returned', 'sometimes', '"always", "never", "default", "request"'],
    ['uniqueness', 'unique', '"none", "server", "global"'],
  ])('Schema attribute %s outside its enumeration', (keyword, value, allowed) => {
    const body = altered(rfc.groupSchema, (s) => {
      s.attributes[0][keyword] = value
    })
    expect(validateScim('schema', body)).toEqual([`/attributes/0/${keyword} must be one of: ${allowed}`])
  })

  test('Schema sub-attribute with a bad type is found at depth', () => {
    const body = altered(rfc.groupSchema, (s) => {
      s.attributes[1].subAttributes[0].type = 'uuid'
    })
    expect(validateScim('schema', body)[0]).toMatch(/^\/attributes\/1\/subAttributes\/0\/type must be one of: /)
  })
})

describe('validateListOf', () => {
  test('names the pointer inside Resources', () => {
    const body = altered(entra.userQueryMatch, (l) => {
      l.Resources[0].active = 'true'
    })
    expect(validateListOf('user', body)).toEqual(['/Resources/0/active must be boolean'])
  })

  test('reports a returned resource without id', () => {
    const body = altered(entra.groupQueryMatch, (l) => {
      delete l.Resources[0].id
    })
    expect(validateListOf('group', body)).toEqual(["/Resources/0 must have required property 'id'"])
  })

  test('reports envelope and item violations together', () => {
    const body = altered(entra.userQueryMatch, (l) => {
      delete l.totalResults
      l.Resources[0].schemas = ['urn:ietf:params:scim:schemas:core:2.0:Group']
    })
    expect(validateListOf('user', body)).toEqual([
      "/ must have required property 'totalResults'",
      '/Resources/0/schemas must contain "urn:ietf:params:scim:schemas:core:2.0:User"',
    ])
  })

  test('a body that is not an object fails at the root', () => {
    expect(validateListOf('user', 'Not Found')).toEqual(['/ must be object'])
    expect(validateScim('user', null)).toEqual(['/ must be object'])
  })
})
