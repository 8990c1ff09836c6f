// The profile resolved against the target: the one request (GET /Schemas) that the pure resolution in
// helpers/entra/attribute-types.ts needs from the server.
import type { ScimClient } from '../client/scim-client.ts'
import { schemaResources, typedProfile } from '../entra/attribute-types.ts'
import type { Profile } from '../entra/profile.ts'

/**
 * The profile with the type and the server's allowed values of every mapped attribute resolved. Reads the server's
 * /Schemas on every run (an unrecorded probe): canonicalValues can apply to attributes whose values come from the
 * person, not only to generated ones. Throws a UsageError for an attribute whose value it cannot build.
 */
export async function resolveProfile(client: ScimClient, profile: Profile): Promise<Profile> {
  const ex = await client.fork({ sink: undefined, role: 'probe' }).get('/Schemas')
  const described = ex.response?.status === 200 ? schemaResources(ex.response.body) : []
  return typedProfile(profile, described)
}
