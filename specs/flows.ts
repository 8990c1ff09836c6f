// Every flow, in the order Entra meets them in a first cycle (S4): token, connection, discovery, users, groups.
import type { FlowDefinition } from '../helpers/flow.ts'
import authentication from './authentication/authentication.ts'
import discoverSchema from './discovery/discover-schema.ts'
import queryExistingUser from './existing-user/query-existing-user.ts'
import testConnection from './test-connection/test-connection.ts'
import createUser from './users/create-user.ts'
import getUserByQuery from './users/get-user-by-query.ts'
import getUser from './users/get-user.ts'

export const flows: readonly FlowDefinition[] = [authentication, testConnection, discoverSchema, createUser, getUser, getUserByQuery, queryExistingUser] as FlowDefinition[]
