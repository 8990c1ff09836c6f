// User creation and lookup (Microsoft's SCIM tutorial, "Create User", "Get User", "Get User by query"): what Entra sends when it first provisions a user.
import { defineChecks } from '../../helpers/suite/check-info.ts'
import { ADMIN_CONFUSION, CHURN, CONFLICT, DUPLICATE_TARGET, INVALID_ANCHOR, SERVICE_INCOMPATIBLE, UNPARSEABLE } from '../../helpers/suite/consequences.ts'
import { entra, rfc7643, rfc7644 } from '../../helpers/suite/refs.ts'

export const createUserChecks = defineChecks({
  'create-user/query-finds-nothing': {
    title: 'The match query for a new user answers 200 with an empty ListResponse',
    severity: 'required',
    refs: [rfc7644('3.4.2'), entra('tutorial', 'create-user')],
    why: 'Entra queries by the matching attribute before every create; anything but an empty list stops the create.',
    entra: SERVICE_INCOMPATIBLE,
    fix: 'Answer a filter that matches nothing with 200 and totalResults 0.',
  },
  'create-user/responds-201': {
    title: 'POST /Users with Entra\'s body answers 201 Created',
    severity: 'required',
    refs: [rfc7644('3.3'), entra('tutorial', 'create-user')],
    entra: UNPARSEABLE,
    fix: 'Accept Entra\'s body (core and enterprise schemas, work email, name, externalId, active, roles: []) and answer 201.',
  },
  'create-user/returns-id': {
    title: 'The created user comes back with a non-empty string id',
    severity: 'required',
    refs: [rfc7643('3.1'), entra('tutorial', 'create-user')],
    why: 'Entra stores this id and uses it for every later request on the user.',
    entra: UNPARSEABLE,
    fix: 'Return the new resource with its server-assigned "id".',
  },
  'create-user/response-is-valid-user': {
    title: 'The 201 body is a valid SCIM User (RFC 7643 types: booleans are booleans, manager an object)',
    severity: 'required',
    refs: [rfc7643('4.1'), rfc7643('2.3'), entra('tutorial', 'create-user')],
    entra: UNPARSEABLE,
    fix: 'Return attributes with the types RFC 7643 declares; never "true" as a string or the manager as a bare id.',
  },
  'create-user/echoes-attributes': {
    title: 'Every attribute Entra sent comes back unchanged',
    severity: 'required',
    refs: [rfc7644('3.3'), entra('tutorial', 'general')],
    why: 'Entra compares what it reads with what it sent; a transformed value is re-sent every cycle.',
    entra: CHURN,
    fix: 'Store values exactly as sent (no reformatting of phone numbers, case changes or dropped sub-attributes).',
  },
  'create-user/responds-scim-content-type': {
    title: 'Responses carry Content-Type application/scim+json (charset allowed)',
    severity: 'recommended',
    refs: [rfc7644('3.1'), entra('tutorial', 'general')],
    why: 'Microsoft\'s SCIM Validator aborts on application/json; the provisioning service itself is more tolerant.',
    entra: { code: 'none at run time (SCIM Validator aborts)', effect: 'Microsoft\'s SCIM Validator stops its run; gallery review flags it.' },
    fix: 'Send Content-Type: application/scim+json; charset=utf-8 on every SCIM response.',
  },
  'create-user/rejects-duplicate-username': {
    title: 'A second POST with the same userName is refused with 409 and scimType "uniqueness"',
    severity: 'required',
    refs: [rfc7644('3.3'), rfc7644('3.12')],
    entra: CONFLICT,
    fix: 'Enforce userName uniqueness (ignoring case) and answer 409 with scimType "uniqueness".',
  },
  'create-user/duplicate-error-is-scim-error': {
    title: 'The 409 carries a SCIM Error body',
    severity: 'recommended',
    refs: [rfc7644('3.12')],
    entra: ADMIN_CONFUSION,
    fix: 'Answer errors with {"schemas":["urn:ietf:params:scim:api:messages:2.0:Error"],"status":"409","scimType":"uniqueness","detail":…}.',
  },
})

export const getUserChecks = defineChecks({
  'get-user/responds-200': {
    title: 'GET /Users/{id} answers 200 with the user',
    severity: 'required',
    refs: [rfc7644('3.4.1'), entra('tutorial', 'get-user')],
    entra: INVALID_ANCHOR,
    fix: 'Serve every user by the id returned at creation.',
  },
  'get-user/returns-same-user': {
    title: 'The user read by id has the same id and userName',
    severity: 'required',
    refs: [rfc7644('3.4.1'), rfc7643('4.1')],
    entra: INVALID_ANCHOR,
    fix: 'Return the resource the id names, valid per RFC 7643.',
  },
  'get-user/unknown-id-responds-404': {
    title: 'GET /Users/{id} for an id that does not exist answers 404',
    severity: 'required',
    refs: [rfc7644('3.4.1'), rfc7644('3.12'), entra('tutorial', 'get-user')],
    entra: INVALID_ANCHOR,
    fix: 'Answer 404 for an unknown id (not 200 with an empty body, not 400 or 500).',
  },
  'get-user/unknown-id-returns-scim-error': {
    title: 'The 404 carries a SCIM Error body',
    severity: 'recommended',
    refs: [rfc7644('3.12')],
    entra: ADMIN_CONFUSION,
    fix: 'Answer 404 with {"schemas":["urn:ietf:params:scim:api:messages:2.0:Error"],"status":"404","detail":…}.',
  },
})

export const getUserByQueryChecks = defineChecks({
  'get-user-by-query/finds-exactly-one': {
    title: 'A filter on the matching attribute of an existing user finds exactly that user',
    severity: 'required',
    refs: [rfc7644('3.4.2.2'), entra('tutorial', 'get-user-by-query')],
    entra: DUPLICATE_TARGET,
    fix: 'Support `eq` filters on the matching attribute and return only the resources that match.',
  },
  'get-user-by-query/response-is-list-response': {
    title: 'The filter answer is a valid ListResponse of valid Users',
    severity: 'required',
    refs: [rfc7644('3.4.2'), rfc7643('4.1')],
    entra: SERVICE_INCOMPATIBLE,
    fix: 'Answer queries with a ListResponse (schemas, totalResults, Resources) of full User resources.',
  },
  'get-user-by-query/matches-username-case-insensitively': {
    title: 'userName matches in any letter case (userName is caseExact false)',
    severity: 'required',
    refs: [rfc7643('4.1.1'), rfc7644('3.4.2.2'), entra('scim-validator')],
    why: 'Entra\'s UPNs change case; a case-sensitive match makes Entra create a second account.',
    entra: DUPLICATE_TARGET,
    fix: 'Compare userName case-insensitively in filters and in the uniqueness check.',
  },
})
