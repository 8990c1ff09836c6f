// What the server did with a request, in the terms a cause is grouped by: the answer class and the request's shape
// with ids elided, so the same refusal met by five flows reads as one request.
import type { Exchange } from '../model/exchange.ts'
import type { AnswerClass, Observed } from '../model/result.ts'
import { isServerError } from './expect-scim.ts'

export function answerClass(ex: Exchange): AnswerClass {
  if (!ex.response) return 'no-answer'
  if (isServerError(ex)) return 'server-error'
  return ex.response.status >= 400 ? 'refused' : 'accepted'
}

const ID_SEGMENT = /^(Users|Groups)\/[^/?]+/

/** `PATCH /Users/{id} with op "Replace"`, `GET /Users?filter=userName eq …`, `POST /Groups`: the request without its ids and values. */
export function requestShape(ex: Exchange): string {
  let path = ex.request.url
  let query = ''
  try {
    const u = new URL(ex.request.url)
    path = u.pathname
    const filter = u.searchParams.get('filter')
    if (filter) query = `?filter=${filter.replace(/"[^"]*"/g, '…')}`
  } catch {
    // not a URL: keep it as recorded
  }
  const tail = path.replace(/^.*?\/(Users|Groups|ServiceProviderConfig|Schemas|ResourceTypes)\b/, '$1')
  const shaped = `/${tail.replace(ID_SEGMENT, '$1/{id}')}${query}`
  const ops = patchOps(ex)
  return `${ex.request.method} ${shaped}${ops.length ? ` with op ${ops.map((o) => `"${o}"`).join(', ')}` : ''}`
}

/** The distinct op names of a PATCH body, as sent (letter case kept: "Replace" and "replace" are different defects). */
function patchOps(ex: Exchange): string[] {
  const ops = (ex.request.body as { Operations?: unknown } | undefined)?.Operations
  if (!Array.isArray(ops)) return []
  return [...new Set(ops.map((o) => String((o as { op?: unknown } | null)?.op)))]
}

/** The error text the server gave (SCIM Error detail, or the start of a non-JSON body). */
export function errorDetail(ex: Exchange): string | undefined {
  if (!ex.response) return ex.error
  const body = ex.response.body as { detail?: unknown } | undefined
  if (body && typeof body === 'object' && typeof body.detail === 'string') return body.detail.slice(0, 200)
  return ex.response.rawText?.slice(0, 120)
}

export function observe(ex: Exchange): Observed {
  const answer = answerClass(ex)
  const outcome = ex.response ? `${ex.response.status}` : 'no answer'
  return {
    answer,
    exchange: ex.seq,
    request: `${requestShape(ex)} → ${outcome}`,
    ...(ex.response ? { status: ex.response.status } : {}),
  }
}
