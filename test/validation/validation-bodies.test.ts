// The bodies Microsoft's validation posts, as the validation-bodies flow builds them: the Logic App's scimUserBody
// (Initialization_Workflow.json: the template's defaults, the first entry of a typed array primary, every extension
// URN in schemas, no manager or roles) and the SCIM Validator's random strings (only free strings /Schemas declares).
import { describe, expect, test } from 'vitest'
import { loadProfile } from '../../helpers/entra/load-profile.ts'
import { logicAppUserBody, validatorRandomBody } from '../../specs/validation/validation-bodies.ts'
import { schemas } from '../../server/discovery.ts'

const ENTERPRISE = 'urn:ietf:params:scim:schemas:extension:enterprise:2.0:User'

describe("the Logic App's scimUserBody", () => {
  const body = logicAppUserBody(
    loadProfile('entra-default'),
    'lascuser1a2b3c4d@contoso.example',
    () => 'abcdef0123456789',
  )
  test("the template's default values", () => {
    expect(body).toMatchObject({
      schemas: ['urn:ietf:params:scim:schemas:core:2.0:User', ENTERPRISE],
      userName: 'lascuser1a2b3c4d@contoso.example',
      active: true,
      displayName: 'SCIM Test User',
      preferredLanguage: 'en-US',
      title: 'Test-title-abcdef',
      externalId: 'abcdef0123456789',
      emails: [{ type: 'work', primary: true, value: 'lasctestabcdef01@contoso.example' }],
    })
    expect((body[ENTERPRISE] as Record<string, unknown>).department).toBe('Test-department-abcdef')
  })
  test('phones with dashes, the first of each typed array primary', () => {
    const phones = body.phoneNumbers as { type: string; primary: boolean; value: string }[]
    expect(phones.map((p) => [p.type, p.primary])).toEqual([
      ['work', true],
      ['mobile', false],
    ])
    expect(phones[0]!.value).toMatch(/^\+1-555-\d{4}$/)
  })
  test('no manager, no roles', () => {
    expect(body.roles).toBeUndefined()
    expect((body[ENTERPRISE] as Record<string, unknown>).manager).toBeUndefined()
  })
})

describe("the SCIM Validator's random values", () => {
  const body = validatorRandomBody(schemas('https://x.example/scim/v2'), 'v@contoso.example', () => 'rAnDoM')
  test('every free string of the User schema and its extensions, name included', () => {
    expect(body).toMatchObject({
      userName: 'v@contoso.example',
      displayName: 'rAnDoM',
      userType: 'rAnDoM',
      name: { givenName: 'rAnDoM', familyName: 'rAnDoM' },
      [ENTERPRISE]: { department: 'rAnDoM', costCenter: 'rAnDoM' },
    })
    expect(body.schemas).toContain(ENTERPRISE)
  })
  test('not what RFC 7643 gives a format, not references, not multi-valued, not the manager', () => {
    for (const name of ['timezone', 'locale', 'preferredLanguage', 'profileUrl', 'emails', 'groups', 'roles'])
      expect(body[name], name).toBeUndefined()
    expect((body[ENTERPRISE] as Record<string, unknown>).manager).toBeUndefined()
  })
})
