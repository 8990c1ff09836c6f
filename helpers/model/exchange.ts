// One HTTP request and what came back, as recorded by the SCIM client. Tokens are redacted before recording.

export interface RecordedRequest {
  method: string
  url: string
  /** The header lines that went out on the socket, in their order and spelling (Host, Content-Length, …), credentials redacted. */
  headers: Record<string, string>
  body?: unknown
}

export interface RecordedResponse {
  status: number
  statusText: string
  headers: Record<string, string>
  /** Parsed JSON when the body is JSON, else the raw text (cut at the body limit). */
  body?: unknown
  /** The raw body text, kept only when it is not valid JSON (so reports can show it). */
  rawText?: string
}

/**
 * Why a request that is no check's evidence was sent: `token` (OAuth client credentials), `probe` (reachability and
 * credential probes before the suite), `setup` (bulk data a flow needs, e.g. the large group's member accounts),
 * `cleanup` (deleting what the run created). Absent on the flows' own requests.
 */
export type ExchangeRole = 'token' | 'probe' | 'setup' | 'cleanup'

export interface Exchange<T = unknown> {
  /** Sequence number within the run: lets reports order and link exchanges. */
  seq: number
  startedAt: string
  durationMs: number
  request: RecordedRequest
  /** Absent when no HTTP answer came (timeout, refused, reset, TLS): see `error`. */
  response?: RecordedResponse
  /** Network-level failure in words, e.g. "timed out after 10000 ms", "connection reset". */
  error?: string
  /** Set when the client retried this request (429/5xx with --retries). */
  retries?: number
  /** This attempt was answered 429/5xx and sent again: the next exchange of the same request is the retry. */
  retried?: true
  role?: ExchangeRole
  /** Typed view of response.body for checks; not serialised separately. */
  readonly data?: T
  /** Who sent it (the flow instance whose client it was), for the runner to ask which check cites it; not serialised. */
  readonly sender?: object
}

/** A 5xx but 501: the server failed. 501 Not Implemented is the server's deliberate answer ("I do not do this"), a
 * refusal like a 4xx, so it is never counted as a server error anywhere (the run-wide cause, notices, retries). */
export const isServerErrorStatus = (status: number): boolean => status >= 500 && status !== 501

/** The request was stopped by this run itself (Ctrl-C, --max-time, a fork that was never sent): nobody's fault. */
export const stoppedByRun = (ex: Pick<Exchange, 'error'>): boolean => /^not (sent|completed)/.test(ex.error ?? '')

/** A server error (see isServerErrorStatus), or no HTTP answer at all: the server failed, not the feature. */
export function isServerError(ex: Pick<Exchange, 'response' | 'error'>): boolean {
  if (!ex.response) return !stoppedByRun(ex)
  return isServerErrorStatus(ex.response.status)
}

export interface RequestLineOptions {
  /** 'path' (default): path and query, as a check message shows it; 'full': the whole URL, as a report shows it. */
  url?: 'path' | 'full'
  /** Decode the query (%22 → ") for a reader; default false, so the line is what went out. */
  decode?: boolean
  /** Add "→ 404 Not Found" or "→ no answer: timed out"; default true. */
  answer?: boolean
}

/** The one way every message and report names a request: "GET /scim/v2/Users?filter=… → 404 Not Found", or
 * "→ no answer: timed out" when nothing came back. Credentials never appear in it (headers are not shown). */
export function requestLine(
  ex: Pick<Exchange, 'request' | 'response' | 'error'>,
  options: RequestLineOptions = {},
): string {
  let target = ex.request.url
  if (options.url !== 'full') {
    try {
      const u = new URL(ex.request.url)
      target = u.pathname + u.search
    } catch {
      // keep it as recorded
    }
  }
  if (options.decode) {
    try {
      target = decodeURIComponent(target)
    } catch {
      // a malformed escape stays as sent
    }
  }
  const line = `${ex.request.method} ${target}`
  if (options.answer === false) return line
  return `${line} → ${answerLine(ex)}`
}

/** What came back, as requestLine ends: "404 Not Found", or "no answer: timed out" when nothing came back. */
export function answerLine(ex: Pick<Exchange, 'response' | 'error'>): string {
  return ex.response
    ? `${ex.response.status}${ex.response.statusText ? ` ${ex.response.statusText}` : ''}`
    : `no answer: ${ex.error ?? 'unknown error'}`
}
