// The profile's attribute types resolved against the target: the one request (GET /Schemas) that the pure resolution
// in helpers/entra/attribute-types.ts needs from the server.
import type { ScimClient } from '../client/scim-client.ts'
import { needsGeneratedValues, resolveTypes, schemaResources } from '../entra/attribute-types.ts'
import type { Profile } from '../entra/profile.ts'

/**
 * The profile with the type of every mapped attribute resolved. Reads the server's /Schemas (recorded as a probe)
 * only when the profile maps an attribute whose value must be built; throws a UsageError for one it cannot build.
 */
export async function resolveProfile(client: ScimClient, profile: Profile): Promise<Profile> {
  if (!needsGeneratedValues(profile)) return { ...profile, types: resolveTypes(profile) }
  const ex = await client.fork({ sink: undefined, role: 'probe' }).get('/Schemas')
  const described = ex.response?.status === 200 ? schemaResources(ex.response.body) : []
  return { ...profile, types: resolveTypes(profile, described) }
}
