// Every flow, in the order Entra meets them in a first cycle (Microsoft's 'How application provisioning works'): token, connection, discovery, users, groups.
import type { FlowDefinition } from '../helpers/suite/flow.ts'
import authentication from './authentication/authentication.ts'
import discoverSchema from './discovery/discover-schema.ts'
import queryExistingUser from './existing-user/query-existing-user.ts'
import createGroup from './groups/create-group.ts'
import deleteGroup from './groups/delete-group.ts'
import getGroupByDisplayName from './groups/get-group-by-display-name.ts'
import getGroup from './groups/get-group.ts'
import largeGroup from './groups/large-group.ts'
import listGroups from './groups/list-groups.ts'
import readGroupMembership from './groups/read-group-membership.ts'
import updateGroupAddMembers from './groups/update-group-add-members.ts'
import updateGroupNonMemberAttributes from './groups/update-group-non-member-attributes.ts'
import updateGroupRemoveMembers from './groups/update-group-remove-members.ts'
import updateGroupReplaceMembers from './groups/update-group-replace-members.ts'
import updateGroupRemoveSeveralMembers from './groups/update-group-remove-several-members.ts'
import testConnection from './test-connection/test-connection.ts'
import createUser from './users/create-user.ts'
import getUserByQuery from './users/get-user-by-query.ts'
import getUser from './users/get-user.ts'
import deleteUser from './users/delete-user.ts'
import disableUser from './users/disable-user.ts'
import getUsersPaged from './users/get-users-paged.ts'
import updateUserEmptyValues from './users/update-user-empty-values.ts'
import updateUserManager from './users/update-user-manager.ts'
import updateUserMappedAttributes from './users/update-user-mapped-attributes.ts'
import updateUserMultiValued from './users/update-user-multi-valued.ts'
import updateUserPathlessAdd from './users/update-user-pathless-add.ts'
import updateUserCapitalisedPaths from './users/update-user-capitalised-paths.ts'
import updateUserRoles from './users/update-user-roles.ts'
import updateUserMultipleOperations from './users/update-user-multiple-operations.ts'
import updateUserSingleValued from './users/update-user-single-valued.ts'
import schemaDiscoverability from './validation/schema-discoverability.ts'
import validationGroups from './validation/validation-groups.ts'
import validationBodies from './validation/validation-bodies.ts'

const groupFlows = [
  createGroup,
  getGroup,
  getGroupByDisplayName,
  readGroupMembership,
  updateGroupNonMemberAttributes,
  updateGroupAddMembers,
  updateGroupRemoveMembers,
  updateGroupReplaceMembers,
  updateGroupRemoveSeveralMembers,
  deleteGroup,
  listGroups,
  largeGroup,
  validationGroups,
] as const

/**
 * Every flow of the suite, each with the claims it proves (its checks, at the top of its file): the catalog is read
 * from this one list (catalog.ts), so a flow listed here is a flow whose checks exist. Paging walks every user on the
 * server, so it goes last: fewer other flows are still writing by then.
 */
export const SUITE = [
  authentication,
  testConnection,
  discoverSchema,
  schemaDiscoverability,
  createUser,
  getUser,
  getUserByQuery,
  queryExistingUser,
  updateUserSingleValued,
  updateUserMultiValued,
  updateUserManager,
  disableUser,
  updateUserEmptyValues,
  updateUserMultipleOperations,
  updateUserMappedAttributes,
  updateUserPathlessAdd,
  updateUserCapitalisedPaths,
  updateUserRoles,
  deleteUser,
  validationBodies,
  ...groupFlows,
  getUsersPaged,
] as const

/** The flows in run order, as the runner takes them. */
export const flows: readonly FlowDefinition[] = SUITE as readonly FlowDefinition[]
