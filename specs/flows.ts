// Every flow, in the order Entra meets them in a first cycle (S4): token, connection, discovery, users, groups.
import type { FlowDefinition } from '../helpers/flow.ts'
import authentication from './authentication/authentication.ts'
import discoverSchema from './discovery/discover-schema.ts'
import queryExistingUser from './existing-user/query-existing-user.ts'
import createGroup from './groups/create-group.ts'
import deleteGroup from './groups/delete-group.ts'
import getGroupByDisplayName from './groups/get-group-by-display-name.ts'
import getGroup from './groups/get-group.ts'
import largeGroup from './groups/large-group.ts'
import listGroups from './groups/list-groups.ts'
import updateGroupAddMembers from './groups/update-group-add-members.ts'
import updateGroupNonMemberAttributes from './groups/update-group-non-member-attributes.ts'
import updateGroupRemoveMembers from './groups/update-group-remove-members.ts'
import testConnection from './test-connection/test-connection.ts'
import createUser from './users/create-user.ts'
import getUserByQuery from './users/get-user-by-query.ts'
import getUser from './users/get-user.ts'

const groupFlows = [
  createGroup, getGroup, getGroupByDisplayName, updateGroupNonMemberAttributes, updateGroupAddMembers, updateGroupRemoveMembers,
  deleteGroup, listGroups, largeGroup,
]

export const flows: readonly FlowDefinition[] = [authentication, testConnection, discoverSchema, createUser, getUser, getUserByQuery, queryExistingUser, ...groupFlows] as FlowDefinition[]
