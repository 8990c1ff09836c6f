// What the reference endpoint says about itself (RFC 7643 §5–§7): every attribute Entra's default
// mapping writes is described, so Microsoft's discoverability test finds each one.

type Attr = Record<string, unknown>

const attr = (name: string, type = 'string', extra: Attr = {}): Attr => ({
  name,
  type,
  multiValued: false,
  description: name,
  required: false,
  caseExact: false,
  mutability: 'readWrite',
  returned: 'default',
  uniqueness: 'none',
  ...extra,
})

const multi = (name: string, subAttributes: Attr[], extra: Attr = {}): Attr =>
  attr(name, 'complex', { multiValued: true, subAttributes, ...extra })

const typed = (...types: string[]): Attr[] => [
  attr('value'),
  attr('display'),
  attr('type', 'string', { canonicalValues: types }),
  attr('primary', 'boolean'),
]

const USER_ATTRIBUTES: Attr[] = [
  attr('userName', 'string', { required: true, uniqueness: 'server' }),
  // A common attribute (RFC 7643 §3.1), listed anyway: Microsoft's validation counts a mapped externalId missing otherwise.
  attr('externalId', 'string', { caseExact: true }),
  attr('name', 'complex', {
    subAttributes: ['formatted', 'familyName', 'givenName', 'middleName', 'honorificPrefix', 'honorificSuffix'].map(
      (n) => attr(n),
    ),
  }),
  attr('displayName'),
  attr('nickName'),
  attr('profileUrl', 'reference', { referenceTypes: ['external'] }),
  attr('title'),
  attr('userType'),
  attr('preferredLanguage'),
  attr('locale'),
  attr('timezone'),
  attr('active', 'boolean'),
  multi('emails', typed('work', 'home', 'other')),
  multi('phoneNumbers', typed('work', 'home', 'mobile', 'fax', 'pager', 'other')),
  multi('addresses', [
    ...['formatted', 'streetAddress', 'locality', 'region', 'postalCode', 'country'].map((n) => attr(n)),
    attr('type', 'string', { canonicalValues: ['work', 'home', 'other'] }),
    attr('primary', 'boolean'),
  ]),
  multi('roles', typed()),
  multi('groups', typed('direct', 'indirect'), { mutability: 'readOnly' }),
]

const GROUP_ATTRIBUTES: Attr[] = [
  attr('displayName', 'string', { required: true }),
  attr('externalId', 'string', { caseExact: true }),
  // Not in RFC 7643's Group; a group mapping may add it, and Microsoft's validation looks for every mapped attribute here.
  attr('description'),
  multi('members', [
    attr('value', 'string', { mutability: 'immutable', caseExact: true }),
    attr('$ref', 'reference', { mutability: 'immutable', referenceTypes: ['User', 'Group'] }),
    attr('display', 'string', { mutability: 'readOnly' }),
    attr('type', 'string', { mutability: 'immutable', canonicalValues: ['User', 'Group'] }),
  ]),
]

const ENTERPRISE_ATTRIBUTES: Attr[] = [
  ...['employeeNumber', 'costCenter', 'organization', 'division', 'department'].map((n) => attr(n)),
  attr('manager', 'complex', {
    subAttributes: [
      attr('value', 'string', { caseExact: true }),
      attr('$ref', 'reference', { referenceTypes: ['User'] }),
      attr('displayName', 'string', { mutability: 'readOnly' }),
    ],
  }),
]

/** A custom extension as Microsoft's tutorial names one (`…:CustomExtensionName:2.0:User:tag`), so profiles can map custom attributes. */
export const CUSTOM_EXTENSION = 'urn:ietf:params:scim:schemas:extension:CustomExtensionName:2.0:User'
const CUSTOM_ATTRIBUTES: Attr[] = [attr('tag'), attr('badgeNumber', 'integer')]

const SCHEMA_URN = 'urn:ietf:params:scim:schemas:core:2.0:Schema'

function schemaResource(id: string, name: string, description: string, attributes: Attr[], base: string): Attr {
  return {
    schemas: [SCHEMA_URN],
    id,
    name,
    description,
    attributes,
    meta: { resourceType: 'Schema', location: `${base}/Schemas/${id}` },
  }
}

export function schemas(base: string): Attr[] {
  return [
    schemaResource('urn:ietf:params:scim:schemas:core:2.0:User', 'User', 'User Account', USER_ATTRIBUTES, base),
    schemaResource('urn:ietf:params:scim:schemas:core:2.0:Group', 'Group', 'Group', GROUP_ATTRIBUTES, base),
    schemaResource(
      'urn:ietf:params:scim:schemas:extension:enterprise:2.0:User',
      'EnterpriseUser',
      'Enterprise User',
      ENTERPRISE_ATTRIBUTES,
      base,
    ),
    schemaResource(CUSTOM_EXTENSION, 'CustomExtensionName', 'Custom attributes', CUSTOM_ATTRIBUTES, base),
  ]
}

export function resourceTypes(base: string): Attr[] {
  const rt = 'urn:ietf:params:scim:schemas:core:2.0:ResourceType'
  return [
    {
      schemas: [rt],
      id: 'User',
      name: 'User',
      endpoint: '/Users',
      description: 'User Account',
      schema: 'urn:ietf:params:scim:schemas:core:2.0:User',
      schemaExtensions: [
        { schema: 'urn:ietf:params:scim:schemas:extension:enterprise:2.0:User', required: false },
        { schema: CUSTOM_EXTENSION, required: false },
      ],
      meta: { resourceType: 'ResourceType', location: `${base}/ResourceTypes/User` },
    },
    {
      schemas: [rt],
      id: 'Group',
      name: 'Group',
      endpoint: '/Groups',
      description: 'Group',
      schema: 'urn:ietf:params:scim:schemas:core:2.0:Group',
      meta: { resourceType: 'ResourceType', location: `${base}/ResourceTypes/Group` },
    },
  ]
}

export function serviceProviderConfig(base: string): Attr {
  return {
    schemas: ['urn:ietf:params:scim:schemas:core:2.0:ServiceProviderConfig'],
    documentationUri: 'https://github.com/scim-preflight/scim-preflight',
    patch: { supported: true },
    bulk: { supported: false, maxOperations: 0, maxPayloadSize: 0 },
    filter: { supported: true, maxResults: 200 },
    changePassword: { supported: false },
    sort: { supported: false },
    etag: { supported: false },
    authenticationSchemes: [
      {
        type: 'oauthbearertoken',
        name: 'OAuth Bearer Token',
        description: 'Authentication with a bearer token',
        primary: true,
      },
    ],
    meta: { resourceType: 'ServiceProviderConfig', location: `${base}/ServiceProviderConfig` },
  }
}
