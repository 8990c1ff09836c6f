// Defence in depth for secrets: the client redacts before recording, and every renderer redacts again here.
import type { Exchange, RecordedRequest, RecordedResponse } from '../model/exchange.ts'
import { REDACTED } from '../client/redact.ts'

const AUTH_HEADER = /^(authorization|proxy-authorization)$/i
const OPAQUE_HEADER = /^(cookie|set-cookie|x-api-key|api-key)$/i
const SECRET_KEY = /^(client_secret|client_assertion|access_token|refresh_token|id_token|password|secret|token)$/i
const SECRET_PAIR = /\b(client_secret|client_assertion|access_token|refresh_token|id_token|password)=([^&\s"]*)/gi
// Credentials are long and carry digits or symbols; this spares prose such as a group named "Basic Licensing".
const BEARER = /\b(Bearer|Basic)\s+(?!\[redacted\])(?=[A-Za-z0-9._~+/=-]*[0-9._~+/=-])[A-Za-z0-9._~+/=-]{16,}/g

/** Keeps the auth scheme ("Bearer") so a report still shows which scheme was used, never the credential. */
export function redactHeaders(headers: Record<string, string>): Record<string, string> {
  const out: Record<string, string> = {}
  for (const [name, value] of Object.entries(headers)) {
    if (AUTH_HEADER.test(name)) {
      const scheme = /^(\S+)\s/.exec(String(value))?.[1]
      out[name] = scheme ? `${scheme} ${REDACTED}` : REDACTED
    } else if (OPAQUE_HEADER.test(name)) {
      out[name] = REDACTED
    } else {
      out[name] = String(value)
    }
  }
  return out
}

// What each pattern cannot match without: a report holds tens of thousands of strings, nearly all of them without any.
const MAY_HOLD_TEXT = /=|Bearer|Basic/
const MAY_HOLD_BODY =
  /=|Bearer|Basic|"(client_secret|client_assertion|access_token|refresh_token|id_token|password|secret|token)":/i

/** Redacts credentials inside free text: form-encoded token requests and echoed Authorization values. */
export function redactText(text: string): string {
  if (!MAY_HOLD_TEXT.test(text)) return text
  return text.replace(SECRET_PAIR, `$1=${REDACTED}`).replace(BEARER, `$1 ${REDACTED}`)
}

/**
 * A JSON body with secret-named properties and secret-looking strings redacted: a copy where there is one, else the
 * body itself (its JSON shows there is nothing to redact, for a fraction of the cost of walking it).
 */
export function redactBody(body: unknown): unknown {
  if (body && typeof body === 'object' && !MAY_HOLD_BODY.test(jsonOrEmpty(body))) return body
  return redactParts(body)
}

/** The JSON of a value a check recorded; a value JSON cannot hold (a cycle) reads as "=", which walks it instead. */
function jsonOrEmpty(value: object): string {
  try {
    return JSON.stringify(value)
  } catch {
    return '='
  }
}

function redactParts(body: unknown): unknown {
  if (typeof body === 'string') return redactText(body)
  if (Array.isArray(body)) return body.map(redactParts)
  if (body && typeof body === 'object') {
    const out: Record<string, unknown> = {}
    for (const [k, v] of Object.entries(body)) {
      out[k] = SECRET_KEY.test(k) && v !== null && v !== undefined ? REDACTED : redactParts(v)
    }
    return out
  }
  return body
}

function request(r: RecordedRequest): RecordedRequest {
  const out: RecordedRequest = { method: r.method, url: redactText(r.url), headers: redactHeaders(r.headers) }
  if (r.body !== undefined) out.body = redactBody(r.body)
  return out
}

function response(r: RecordedResponse): RecordedResponse {
  const out: RecordedResponse = { status: r.status, statusText: r.statusText, headers: redactHeaders(r.headers) }
  if (r.body !== undefined) out.body = redactBody(r.body)
  if (r.rawText !== undefined) out.rawText = redactText(r.rawText)
  return out
}

/** A serialisable copy of an exchange: secrets redacted, the typed `data` view dropped. */
export function sanitizeExchange(ex: Exchange): Exchange {
  const out: Exchange = {
    seq: ex.seq,
    startedAt: ex.startedAt,
    durationMs: ex.durationMs,
    request: request(ex.request),
  }
  if (ex.response) out.response = response(ex.response)
  if (ex.error !== undefined) out.error = redactText(ex.error)
  if (ex.retries !== undefined) out.retries = ex.retries
  if (ex.retried) out.retried = true
  if (ex.role !== undefined) out.role = ex.role
  return out
}
