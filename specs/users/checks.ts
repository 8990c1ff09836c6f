// User creation and lookup (Microsoft's SCIM tutorial, "Create User", "Get User", "Get User by query"): what Entra sends when it first provisions a user.
import { defineChecks } from '../../helpers/model/check-info.ts'
import {
  ADMIN_CONFUSION,
  CHURN,
  CONFLICT,
  DUPLICATE_TARGET,
  INVALID_ANCHOR,
  SERVICE_INCOMPATIBLE,
  UNPARSEABLE,
} from '../../helpers/suite/consequences.ts'
import { CAPTURES, entra, graphMatchingPriority, msValidation, rfc7643, rfc7644 } from '../../helpers/model/refs.ts'

export const createUserChecks = defineChecks({
  'create-user/query-finds-nothing': {
    title: 'The match query for a new user answers 200 with an empty ListResponse',
    severity: 'entra',
    evidence: {
      says: 'Entra queries by the matching attributes, in their matching precedence, before every create; Microsoft forbids anything but an empty result for no match.',
      sources: [entra('tutorial', 'create-user'), entra('attribute-mappings'), entra('gallery-requirements')],
    },
    refs: [rfc7644('3.4.2'), entra('tutorial', 'create-user')],
    why: 'Entra queries each matching attribute of the mapping (userName, then externalId or the work email when mapped so) before every create; anything but an empty list stops the create.',
    entra: SERVICE_INCOMPATIBLE,
    fix: 'Answer a filter that matches nothing with 200 and totalResults 0.',
  },
  'create-user/accepts-entra-body': {
    title: "POST /Users with Entra's body is accepted (201 Created, or 200)",
    severity: 'entra',
    evidence: {
      says: "Entra creates every new user with this POST; a refusal fails the user's provisioning and is retried every cycle.",
      sources: [entra('tutorial', 'create-user'), entra('error-codes')],
    },
    refs: [rfc7644('3.3'), entra('tutorial', 'create-user')],
    entra: UNPARSEABLE,
    fix: "Accept Entra's body (core and enterprise schemas, work email, name, externalId, active, roles: []) and answer 201.",
  },
  'create-user/responds-201': {
    title: 'An accepted POST /Users answers 201 Created, not 200',
    severity: 'rfc',
    evidence: {
      says: "No source shows Entra treating a 200 to its POST differently from a 201, and Microsoft's own validation accepts both (SCIM_User_Create_Test: 200/201); 201 is the RFC 7644 §3.3 rule.",
      sources: [rfc7644('3.3'), msValidation('SCIM_User_Create_Test')],
    },
    refs: [rfc7644('3.3'), entra('tutorial', 'create-user')],
    entra: {
      code: 'none: Entra reads the created user from a 200 as from a 201',
      effect: 'Provisioning works; other SCIM clients may not take a 200 as a create.',
    },
    fix: 'Answer a successful create with 201 Created and a Location header.',
  },
  'create-user/returns-id': {
    title: 'The created user comes back with a non-empty string id',
    severity: 'entra',
    evidence: {
      says: 'Entra stores the returned id and uses it for every later request on the user.',
      sources: [entra('how-provisioning-works'), entra('tutorial', 'create-user')],
    },
    refs: [rfc7643('3.1'), entra('tutorial', 'create-user')],
    why: 'Entra stores this id and uses it for every later request on the user.',
    entra: UNPARSEABLE,
    fix: 'Return the new resource with its server-assigned "id".',
  },
  'create-user/response-is-valid-user': {
    title: 'The 201 body is a valid SCIM User (RFC 7643 types: booleans are booleans, manager an object)',
    severity: 'entra',
    evidence: {
      says: 'Entra deserializes the created user; a body it cannot read fails with ServiceIncompatible.',
      sources: [entra('error-codes'), CAPTURES.managerUnreadable],
    },
    refs: [rfc7643('4.1'), rfc7643('2.3'), entra('tutorial', 'create-user')],
    entra: UNPARSEABLE,
    fix: 'Return attributes with the types RFC 7643 declares; never "true" as a string or the manager as a bare id.',
  },
  'create-user/echoes-attributes': {
    title: 'Every attribute Entra sent comes back unchanged',
    severity: 'entra',
    evidence: {
      says: 'Entra re-sends an attribute whose stored value differs from what it sent, every cycle (captured for the manager).',
      sources: [CAPTURES.cycle, entra('tutorial', 'general')],
    },
    refs: [rfc7644('3.3'), entra('tutorial', 'general')],
    why: 'Entra compares what it reads with what it sent; a transformed value is re-sent every cycle.',
    entra: CHURN,
    fix: 'Store values exactly as sent (no reformatting of phone numbers, case changes or dropped sub-attributes).',
  },
  'create-user/keeps-letter-case': {
    title: 'userName and email addresses come back in the letter case they were sent in',
    severity: 'rfc',
    evidence: {
      says: 'Entra compares userName and emails without case, so a folded case changes nothing it does; keeping the value as sent is the RFC 7643 §2.1 reading of a caseExact false attribute.',
      sources: [rfc7643('2.1'), rfc7643('4.1.1')],
    },
    refs: [rfc7643('2.1'), rfc7643('4.1.1'), rfc7643('4.1.2')],
    why: 'userName and emails are caseExact false (RFC 7643 §4.1.1, §4.1.2), so a folded case is the same value and not a failure; but the app then shows Maria.Lopez@Contoso.example as maria.lopez@contoso.example.',
    entra: {
      code: 'none: userName and emails compare without case',
      effect: 'Provisioning works; the app shows names and addresses in another case than the directory.',
    },
    fix: 'Store userName and email values as sent, and compare them without case (filters, uniqueness).',
  },
  'create-user/responds-scim-content-type': {
    title: 'Responses carry Content-Type application/scim+json (charset allowed)',
    severity: 'gallery',
    evidence: {
      says: "Microsoft's SCIM Validator aborts on application/json; the provisioning service is not shown to reject it.",
      sources: [CAPTURES.validatorContentType, entra('tutorial', 'general')],
    },
    refs: [rfc7644('3.1'), entra('tutorial', 'general')],
    why: "Microsoft's SCIM Validator aborts on application/json; the provisioning service itself is more tolerant.",
    entra: {
      code: 'none at run time (SCIM Validator aborts)',
      effect: "Microsoft's SCIM Validator stops its run; gallery review flags it.",
    },
    fix: 'Send Content-Type: application/scim+json; charset=utf-8 on every SCIM response.',
  },
  'create-user/finds-user-by-each-matching-attribute': {
    title:
      'A filter on each later matching attribute of the mapping (externalId, the work email) finds the created user, as Entra falls back on it',
    severity: 'entra',
    evidence: {
      says: 'Entra tries the matching attributes in their matching precedence and queries the next when one finds nobody (a UPN renamed in Entra, an account the app made before provisioning); it was captured matching on externalId at run time, and Microsoft documents the externalId and work-email filters as matching queries.',
      sources: [
        entra('attribute-mappings', 'understanding-attribute-mapping-properties'),
        graphMatchingPriority,
        CAPTURES.cycle,
        entra('tutorial', 'get-user-by-query'),
      ],
    },
    refs: [
      entra('attribute-mappings', 'understanding-attribute-mapping-properties'),
      graphMatchingPriority,
      rfc7644('3.4.2.2'),
    ],
    why: 'A server that filters only on userName answers every other matching query with nobody: Entra then POSTs a user the app already holds.',
    entra: {
      code: 'none logged: the match step finds nobody, then the create',
      effect:
        'Entra finds no user by this attribute and POSTs the user again: the app gets a duplicate account (a second user with the same externalId or email), or refuses the POST with a 409 that fails the user as Conflict / EntryConflict.',
    },
    fix: 'Support eq filters on every attribute the mapping matches on (externalId compared exactly, the work email ignoring case), answering the user that holds the value.',
  },
  'create-user/rejects-duplicate-username': {
    title: 'A second POST with the same userName is refused with 409',
    severity: 'entra',
    evidence: {
      says: 'Entra was captured POSTing a user that already existed, reading the 409, and updating the existing user instead; a server that accepts the POST gets a second account.',
      sources: [CAPTURES.cycle, entra('error-codes')],
    },
    refs: [rfc7644('3.3'), rfc7644('3.12')],
    entra: CONFLICT,
    why: "The duplicate carries another email and externalId: a server that is unique on those instead of userName lets it in, and Entra's match query on userName then finds two users.",
    fix: 'Enforce userName uniqueness (ignoring case) and answer 409 with scimType "uniqueness".',
  },
  'create-user/duplicate-carries-scim-type': {
    title: 'The 409 for a duplicate userName carries scimType "uniqueness"',
    severity: 'rfc',
    evidence: {
      says: 'Entra reads the 409 status, and no source shows it reading scimType; scimType "uniqueness" is the RFC 7644 §3.3 and §3.12 rule.',
      sources: [rfc7644('3.3'), rfc7644('3.12')],
    },
    refs: [rfc7644('3.12'), rfc7644('3.3')],
    entra: {
      code: 'none: Entra reads the 409 status',
      effect: 'Provisioning works; other SCIM clients cannot tell a uniqueness conflict from another 409.',
    },
    fix: 'Add "scimType": "uniqueness" to the 409 body.',
  },
  'create-user/rejects-duplicate-username-in-other-case': {
    title: 'A POST whose userName differs from an existing one only in letter case is refused with 409',
    severity: 'rfc',
    evidence: {
      says: 'Entra queries the userName before it creates and the query compares without case, so it does not POST a name that differs only in case; uniqueness without case is the RFC 7643 §4.1.1 rule (caseExact false, uniqueness server).',
      sources: [rfc7643('4.1.1'), rfc7644('3.3')],
    },
    refs: [rfc7643('4.1.1'), rfc7644('3.3'), rfc7644('3.12'), entra('scim-validator')],
    why: "userName is caseExact false and unique (RFC 7643 §4.1.1), so Maria.Lopez and maria.lopez are one name. Entra's match query compares without case: with both stored, it finds two users for one name and cannot provision either.",
    entra: DUPLICATE_TARGET,
    fix: 'Compare userName without case in the uniqueness check (e.g. a unique index on its lower-cased value) and answer 409 with scimType "uniqueness".',
  },
  'create-user/duplicate-error-is-scim-error': {
    title: 'The 409 carries a SCIM Error body',
    severity: 'rfc',
    evidence: {
      says: 'Entra shows the error body verbatim but reads the status; the SCIM Error body is an RFC 7644 §3.12 rule.',
      sources: [rfc7644('3.12')],
    },
    refs: [rfc7644('3.12')],
    entra: ADMIN_CONFUSION,
    fix: 'Answer errors with {"schemas":["urn:ietf:params:scim:api:messages:2.0:Error"],"status":"409","scimType":"uniqueness","detail":…}.',
  },
})

export const getUserChecks = defineChecks({
  'get-user/responds-200': {
    title: 'GET /Users/{id} answers 200 with the user',
    severity: 'entra',
    evidence: {
      says: 'Entra reads users by the stored id (captured: GET /Users/{id} before an update); a miss breaks the anchor (InvalidAnchor).',
      sources: [CAPTURES.cycle, entra('tutorial', 'get-user')],
    },
    refs: [rfc7644('3.4.1'), entra('tutorial', 'get-user')],
    entra: INVALID_ANCHOR,
    fix: 'Serve every user by the id returned at creation.',
  },
  'get-user/returns-same-user': {
    title: 'The user read by id has the same id and userName',
    severity: 'entra',
    evidence: {
      says: 'Entra reads users by the stored id; another resource under that id is a broken anchor.',
      sources: [CAPTURES.cycle, entra('tutorial', 'get-user')],
    },
    refs: [rfc7644('3.4.1'), rfc7643('4.1')],
    entra: INVALID_ANCHOR,
    fix: 'Return the resource the id names, valid per RFC 7643.',
  },
  'get-user/unknown-id-responds-404': {
    title: 'GET /Users/{id} for an id that does not exist answers 404',
    severity: 'rfc',
    evidence: {
      says: 'No source shows what Entra does with a GET of an unknown id; 404 for it is RFC 7644 §3.4.1 and §3.12.',
      sources: [rfc7644('3.4.1'), rfc7644('3.12')],
    },
    refs: [rfc7644('3.4.1'), rfc7644('3.12'), entra('tutorial', 'get-user')],
    entra: INVALID_ANCHOR,
    fix: 'Answer 404 for an unknown id (not 200 with an empty body, not 400 or 500).',
  },
  'get-user/unknown-id-returns-scim-error': {
    title: 'The 404 carries a SCIM Error body',
    severity: 'rfc',
    evidence: {
      says: 'Entra reads the status; the SCIM Error body is an RFC 7644 §3.12 rule.',
      sources: [rfc7644('3.12')],
    },
    refs: [rfc7644('3.12')],
    entra: ADMIN_CONFUSION,
    fix: 'Answer 404 with {"schemas":["urn:ietf:params:scim:api:messages:2.0:Error"],"status":"404","detail":…}.',
  },
})

export const getUserByQueryChecks = defineChecks({
  'get-user-by-query/finds-exactly-one': {
    title: 'A filter on the matching attribute of an existing user finds exactly that user',
    severity: 'entra',
    evidence: {
      says: 'Entra matches existing users with this query (captured: filter=externalId eq …); two results stop it (DuplicateTargetEntries), none create a duplicate.',
      sources: [CAPTURES.cycle, entra('tutorial', 'get-user-by-query')],
    },
    refs: [rfc7644('3.4.2.2'), entra('tutorial', 'get-user-by-query')],
    entra: DUPLICATE_TARGET,
    fix: 'Support `eq` filters on the matching attribute and return only the resources that match.',
  },
  'get-user-by-query/response-is-list-response': {
    title: 'The filter answer is a valid ListResponse of valid Users',
    severity: 'entra',
    evidence: {
      says: 'Microsoft requires every query answer to be a ListResponse; Entra cannot read anything else (ServiceIncompatible).',
      sources: [entra('tutorial', 'general'), entra('error-codes')],
    },
    refs: [rfc7644('3.4.2'), rfc7643('4.1')],
    entra: SERVICE_INCOMPATIBLE,
    fix: 'Answer queries with a ListResponse (schemas, totalResults, Resources) of full User resources.',
  },
  'get-user-by-query/matches-username-case-insensitively': {
    title: 'userName matches in any letter case (userName is caseExact false)',
    severity: 'gallery',
    evidence: {
      says: "Microsoft's SCIM Validator queries userName in other letter case; Entra queries with the value it provisioned, and no capture shows it querying in another case.",
      sources: [entra('scim-validator'), CAPTURES.scimServer, rfc7643('4.1.1')],
    },
    refs: [rfc7643('4.1.1'), rfc7644('3.4.2.2'), entra('scim-validator')],
    why: "Entra's UPNs change case; a case-sensitive match makes Entra create a second account.",
    entra: DUPLICATE_TARGET,
    fix: 'Compare userName case-insensitively in filters and in the uniqueness check.',
  },
})
