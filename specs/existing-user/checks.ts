// The match query for a user that already exists (Microsoft's SCIM tutorial, "Get User by query", "Disable User"): what --read-only can
// check on a production server without writing, against the user named by --user.
import { defineChecks } from '../../helpers/model/check-info.ts'
import { CHURN, DUPLICATE_TARGET, SERVICE_INCOMPATIBLE, UNPARSEABLE } from '../../helpers/suite/consequences.ts'
import { CAPTURES, entra, rfc7643, rfc7644 } from '../../helpers/model/refs.ts'

export const queryExistingUserChecks = defineChecks({
  'query-existing-user/finds-exactly-one': {
    title: 'A filter on the matching attribute of an existing user answers 200 with exactly that one user',
    severity: 'entra',
    evidence: {
      says: 'Entra matches every in-scope user with this query each cycle; no match creates a duplicate, two stop it (DuplicateTargetEntries).',
      sources: [entra('tutorial', 'get-user-by-query'), entra('error-codes')],
    },
    refs: [rfc7644('3.4.2.2'), entra('tutorial', 'get-user-by-query')],
    why: 'Entra matches every in-scope user this way each cycle; zero results makes it create a duplicate, two make it stop.',
    entra: DUPLICATE_TARGET,
    fix: 'Support `eq` on the matching attribute and return only the resources that match (totalResults 1).',
  },
  'query-existing-user/returns-valid-user': {
    title: 'The matched user is a valid SCIM User (RFC 7643 types)',
    severity: 'entra',
    evidence: {
      says: 'Entra deserializes the matched user; a body it cannot read fails with ServiceIncompatible.',
      sources: [entra('error-codes'), CAPTURES.managerUnreadable],
    },
    refs: [rfc7643('4.1'), rfc7643('2.3'), entra('tutorial', 'get-user-by-query')],
    entra: UNPARSEABLE,
    fix: 'Return stored users with the types RFC 7643 declares: booleans as booleans, complex attributes as objects.',
  },
  'query-existing-user/returns-active': {
    title: 'The matched user carries the active attribute',
    severity: 'gallery',
    evidence: {
      says: "Microsoft's SCIM Validator fails a filter answer without active; the provisioning service is not documented to fail on it.",
      sources: [entra('scim-validator'), CAPTURES.scimServer],
    },
    refs: [rfc7643('4.1.1'), entra('tutorial', 'get-user-by-query'), entra('scim-validator')],
    why: "Entra compares active with the source on every cycle; Microsoft's SCIM Validator fails a filter answer without it.",
    entra: {
      ...CHURN,
      effect:
        'Entra cannot see whether the user is enabled, so it re-sends active, and the SCIM Validator reports "should have attribute active".',
    },
    fix: 'Return "active": true or false on every user, in filter answers too, whether the user is enabled or not.',
  },
  'query-existing-user/returns-manager-as-object': {
    title: 'A manager, when present, is returned as an object with a value (RFC 7643 §4.3), not a bare id',
    severity: 'entra',
    evidence: {
      says: 'A manager Entra cannot deserialize failed provisioning with ServiceIncompatible.',
      sources: [CAPTURES.managerUnreadable],
    },
    refs: [rfc7643('4.3'), entra('tutorial', 'update-user-single-valued-properties')],
    why: 'Entra sends the manager as a bare id but reads it back as the complex type; a bare string cannot be deserialized.',
    entra: SERVICE_INCOMPATIBLE,
    fix: 'Store the manager id and return "manager": {"value": "<id>"} (optionally with $ref and displayName).',
  },
})
