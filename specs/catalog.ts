// The check catalog: every claim the suite makes, by stable id. `scim-preflight list` prints it.
import type { CheckInfo } from '../helpers/model/check-info.ts'
import { authenticationChecks } from './authentication/checks.ts'
import { discoveryChecks } from './discovery/checks.ts'
import { queryExistingUserChecks } from './existing-user/checks.ts'
import { runChecks } from './run/checks.ts'
import { schemaDiscoverabilityChecks, validationBodyChecks, validationGroupChecks } from './validation/checks.ts'
import * as groupChecks from './groups/checks.ts'
import { testConnectionChecks } from './test-connection/checks.ts'
import { createUserChecks, getUserByQueryChecks, getUserChecks } from './users/checks.ts'
import {
  capitalisedPathChecks,
  deleteUserChecks,
  disableUserChecks,
  emptyValueChecks,
  mappedAttributeChecks,
  multipleOperationChecks,
  pagingChecks,
  pathlessAddChecks,
  rolesChecks,
  updateManagerChecks,
  updateMultiValuedChecks,
  updateSingleValuedChecks,
} from './users/lifecycle-checks.ts'

const areas = [
  authenticationChecks,
  testConnectionChecks,
  discoveryChecks,
  createUserChecks,
  getUserChecks,
  getUserByQueryChecks,
  queryExistingUserChecks,
  groupChecks.createGroupChecks,
  groupChecks.getGroupChecks,
  groupChecks.getGroupByDisplayNameChecks,
  groupChecks.updateGroupNonMemberChecks,
  groupChecks.readGroupMembershipChecks,
  groupChecks.updateGroupAddMembersChecks,
  groupChecks.updateGroupRemoveMembersChecks,
  groupChecks.updateGroupReplaceMembersChecks,
  groupChecks.updateGroupRemoveSeveralMembersChecks,
  groupChecks.deleteGroupChecks,
  groupChecks.listGroupsChecks,
  groupChecks.largeGroupChecks,
  updateSingleValuedChecks,
  updateMultiValuedChecks,
  updateManagerChecks,
  disableUserChecks,
  emptyValueChecks,
  multipleOperationChecks,
  mappedAttributeChecks,
  pathlessAddChecks,
  capitalisedPathChecks,
  rolesChecks,
  deleteUserChecks,
  pagingChecks,
  schemaDiscoverabilityChecks,
  validationGroupChecks,
  validationBodyChecks,
  runChecks,
] as const

type Merge<T extends readonly object[]> = T extends readonly [infer H, ...infer R extends readonly object[]]
  ? H & Merge<R>
  : unknown

/** Merges area catalogs; a duplicate id would silently shadow a check, so it throws. */
function mergeCatalogs<T extends readonly Record<string, CheckInfo>[]>(parts: T): Merge<T> {
  const out: Record<string, CheckInfo> = {}
  for (const part of parts) {
    for (const [id, info] of Object.entries(part)) {
      if (id in out) throw new Error(`duplicate check id ${id}`)
      out[id] = info
    }
  }
  return out as Merge<T>
}

export const catalog = mergeCatalogs(areas)
export type CheckId = keyof typeof catalog & string
