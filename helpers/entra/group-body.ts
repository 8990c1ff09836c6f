// The group Entra creates: one definition for the flows and the load cycle.
import { setAttribute } from './profile.ts'
import { CORE_GROUP } from './urns.ts'

/** Microsoft's own schema URI, which Entra lists next to the core one when it creates a group (Microsoft's SCIM tutorial, "Create Group"). */
export const MS_GROUP_SCHEMA = 'http://schemas.microsoft.com/2006/11/ResourceManagement/ADSCIM/2.0/Group'

export const groupPath = (id: string): string => `/Groups/${encodeURIComponent(id)}`

/** Entra's "Create Group" body as Microsoft's SCIM tutorial shows it: both schema URIs, the externalId (Entra's
 * objectId) and the displayName, then the group attributes the mapping adds; no members (they arrive by PATCH). */
export function entraGroupBody(
  displayName: string,
  externalId: string,
  mapped: Readonly<Record<string, unknown>> = {},
): Record<string, unknown> {
  const body: Record<string, unknown> = { schemas: [CORE_GROUP, MS_GROUP_SCHEMA], externalId, displayName }
  for (const [path, value] of Object.entries(mapped)) setAttribute(body, path, value)
  return { ...body, meta: { resourceType: 'Group' } }
}

/**
 * A value for each group attribute the mapping adds, as a directory holds them (a group's description is a sentence
 * about the group): `round` 0 for the create, 1 for the update Entra sends when it changed.
 */
export function mappedGroupValues(
  attributes: readonly string[] | undefined,
  displayName: string,
  round: 0 | 1 = 0,
): Record<string, string> {
  const name = displayName.replace(/^\S+-g\d+ /, '')
  return Object.fromEntries(
    (attributes ?? []).map((path) => {
      const leaf = path.split(/[:.]/).pop()!
      return [
        path,
        /^description$/i.test(leaf)
          ? round === 0
            ? `Everyone who works on ${name}`
            : `Everyone who works on or supports ${name}`
          : `${leaf} of ${name}${round === 0 ? '' : ' (changed)'}`,
      ]
    }),
  )
}
