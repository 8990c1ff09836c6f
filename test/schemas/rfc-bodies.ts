// Example bodies of RFC 7643 §8 and RFC 7644 §3, retyped; long ones are shortened but keep every kind of attribute.

const USER = 'urn:ietf:params:scim:schemas:core:2.0:User'
const ENTERPRISE = 'urn:ietf:params:scim:schemas:extension:enterprise:2.0:User'
const BJENSEN = '2819c223-7f76-453a-919d-413861904646'

/** RFC 7643 §8.1. */
export const minimalUser = {
  schemas: [USER],
  id: BJENSEN,
  userName: 'bjensen@example.com',
  meta: {
    resourceType: 'User',
    created: '2010-01-23T04:56:22Z',
    lastModified: '2011-05-13T04:42:34Z',
    version: 'W/"3694e05e9dff590"',
    location: `https://example.com/v2/Users/${BJENSEN}`,
  },
}

/** RFC 7643 §8.2, without its password: the RFC's sample shows one, yet §4.1.1 forbids returning it. */
export const fullUser = {
  schemas: [USER],
  id: BJENSEN,
  externalId: '701984',
  userName: 'bjensen@example.com',
  name: {
    formatted: 'Ms. Barbara J Jensen, III',
    familyName: 'Jensen',
    givenName: 'Barbara',
    middleName: 'Jane',
    honorificPrefix: 'Ms.',
    honorificSuffix: 'III',
  },
  displayName: 'Babs Jensen',
  nickName: 'Babs',
  profileUrl: 'https://login.example.com/bjensen',
  emails: [
    { value: 'bjensen@example.com', type: 'work', primary: true },
    { value: 'babs@jensen.org', type: 'home' },
  ],
  addresses: [
    {
      type: 'work',
      streetAddress: '100 Universal City Plaza',
      locality: 'Hollywood',
      region: 'CA',
      postalCode: '91608',
      country: 'USA',
      formatted: '100 Universal City Plaza\nHollywood, CA 91608 USA',
      primary: true,
    },
  ],
  phoneNumbers: [
    { value: '555-555-5555', type: 'work' },
    { value: '555-555-4444', type: 'mobile' },
  ],
  ims: [{ value: 'someaimhandle', type: 'aim' }],
  photos: [{ value: 'https://photos.example.com/profilephoto/72930000000Ccne/F', type: 'photo' }],
  userType: 'Employee',
  title: 'Tour Guide',
  preferredLanguage: 'en-US',
  locale: 'en-US',
  timezone: 'America/Los_Angeles',
  active: true,
  groups: [
    {
      value: 'e9e30dba-f08f-4109-8486-d5c6a331660a',
      $ref: 'https://example.com/v2/Groups/e9e30dba-f08f-4109-8486-d5c6a331660a',
      display: 'Tour Guides',
    },
  ],
  x509Certificates: [{ value: 'MIIDQzCCAqygAwIBAgICEAAwDQYJKoZIhvcNAQEFBQAwTjELMAkGA1UEBhMCVVMx' }],
  meta: {
    resourceType: 'User',
    created: '2010-01-23T04:56:22Z',
    lastModified: '2011-05-13T04:42:34Z',
    version: 'W/"a330bc54f0671c9"',
    location: `https://example.com/v2/Users/${BJENSEN}`,
  },
}

/** RFC 7643 §8.3, the enterprise part in full. */
export const enterpriseUser = {
  ...minimalUser,
  schemas: [USER, ENTERPRISE],
  displayName: 'Babs Jensen',
  [ENTERPRISE]: {
    employeeNumber: '701984',
    costCenter: '4130',
    organization: 'Universal Studios',
    division: 'Theme Park',
    department: 'Tour Operations',
    manager: {
      value: '26118915-6090-4610-87e4-49d8ca9f808d',
      $ref: '../Users/26118915-6090-4610-87e4-49d8ca9f808d',
      displayName: 'John Smith',
    },
  },
}

/** RFC 7643 §8.4. */
export const group = {
  schemas: ['urn:ietf:params:scim:schemas:core:2.0:Group'],
  id: 'e9e30dba-f08f-4109-8486-d5c6a331660a',
  displayName: 'Tour Guides',
  members: [
    { value: BJENSEN, $ref: `https://example.com/v2/Users/${BJENSEN}`, display: 'Babs Jensen' },
    {
      value: '902c246b-6245-4190-8e05-00816be7344a',
      $ref: 'https://example.com/v2/Users/902c246b-6245-4190-8e05-00816be7344a',
      display: 'Mandy Pepperidge',
    },
  ],
  meta: {
    resourceType: 'Group',
    created: '2010-01-23T04:56:22Z',
    lastModified: '2011-05-13T04:42:34Z',
    version: 'W/"3694e05e9dff592"',
    location: 'https://example.com/v2/Groups/e9e30dba-f08f-4109-8486-d5c6a331660a',
  },
}

/** RFC 7643 §8.5. */
export const serviceProviderConfig = {
  schemas: ['urn:ietf:params:scim:schemas:core:2.0:ServiceProviderConfig'],
  documentationUri: 'http://example.com/help/scim.html',
  patch: { supported: true },
  bulk: { supported: true, maxOperations: 1000, maxPayloadSize: 1048576 },
  filter: { supported: true, maxResults: 200 },
  changePassword: { supported: true },
  sort: { supported: true },
  etag: { supported: true },
  authenticationSchemes: [
    {
      name: 'OAuth Bearer Token',
      description: 'Authentication scheme using the OAuth Bearer Token Standard',
      specUri: 'http://www.rfc-editor.org/info/rfc6750',
      documentationUri: 'http://example.com/help/oauth.html',
      type: 'oauthbearertoken',
      primary: true,
    },
    {
      name: 'HTTP Basic',
      description: 'Authentication scheme using the HTTP Basic Standard',
      specUri: 'http://www.rfc-editor.org/info/rfc2617',
      documentationUri: 'http://example.com/help/httpBasic.html',
      type: 'httpbasic',
    },
  ],
  meta: {
    location: 'https://example.com/v2/ServiceProviderConfig',
    resourceType: 'ServiceProviderConfig',
    created: '2010-01-23T04:56:22Z',
    lastModified: '2011-05-13T04:42:34Z',
    version: 'W/"3694e05e9dff594"',
  },
}

const RESOURCE_TYPE = 'urn:ietf:params:scim:schemas:core:2.0:ResourceType'

/** RFC 7643 §8.6, the two resource types. */
export const resourceTypes = [
  {
    schemas: [RESOURCE_TYPE],
    id: 'User',
    name: 'User',
    endpoint: '/Users',
    description: 'User Account',
    schema: USER,
    schemaExtensions: [{ schema: ENTERPRISE, required: true }],
    meta: { location: 'https://example.com/v2/ResourceTypes/User', resourceType: 'ResourceType' },
  },
  {
    schemas: [RESOURCE_TYPE],
    id: 'Group',
    name: 'Group',
    endpoint: '/Groups',
    description: 'Group',
    schema: 'urn:ietf:params:scim:schemas:core:2.0:Group',
    meta: { location: 'https://example.com/v2/ResourceTypes/Group', resourceType: 'ResourceType' },
  },
]

const attr = (name: string, type: string, extra: object = {}) => ({
  name,
  type,
  multiValued: false,
  description: `The ${name}.`,
  required: false,
  caseExact: false,
  mutability: 'readWrite',
  returned: 'default',
  uniqueness: 'none',
  ...extra,
})

/** RFC 7643 §8.7.1, shortened: no `schemas` attribute, as in the RFC. */
export const groupSchema = {
  id: 'urn:ietf:params:scim:schemas:core:2.0:Group',
  name: 'Group',
  description: 'Group',
  attributes: [
    attr('displayName', 'string'),
    {
      name: 'members',
      type: 'complex',
      multiValued: true,
      description: 'A list of members of the Group.',
      required: false,
      subAttributes: [
        attr('value', 'string', { mutability: 'immutable' }),
        attr('$ref', 'reference', { referenceTypes: ['User', 'Group'], mutability: 'immutable' }),
        attr('type', 'string', { canonicalValues: ['User', 'Group'], mutability: 'immutable' }),
      ],
      mutability: 'readWrite',
      returned: 'default',
    },
  ],
  meta: { resourceType: 'Schema', location: '/v2/Schemas/urn:ietf:params:scim:schemas:core:2.0:Group' },
}

/** RFC 7643 §8.7.1 User schema, a few attributes that use every keyword and type. */
export const userSchema = {
  id: USER,
  name: 'User',
  description: 'User Account',
  attributes: [
    attr('userName', 'string', { required: true, uniqueness: 'server' }),
    attr('active', 'boolean'),
    attr('password', 'string', { mutability: 'writeOnly', returned: 'never' }),
    {
      ...attr('groups', 'complex', { multiValued: true, mutability: 'readOnly' }),
      subAttributes: [attr('$ref', 'reference', { referenceTypes: ['User', 'Group'], mutability: 'readOnly' })],
    },
    attr('x509Certificates', 'binary', { multiValued: true }),
  ],
  meta: { resourceType: 'Schema', location: `/v2/Schemas/${USER}` },
}

const ERROR = 'urn:ietf:params:scim:api:messages:2.0:Error'

/** RFC 7644 §3.12 examples. */
export const errors = {
  notFound: { schemas: [ERROR], detail: `Resource ${BJENSEN} not found`, status: '404' },
  mutability: { schemas: [ERROR], scimType: 'mutability', detail: "Attribute 'id' is readOnly", status: '400' },
}

/** RFC 7644 §3.4.2 answer to ?attributes=userName: items narrowed to id and userName. */
export const narrowedList = {
  schemas: ['urn:ietf:params:scim:api:messages:2.0:ListResponse'],
  totalResults: 2,
  Resources: [
    { id: BJENSEN, userName: 'bjensen' },
    { id: 'c75ad752-64ae-4823-840d-ffa80929976c', userName: 'jsmith' },
  ],
}

const PATCH = 'urn:ietf:params:scim:api:messages:2.0:PatchOp'

/** RFC 7644 §3.5.2 examples. */
export const patchOps = {
  addMember: {
    schemas: [PATCH],
    Operations: [
      {
        op: 'add',
        path: 'members',
        value: [{ display: 'Babs Jensen', $ref: `https://example.com/v2/Users/${BJENSEN}`, value: BJENSEN }],
      },
    ],
  },
  removeFiltered: { schemas: [PATCH], Operations: [{ op: 'remove', path: `members[value eq "${BJENSEN}"]` }] },
  replacePathless: {
    schemas: [PATCH],
    Operations: [{ op: 'replace', value: { emails: [{ value: 'bjensen@example.com', type: 'work', primary: true }] } }],
  },
}
