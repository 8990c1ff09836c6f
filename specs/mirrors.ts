// The request of Entra's each "Entra breaks" check mirrors, as documented or captured: `list` prints it with its source
// (the check's first run-time evidence source), and a self-test keeps every Entra-level check listed here.
import type { CheckId } from './catalog.ts'

const U = '/Users/{id}'
const G = '/Groups/{id}'
const ENT = 'urn:ietf:params:scim:schemas:extension:enterprise:2.0:User'

export const MIRRORS: Partial<Record<CheckId, string>> = {
  'authentication/token-endpoint-accepts-basic-credentials':
    'POST <token url>, Authorization: Basic …, grant_type=client_credentials',
  'authentication/token-response-is-bearer-token':
    'POST <token url> → {"access_token", "token_type": "Bearer", "expires_in"}',
  'authentication/federated-assertion-gets-working-token':
    'POST <token url>, grant_type=client_credentials, client_assertion_type=…jwt-bearer, client_assertion=<RS256 JWT>',
  'authentication/issued-token-works': 'GET /Users?filter=userName eq "<guid>", Authorization: Bearer <issued token>',
  'test-connection/users-filter-responds-200': 'GET /Users?filter=userName eq "<random guid>"',
  'test-connection/users-filter-returns-empty-list': 'GET /Users?filter=userName eq "<random guid>"',
  'test-connection/groups-filter-responds-200':
    'GET /Groups?excludedAttributes=members&filter=displayName eq "<random guid>"',
  'test-connection/no-accept-header-needed': 'GET /Users?filter=… (no Accept, no User-Agent header)',
  'create-user/query-finds-nothing':
    'GET /Users?filter=userName eq "<new user>", then externalId eq … and emails[type eq "work"].value eq … when mapped as matching',
  'create-user/finds-user-by-each-matching-attribute':
    'GET /Users?filter=externalId eq "<mailNickname>" (then emails[type eq "work"].value eq "<mail>") when userName finds nobody',
  'create-user/accepts-entra-body':
    'POST /Users {core + enterprise schemas, userName, active, emails, name, externalId, …}',
  'create-user/returns-id': 'POST /Users → 201 {"id", …}',
  'create-user/response-is-valid-user': 'POST /Users → 201 {User}',
  'create-user/echoes-attributes': 'POST /Users, then the values Entra compares on its next cycle',
  'create-user/rejects-duplicate-username': 'POST /Users {userName of an existing user} → 409',
  'get-user/responds-200': `GET ${U}`,
  'get-user/returns-same-user': `GET ${U}`,
  'get-user-by-query/finds-exactly-one': 'GET /Users?filter=userName eq "<existing user>"',
  'get-user-by-query/response-is-list-response': 'GET /Users?filter=userName eq "<existing user>"',
  'query-existing-user/finds-exactly-one': 'GET /Users?filter=userName eq "<--user>"',
  'query-existing-user/returns-valid-user': 'GET /Users?filter=userName eq "<--user>"',
  'query-existing-user/returns-manager-as-object': 'GET /Users?filter=userName eq "<--user>" → manager {"value"}',
  'create-group/query-finds-nothing': 'GET /Groups?excludedAttributes=members&filter=displayName eq "<new group>"',
  'create-group/responds-201': 'POST /Groups {core + Microsoft group schemas, displayName, externalId, members: []}',
  'create-group/returns-id': 'POST /Groups → 201 {"id", …}',
  'create-group/echoes-display-name-and-external-id': 'POST /Groups → displayName, externalId',
  'get-group/returns-the-group': `GET ${G}?excludedAttributes=members`,
  'get-group/excludes-members': `GET ${G}?excludedAttributes=members`,
  'get-group-by-display-name/finds-exactly-one':
    'GET /Groups?excludedAttributes=members&filter=displayName eq "<group>"',
  'get-group-by-display-name/excludes-members':
    'GET /Groups?excludedAttributes=members&filter=displayName eq "<group>"',
  'update-group-non-member-attributes/responds-200-or-204': `PATCH ${G} {"op": "Replace", "path": "displayName", …} (or a path-less replace)`,
  'update-group-non-member-attributes/renames-group': `PATCH ${G} {"op": "Replace", "path": "displayName", "value": "<new name>"}`,
  'update-group-add-members/responds-200-or-204': `PATCH ${G} {"op": "Add", "path": "members", "value": [{"value": "<user id>"}]}`,
  'update-group-add-members/adds-the-member': `PATCH ${G} {"op": "Add", "path": "members", "value": [{"value": "<user id>"}]}`,
  'update-group-add-members/adds-several-members-in-one-patch': `PATCH ${G} {"op": "Add", "path": "members", "value": [{"value": a}, {"value": b}]}`,
  'update-group-add-members/keeps-existing-members': `PATCH ${G} {"op": "Add", "path": "members", …}`,
  'update-group-remove-members/responds-200-or-204': `PATCH ${G} {"op": "Remove", "path": "members", "value": [{"value": id}]} / {"op": "remove", "path": "members[value eq \\"id\\"]"}`,
  'update-group-remove-members/removes-the-member': `PATCH ${G} {"op": "Remove", "path": "members", "value": [{"value": id}]} / {"op": "remove", "path": "members[value eq \\"id\\"]"}`,
  'update-group-remove-members/keeps-other-members': `PATCH ${G} {"op": "Remove", "path": "members", "value": [{"value": id}]}`,
  'update-group-remove-members/removes-by-lower-case-value-array': `PATCH ${G} {"op": "remove", "path": "members", "value": [{"value": id}]}`,
  'update-group-replace-members/keeps-the-sent-member': `PATCH ${G} {"op": "replace", "path": "members", "value": [{"value": "<changed user>"}]}`,
  'update-user-single-valued/responds-200-or-204': `PATCH ${U} {"op": "Replace", "path": "displayName", …} / path-less {"op": "replace", "value": {…}}`,
  'update-user-single-valued/renames-username': `PATCH ${U} {"op": "Replace", "path": "userName", "value": "<new UPN>"}`,
  'update-user-single-valued/updates-display-name': `PATCH ${U} {"op": "Replace", "path": "displayName", …}`,
  'update-user-single-valued/updates-title': `PATCH ${U} {"op": "Replace", "path": "title", …}`,
  'update-user-multi-valued/responds-200-or-204': `PATCH ${U} {"op": "Replace", "path": "emails[type eq \\"work\\"].value", …}, …`,
  'update-user-multi-valued/replaces-work-email': `PATCH ${U} {"op": "Replace", "path": "emails[type eq \\"work\\"].value", …}`,
  'update-user-multi-valued/replaces-family-name': `PATCH ${U} {"op": "Replace", "path": "name.familyName", …} / path-less {"name.familyName": …}`,
  'update-user-multi-valued/adds-missing-mobile-phone': `PATCH ${U} {"op": "Add", "path": "phoneNumbers[type eq \\"mobile\\"].value", …}`,
  'update-user-multi-valued/replaces-work-locality': `PATCH ${U} {"op": "Replace", "path": "addresses[type eq \\"work\\"].locality", …}`,
  'update-user-multi-valued/replaces-employee-number': `PATCH ${U} {"op": "Replace", "path": "${ENT}:employeeNumber", …}`,
  'update-user-multi-valued/replaces-department': `PATCH ${U} {"op": "Replace", "path": "${ENT}:department", …}`,
  'update-user-manager/responds-200-or-204': `PATCH ${U} {"op": "Add", "path": "${ENT}:manager", "value": "<id>"} / {"path": "manager", "value": [{"$ref", "value"}]}`,
  'update-user-manager/sets-manager-from-bare-id': `PATCH ${U} {"op": "Add", "path": "${ENT}:manager", "value": "<id>"}`,
  'update-user-manager/sets-manager-from-ref-array': `PATCH ${U} {"op": "Add", "path": "manager", "value": [{"$ref": …, "value": "<id>"}]}`,
  'update-user-manager/create-accepts-manager-string': `POST /Users {"${ENT}": {"manager": "<id>"}, …}`,
  'update-user-manager/returns-manager-as-object': `GET ${U} → "manager": {"value": "<id>"}`,
  'disable-user/responds-200-or-204': `PATCH ${U} {"op": "Replace", "path": "active", "value": "False"} / {"op": "replace", …, "value": false}`,
  'disable-user/get-returns-disabled-user': `GET ${U} after {"op": "Replace", "path": "active", "value": "False"}`,
  'disable-user/filter-returns-disabled-user': 'GET /Users?filter=userName eq "<disabled user>"',
  'disable-user/re-enables-user': `PATCH ${U} {"op": "Replace", "path": "active", "value": "True"}`,
  'disable-user/accepts-lower-case-string-booleans': `PATCH ${U} {"op": "Replace", "path": "active", "value": "false"}`,
  'update-user-mapped-attributes/responds-200-or-204': `PATCH ${U} with every other mapped attribute (core, enterprise, custom extension URN paths)`,
  'update-user-mapped-attributes/updates-every-attribute': `PATCH ${U} with every other mapped attribute, then GET ${U}`,
  'update-user-pathless-add/responds-200-or-204': `PATCH ${U} {"op": "add", "value": {"name.givenName": …, "${ENT}:department": …}}`,
  'update-user-pathless-add/applies-dotted-and-urn-keys': `PATCH ${U} {"op": "add", "value": {"name.givenName": …, "${ENT}:department": …}}`,
  'update-user-roles/create-stores-role':
    'POST /Users {…, "roles": [{"primary": true, "type": "WindowsAzureActiveDirectoryRole", "value": "Admin"}]}',
  'update-user-roles/adds-stringified-roles': `PATCH ${U} {"op": "Add", "path": "roles", "value": [{"value": "{\\"id\\": …, \\"value\\": …, \\"displayName\\": …}"}]}`,
  'update-user-roles/replace-sets-role-set': `PATCH ${U} {"op": "replace", "path": "roles", "value": [{"primary": false, "type": …, "display": "User", "value": "User"}]}`,
  'delete-user/query-never-returns-deleted-as-active': 'GET /Users?filter=userName eq "<user deleted earlier>"',
  'run/no-server-errors': 'every request of the run',
}
