// The group Entra creates: one definition for the flows and the load cycle.
import { CORE_GROUP } from './urns.ts'

/** Microsoft's own schema URI, which Entra lists next to the core one when it creates a group (Microsoft's SCIM tutorial, "Create Group"). */
export const MS_GROUP_SCHEMA = 'http://schemas.microsoft.com/2006/11/ResourceManagement/ADSCIM/2.0/Group'

export const groupPath = (id: string): string => `/Groups/${encodeURIComponent(id)}`

/** Entra's "Create Group" body as Microsoft's SCIM tutorial shows it: both schema URIs, the externalId (Entra's
 * objectId) and the displayName; no members (they arrive by PATCH). */
export function entraGroupBody(displayName: string, externalId: string): Record<string, unknown> {
  return { schemas: [CORE_GROUP, MS_GROUP_SCHEMA], externalId, displayName, meta: { resourceType: 'Group' } }
}
