// Request and response values the routes work with, so faults can rewrite answers as plain data.

export const SCIM_JSON = 'application/scim+json; charset=utf-8'
const ERROR_URN = 'urn:ietf:params:scim:api:messages:2.0:Error'

export interface ServerRequest {
  method: string
  /** Path below the SCIM base path, e.g. `/Users/123` (no query string). */
  path: string
  query: URLSearchParams
  headers: Record<string, string | undefined>
  /** Parsed JSON body; undefined when there was none. */
  body: unknown
}

export interface ServerResponse {
  status: number
  headers?: Record<string, string>
  /** An object is sent as SCIM JSON; a string as is (with its own content type header). */
  body?: unknown
}

export const json = (status: number, body: unknown, headers: Record<string, string> = {}): ServerResponse => ({
  status,
  body,
  headers,
})

export type ScimType =
  | 'invalidFilter'
  | 'tooMany'
  | 'uniqueness'
  | 'mutability'
  | 'invalidSyntax'
  | 'invalidPath'
  | 'noTarget'
  | 'invalidValue'
  | 'invalidVers'
  | 'sensitive'

/** RFC 7644 §3.12 error body; `status` is a string there. */
export function scimError(
  status: number,
  detail: string,
  scimType?: ScimType,
  headers?: Record<string, string>,
): ServerResponse {
  return {
    status,
    headers,
    body: { schemas: [ERROR_URN], status: String(status), ...(scimType ? { scimType } : {}), detail },
  }
}

export class HttpError extends Error {
  constructor(readonly response: ServerResponse) {
    super(String((response.body as { detail?: string } | undefined)?.detail ?? response.status))
  }
}

export function fail(status: number, detail: string, scimType?: ScimType): never {
  throw new HttpError(scimError(status, detail, scimType))
}
