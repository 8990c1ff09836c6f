// Bodies from Microsoft's SCIM tutorial (its user and group operations) and its SCIM compatibility article (its examples)
// (trailing commas corrected there). Requests lack `id` by nature; responses are what a server should answer.

const LIST = 'urn:ietf:params:scim:api:messages:2.0:ListResponse'
const PATCH = 'urn:ietf:params:scim:api:messages:2.0:PatchOp'
const USER = 'urn:ietf:params:scim:schemas:core:2.0:User'
const GROUP = 'urn:ietf:params:scim:schemas:core:2.0:Group'
const ENTERPRISE = 'urn:ietf:params:scim:schemas:extension:enterprise:2.0:User'
const SCHEMA = 'urn:ietf:params:scim:schemas:core:2.0:Schema'

const schemaAttribute = (name: string, description: string, required: boolean, uniqueness: string) => ({
  name,
  type: 'string',
  multiValued: false,
  description,
  required,
  caseExact: false,
  mutability: 'readWrite',
  returned: 'default',
  uniqueness,
})

const schemaResource = (id: string, name: string, description: string, attribute: object) => ({
  schemas: [SCHEMA],
  id,
  name,
  description,
  attributes: [attribute],
  meta: { resourceType: 'Schema', location: `/v2/Schemas/${id}` },
})

/** GET /Schemas. */
export const schemasList = {
  schemas: [LIST],
  itemsPerPage: 50,
  startIndex: 1,
  totalResults: 3,
  Resources: [
    schemaResource(
      USER,
      'User',
      'User Account',
      schemaAttribute('userName', 'Unique identifier for the User…', true, 'server'),
    ),
    schemaResource(
      GROUP,
      'Group',
      'Group',
      schemaAttribute('displayName', 'A human-readable name for the Group. REQUIRED.', false, 'none'),
    ),
    schemaResource(
      ENTERPRISE,
      'EnterpriseUser',
      'Enterprise User',
      schemaAttribute('employeeNumber', 'Numeric or alphanumeric identifier…', false, 'none'),
    ),
  ],
}

/** query with zero results. */
export const zeroResults = { schemas: [LIST], totalResults: 0, Resources: [], startIndex: 1, itemsPerPage: 20 }

/** POST /Users request body. */
export const createUserRequest = {
  schemas: [USER, ENTERPRISE],
  externalId: '0a21f0f2-8d2a-4f8e-bf98-7363c4aed4ef',
  userName: 'Test_User_00aa00aa-bb11-cc22-dd33-44ee44ee44ee',
  active: true,
  emails: [{ primary: true, type: 'work', value: 'Test_User_11bb11bb-cc22-dd33-ee44-55ff55ff55ff@testuser.com' }],
  meta: { resourceType: 'User' },
  name: { formatted: 'givenName familyName', familyName: 'familyName', givenName: 'givenName' },
  roles: [],
}

/** "Example 2": a legacy request with explicit nulls and a misspelled extension URN. */
export const createUserRequestWithNulls = {
  schemas: [USER, 'urn:ietf:params:scim:schemas:extension:enterprise:2.0User'],
  externalId: 'jyoung',
  userName: 'jyoung@testuser.com',
  active: true,
  addresses: null,
  displayName: 'Joy Young',
  emails: [{ type: 'work', value: 'jyoung@Contoso.com', primary: true }],
  meta: { resourceType: 'User' },
  name: { familyName: 'Young', givenName: 'Joy' },
  phoneNumbers: null,
  preferredLanguage: null,
  title: null,
  department: null,
  manager: null,
}

/** 201 Created body. */
export const createdUser = {
  schemas: [USER],
  id: '48af03ac28ad4fb88478',
  externalId: '0a21f0f2-8d2a-4f8e-bf98-7363c4aed4ef',
  meta: { resourceType: 'User', created: '2018-03-27T19:59:26.000Z', lastModified: '2018-03-27T19:59:26.000Z' },
  userName: 'Test_User_00aa00aa-bb11-cc22-dd33-44ee44ee44ee',
  name: { formatted: 'givenName familyName', familyName: 'familyName', givenName: 'givenName' },
  active: true,
  emails: [{ value: 'Test_User_11bb11bb-cc22-dd33-ee44-55ff55ff55ff@testuser.com', type: 'work', primary: true }],
}

/** 404 for an unknown user. */
export const userNotFound = {
  schemas: ['urn:ietf:params:scim:api:messages:2.0:Error'],
  status: '404',
  detail: 'Resource 23B51B0E5D7AE9110A49411D@7cca31655d49f3640a494224 not found',
}

/** query by userName with one match. */
export const userQueryMatch = {
  schemas: [LIST],
  totalResults: 1,
  Resources: [
    {
      schemas: [USER],
      id: '2441309d85324e7793ae',
      externalId: '7fce0092-d52e-4f76-b727-3955bd72c939',
      meta: { resourceType: 'User', created: '2018-03-27T19:59:26.000Z', lastModified: '2018-03-27T19:59:26.000Z' },
      userName: 'Test_User_00aa00aa-bb11-cc22-dd33-44ee44ee44ee',
      name: { familyName: 'familyName', givenName: 'givenName' },
      active: true,
      emails: [{ value: 'Test_User_11bb11bb-cc22-dd33-ee44-55ff55ff55ff@testuser.com', type: 'work', primary: true }],
    },
  ],
  startIndex: 1,
  itemsPerPage: 20,
}

const patch = (...Operations: object[]) => ({ schemas: [PATCH], Operations })

/** PatchOps Entra sends, keyed by the example they come from. */
export const patchOps = {
  'multi-valued': patch(
    { op: 'Replace', path: 'emails[type eq "work"].value', value: 'updatedEmail@microsoft.com' },
    { op: 'Replace', path: 'name.familyName', value: 'updatedFamilyName' },
  ),
  'single-valued': patch({
    op: 'Replace',
    path: 'userName',
    value: '5b50642d-79fc-4410-9e90-4c077cdd1a59@testuser.com',
  }),
  'no flag, one op per attribute': patch(
    { op: 'Replace', path: 'displayName', value: 'Pvlo' },
    { op: 'Replace', path: 'emails[type eq "work"].value', value: 'TestBcwqnm@test.microsoft.com' },
    { op: 'Replace', path: 'externalId', value: 'Eqpj' },
    { op: 'Replace', path: `${ENTERPRISE}:employeeNumber`, value: 'Eqpj' },
  ),
  'role add with stringified JSON': patch({
    op: 'Add',
    path: 'roles',
    value: [{ value: '{"id":"06b07648-ecfe-589f-9d2f-6325724a46ee","value":"25","displayName":"Role1234"}' }],
  }),
  'manager add (tutorial)': patch({
    op: 'Add',
    path: 'manager',
    value: [
      {
        $ref: 'http://.../scim/Users/00aa00aa-bb11-cc22-dd33-44ee44ee44ee',
        value: '00aa00aa-bb11-cc22-dd33-44ee44ee44ee',
      },
    ],
  }),
  'manager add (observed bare string)': patch({
    op: 'add',
    path: `${ENTERPRISE}:manager`,
    value: '2c2f6fb8-254f-492e-b7fe-c09c5a61c8a2',
  }),
  'manager removal (validator)': patch({ op: 'remove', path: `${ENTERPRISE}:manager` }),
  'disable (tutorial)': patch({ op: 'Replace', path: 'active', value: false }),
  'compatibility article: disable without flag': patch({ op: 'Replace', path: 'active', value: 'False' }),
  'compatibility article: add nickName without flag': patch({ op: 'Add', path: 'nickName', value: 'Babs' }),
  'compatibility article: path-less replace with flag': patch(
    { op: 'replace', path: 'emails[type eq "work"].value', value: 'TestMhvaes@test.microsoft.com' },
    {
      op: 'replace',
      value: {
        displayName: 'Bjfe',
        'name.givenName': 'Kkom',
        'name.familyName': 'Unua',
        [`${ENTERPRISE}:employeeNumber`]: 'Aklq',
      },
    },
  ),
  'add member': patch({ op: 'Add', path: 'members', value: [{ $ref: null, value: 'f648f8d5ea4e4cd38e9c' }] }),
  'remove member without flag': patch({
    op: 'Remove',
    path: 'members',
    value: [{ $ref: null, value: 'f648f8d5ea4e4cd38e9c' }],
  }),
  'compatibility article: remove member with flag': patch({
    op: 'remove',
    path: 'members[value eq "7f4bc1a3-285e-48ae-8202-5accb43efb0e"]',
  }),
  'rename group': patch({
    op: 'Replace',
    path: 'displayName',
    value: '1879db59-3bdf-4490-ad68-ab880a269474updatedDisplayName',
  }),
  'path-less rename (validator)': patch({ op: 'replace', value: { displayName: 'MSADPJJZWBUS' } }),
}

/** query by displayName with one match. */
export const groupQueryMatch = {
  schemas: [LIST],
  totalResults: 1,
  Resources: [
    {
      schemas: [GROUP],
      id: '8c601452cc934a9ebef9',
      externalId: '0db508eb-91e2-46e4-809c-30dcbda0c685',
      meta: { resourceType: 'Group', created: '2018-03-27T22:02:32.000Z', lastModified: '2018-03-27T22:02:32.000Z' },
      displayName: 'displayName',
    },
  ],
  startIndex: 1,
  itemsPerPage: 20,
}

/** POST /Groups request body, with Microsoft's extra schema URI. */
export const createGroupRequest = {
  schemas: [GROUP, 'http://schemas.microsoft.com/2006/11/ResourceManagement/ADSCIM/2.0/Group'],
  externalId: '8aa1a0c0-c4c3-4bc0-b4a5-2ef676900159',
  displayName: 'displayName',
  meta: { resourceType: 'Group' },
}

/** 201 Created body. */
export const createdGroup = {
  schemas: [GROUP],
  id: '927fa2c08dcb4a7fae9e',
  externalId: '8aa1a0c0-c4c3-4bc0-b4a5-2ef676900159',
  meta: { resourceType: 'Group', created: '2018-03-27T19:59:26.000Z', lastModified: '2018-03-27T19:59:26.000Z' },
  displayName: 'displayName',
  members: [],
}

/** GET with excludedAttributes=members. */
export const groupWithoutMembers = {
  schemas: [GROUP],
  id: '40734ae655284ad3abcc',
  externalId: '60f1bb27-2e1e-402d-bcc4-ec999564a194',
  meta: { resourceType: 'Group', created: '2018-03-27T19:59:26.000Z', lastModified: '2018-03-27T19:59:26.000Z' },
  displayName: 'displayName',
}
