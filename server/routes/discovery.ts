// /ServiceProviderConfig, /Schemas, /ResourceTypes (RFC 7644 §4): read-only.
import { resourceTypes, schemas, serviceProviderConfig } from '../discovery.ts'
import { fail, json, type ServerRequest, type ServerResponse } from '../http.ts'

const LIST_RESPONSE = 'urn:ietf:params:scim:api:messages:2.0:ListResponse'

export function discoveryRoute(
  req: ServerRequest,
  endpoint: string,
  id: string | undefined,
  base: string,
): ServerResponse {
  if (req.method !== 'GET') fail(405, `${endpoint} is read-only`)
  if (endpoint === 'ServiceProviderConfig') return json(200, serviceProviderConfig(base))
  const all = endpoint === 'Schemas' ? schemas(base) : resourceTypes(base)
  if (id !== undefined) {
    const one = all.find((r) => r.id === id)
    if (!one) fail(404, `${endpoint}/${id} not found`)
    return json(200, one)
  }
  return json(200, {
    schemas: [LIST_RESPONSE],
    totalResults: all.length,
    startIndex: 1,
    itemsPerPage: all.length,
    Resources: all,
  })
}
