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
}
