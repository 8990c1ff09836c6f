// Every flow, in the order Entra meets them in a first cycle (S4): connection, discovery, users, groups.
import type { FlowDefinition } from '../helpers/flow.ts'
import discoverSchema from './discovery/discover-schema.ts'
import testConnection from './test-connection/test-connection.ts'
import createUser from './users/create-user.ts'
import getUserByQuery from './users/get-user-by-query.ts'
import getUser from './users/get-user.ts'
import deleteUser from './users/delete-user.ts'
import disableUser from './users/disable-user.ts'
import getUsersPaged from './users/get-users-paged.ts'
import updateUserEmptyValues from './users/update-user-empty-values.ts'
import updateUserManager from './users/update-user-manager.ts'
import updateUserMultiValued from './users/update-user-multi-valued.ts'
import updateUserMultipleOperations from './users/update-user-multiple-operations.ts'
import updateUserSingleValued from './users/update-user-single-valued.ts'

// Paging walks every user on the server, so it goes last: fewer other flows are still writing by then.
export const flows: readonly FlowDefinition[] = [
  testConnection, discoverSchema, createUser, getUser, getUserByQuery,
  updateUserSingleValued, updateUserMultiValued, updateUserManager, disableUser, updateUserEmptyValues, updateUserMultipleOperations,
  deleteUser, getUsersPaged,
] as FlowDefinition[]
