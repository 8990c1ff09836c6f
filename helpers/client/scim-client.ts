// The recording SCIM client: speaks like Entra's provisioning service (captures: MicrosoftDocs/azure-docs#94189, #12728), never throws
// on an HTTP status, and records every exchange with the token redacted so a failed check can show it.
import { readFileSync } from 'node:fs'
import https from 'node:https'
import http from 'node:http'
import type { AxiosInstance, AxiosRequestConfig, AxiosResponse } from 'axios'
import { axios } from './axios.ts'
import { ReadOnlyViolation } from '../model/errors.ts'
import { isServerError, isServerErrorStatus, type Exchange, type ExchangeRole } from '../model/exchange.ts'
import { proxyAuthorization, proxyFor, TunnelAgent, type ProxyConfig } from './proxy.ts'
import { redact } from './redact.ts'

export const SCIM_CONTENT_TYPE = 'application/scim+json; charset=utf-8'

export type Method = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE'

export interface RequestOptions {
  /** Query parameters in the order Entra sends them; encoded as Entra encodes them (space as +, quote as %22). */
  query?: [string, string][]
  body?: unknown
  /** 'none' sends no Authorization header; a string sends that bearer token instead of the configured one. */
  auth?: 'none' | { bearer: string }
  headers?: Record<string, string>
  /** The caller records the exchange itself (through `emit`), after redacting what only it knows (an issued token). */
  callerRecords?: boolean
}

/** Receives every finished exchange (the run's recorder, or a sampler in load mode). */
export type ExchangeSink = (exchange: Exchange) => void

/** How requests go over the wire: the client's own settings (the configuration fills them; the client reads no configuration). */
export interface TransportOptions {
  timeoutMs: number
  retries: number
  insecure: boolean
  caFile?: string
  /** Largest response body read before the request fails (bytes). */
  maxBodyBytes: number
  proxy?: ProxyConfig
}

export interface ClientOptions extends TransportOptions {
  baseUrl: string
  /** Returns the bearer token for the next request (a fixed token, or one from the OAuth token endpoint). */
  token: () => Promise<string | undefined>
  /** Strings that must never reach a record: tokens, client secrets. */
  secrets: () => string[]
  readOnly?: boolean
  sink?: ExchangeSink
  /** Marks every exchange of this client as traffic that is no check's evidence (token, probe, setup, cleanup). */
  role?: ExchangeRole
  /** Aborts every in-flight and later request (Ctrl-C, --max-time). */
  signal?: AbortSignal
  /** Put on every exchange this client sends, as `sender` (the flow instance that owns the client). */
  sender?: object
}

/** Encodes one query value as Entra does: `filter=userName+eq+%22…%22`. */
export function encodeQueryValue(value: string): string {
  return encodeURIComponent(value).replace(/%20/g, '+')
}

export function buildQuery(query: [string, string][] = []): string {
  if (query.length === 0) return ''
  return '?' + query.map(([k, v]) => `${encodeURIComponent(k)}=${encodeQueryValue(v)}`).join('&')
}

let nextSeq = 1

/** Longest wait a Retry-After may ask for; a longer one is reported instead of waited for. */
export const RETRY_AFTER_LIMIT_MS = 30_000

/** Connections shared by a client and its forks, and the per-URL choice of proxy. */
interface Transport {
  http: AxiosInstance
  route(url: string): AxiosRequestConfig
  /** Listeners that get every exchange any client on this transport puts on the wire (see ScimClient.tap). */
  taps: Set<ExchangeSink>
  gate: Gate
}

/** Lets one task send requests alone: while it runs, every other request on the transport waits to be sent. */
class Gate {
  private inFlight = 0
  private drained?: () => void
  private held?: Promise<void>
  /** Before a request goes out (a request of the task running alone passes). */
  async enter(alone: boolean): Promise<void> {
    while (this.held && !alone) await this.held
    this.inFlight++
  }
  leave(): void {
    this.inFlight--
    if (this.inFlight === 0) this.drained?.()
  }
  async alone<T>(task: () => Promise<T>): Promise<T> {
    while (this.held) await this.held
    let release!: () => void
    this.held = new Promise((r) => {
      release = r
    })
    try {
      if (this.inFlight > 0)
        await new Promise<void>((r) => {
          this.drained = r
        })
      this.drained = undefined
      return await task()
    } finally {
      this.held = undefined
      release()
    }
  }
}

function createTransport(options: ClientOptions): Transport {
  const ca = options.caFile ? readFileSync(options.caFile) : undefined
  // axios sets keep-alive probes of 60 s on each request's socket and Node's agent sets its own keepAliveMsecs when the
  // socket is pooled again: the same value spares two setsockopt calls per request.
  const pooled = { keepAlive: true, keepAliveMsecs: 60_000, maxSockets: 64 }
  const tlsOptions = { ...pooled, ca, rejectUnauthorized: !options.insecure }
  const tunnels = new Map<string, TunnelAgent>()
  const instance = axios.create({
    validateStatus: () => true,
    responseType: 'text',
    transformResponse: (data: unknown) => data,
    // Entra does not follow redirects; neither do we (and so Authorization never reaches another origin).
    maxRedirects: 0,
    maxContentLength: options.maxBodyBytes,
    maxBodyLength: Infinity,
    decompress: true,
    httpAgent: new http.Agent(pooled),
    httpsAgent: new https.Agent(tlsOptions),
    // Proxies come from config.ts only; axios's own env proxying sends https requests to the proxy unencrypted.
    proxy: false,
  })
  const route = (url: string): AxiosRequestConfig => {
    const proxy = proxyFor(url, options.proxy)
    if (!proxy) return {}
    if (url.startsWith('https:')) {
      let agent = tunnels.get(proxy.href)
      if (!agent) tunnels.set(proxy.href, (agent = new TunnelAgent(proxy, tlsOptions)))
      return { httpsAgent: agent }
    }
    const auth = proxyAuthorization(proxy)
    return {
      proxy: { protocol: 'http', host: proxy.hostname, port: Number(proxy.port || 80) },
      ...(auth ? { headers: { 'Proxy-Authorization': auth } } : {}),
    }
  }
  return { http: instance, route, taps: new Set(), gate: new Gate() }
}

export class ScimClient {
  private readonly transport: Transport
  constructor(
    readonly options: ClientOptions,
    shared?: Transport,
  ) {
    this.transport = shared ?? createTransport(options)
  }

  /** A client on the same connections with another sink or abort signal (one per flow; cleanup without the abort). */
  fork(overrides: Partial<Pick<ClientOptions, 'sink' | 'signal' | 'readOnly' | 'role' | 'sender'>>): ScimClient {
    const forked = new ScimClient({ ...this.options, ...overrides }, this.transport)
    forked.isAlone = this.isAlone
    return forked
  }

  /** Set on the client `alone()` hands its task: its requests pass the gate. */
  private isAlone = false

  /**
   * Runs `task` with nothing else in flight on this transport: it waits for the requests already sent, holds every other
   * client's new requests until it ends, and sends its own with the client it is given (a re-send that must be alone).
   */
  alone<T>(task: (client: ScimClient) => Promise<T>): Promise<T> {
    const solo = new ScimClient(this.options, this.transport)
    solo.isAlone = true
    return this.transport.gate.alone(() => task(solo))
  }

  /**
   * Calls `listener` with every exchange this client and every fork of it sends from now on, whatever their sink:
   * the run's record of the wire (the HAR). Returns the function that stops it.
   */
  tap(listener: ExchangeSink): () => void {
    this.transport.taps.add(listener)
    return () => this.transport.taps.delete(listener)
  }

  /** Hands a finished exchange to this client's sink and to every tap (for requests sent with `callerRecords`). */
  emit(exchange: Exchange): void {
    this.options.sink?.(exchange)
    for (const tap of this.transport.taps) tap(exchange)
  }

  /**
   * A fork that records only what went wrong on the server (5xx but 501, or no answer): setup traffic too bulky for a
   * report (a thousand member accounts) still shows its server errors, which the run judges as one cause.
   */
  quiet(): ScimClient {
    const sink = this.options.sink
    return this.fork({
      sink: (ex) => {
        if (isServerError(ex)) sink?.(ex)
      },
    })
  }

  get baseUrl(): string {
    return this.options.baseUrl
  }

  /** Absolute URL for a resource path such as `/Users` (an absolute URL, e.g. the token endpoint, is kept); the base URL's own query string is not carried over. */
  url(path: string, query?: [string, string][]): string {
    if (/^https?:\/\//i.test(path)) return `${path}${buildQuery(query)}`
    const base = new URL(this.options.baseUrl)
    const prefix = base.pathname.replace(/\/+$/, '')
    return `${base.origin}${prefix}${path}${buildQuery(query)}`
  }

  get<T = unknown>(path: string, opts: Omit<RequestOptions, 'body'> = {}): Promise<Exchange<T>> {
    return this.request<T>('GET', path, opts)
  }
  post<T = unknown>(path: string, body: unknown, opts: RequestOptions = {}): Promise<Exchange<T>> {
    return this.request<T>('POST', path, { ...opts, body })
  }
  patch<T = unknown>(path: string, body: unknown, opts: RequestOptions = {}): Promise<Exchange<T>> {
    return this.request<T>('PATCH', path, { ...opts, body })
  }
  put<T = unknown>(path: string, body: unknown, opts: RequestOptions = {}): Promise<Exchange<T>> {
    return this.request<T>('PUT', path, { ...opts, body })
  }
  delete<T = unknown>(path: string, opts: RequestOptions = {}): Promise<Exchange<T>> {
    return this.request<T>('DELETE', path, opts)
  }

  /** Never throws on an HTTP status or a network failure: both are recorded in the returned exchange. */
  async request<T = unknown>(method: Method, path: string, opts: RequestOptions = {}): Promise<Exchange<T>> {
    if (this.options.readOnly && method !== 'GET') {
      throw new ReadOnlyViolation(
        `read-only mode: the suite tried to send ${method} ${path}; this is a bug in scim-preflight`,
      )
    }
    const url = this.url(path, opts.query)
    // Entra sends no Accept and no User-Agent (captures: MicrosoftDocs/azure-docs#94189, kortix-ai/suna#7297); null removes axios's defaults.
    const headers: Record<string, string | null> = { Accept: null, 'User-Agent': null, ...opts.headers }
    if (opts.auth !== 'none') {
      const token = opts.auth ? opts.auth.bearer : await this.options.token()
      if (token !== undefined) headers.Authorization = `Bearer ${token}`
    }
    let data: string | undefined
    if (opts.body !== undefined) {
      data = typeof opts.body === 'string' ? opts.body : JSON.stringify(opts.body)
      headers['Content-Type'] ??= SCIM_CONTENT_TYPE
    }
    const startedAt = new Date()
    const emit = !opts.callerRecords
    if (this.options.signal?.aborted) {
      // A stopped run sends nothing new; it only cleans up (with a client that has no signal).
      return this.record<T>({
        method,
        url,
        headers,
        body: opts.body,
        data,
        startedAt,
        durationMs: 0,
        error: `not sent: ${stopReason(this.options.signal)}`,
        attempt: 0,
        emit,
      })
    }
    return this.send<T>(method, url, headers, data, opts, startedAt, emit)
  }

  /** One attempt through the gate: alone (nothing else in flight) when asked, unless this client already runs alone. */
  private async viaGate<R>(alone: boolean, attempt: () => Promise<R>): Promise<R> {
    if (alone && !this.isAlone) return this.transport.gate.alone(attempt)
    await this.transport.gate.enter(this.isAlone)
    try {
      return await attempt()
    } finally {
      this.transport.gate.leave()
    }
  }

  private async send<T>(
    method: Method,
    url: string,
    headers: Record<string, string | null>,
    data: string | undefined,
    opts: RequestOptions,
    startedAt: Date,
    emit: boolean,
  ): Promise<Exchange<T>> {
    let attempt = 0
    // Set after a lock-style 5xx: the next attempt goes alone.
    let alone = false
    for (;;) {
      const attemptAt = new Date()
      const started = performance.now()
      let response: AxiosResponse<string> | undefined
      let error: string | undefined
      // What went out on the socket: the header block Node wrote, read below axios from its ClientRequest.
      let wire: unknown
      // One controller per attempt, aborted by the timer or the run's stop: cheaper than AbortSignal.timeout and
      // AbortSignal.any per request, which pile up on the run's one signal over a few hundred requests.
      const controller = new AbortController()
      let timedOut = false
      const timer = setTimeout(() => {
        timedOut = true
        controller.abort(new DOMException('The operation timed out.', 'TimeoutError'))
      }, this.options.timeoutMs)
      timer.unref?.()
      // A POST once sent is allowed to finish (within --timeout): aborting it could leave a user the run never
      // learns the id of, so could not delete.
      const run = method !== 'POST' ? this.options.signal : undefined
      const stop = () => controller.abort(run?.reason)
      if (run?.aborted) stop()
      else run?.addEventListener('abort', stop, { once: true })
      try {
        const route = this.transport.route(url)
        const sent = { ...headers, ...(route.headers as Record<string, string> | undefined) }
        response = await this.viaGate(alone, () =>
          this.transport.http.request<string>({
            ...route,
            method,
            url,
            headers: sent,
            data,
            signal: controller.signal,
          }),
        )
        wire = response.request
      } catch (err) {
        wire = (err as { request?: unknown }).request
        // Which signal fired tells a slow server from a stopped run; axios reports both as "canceled".
        if (this.options.signal?.aborted && method !== 'POST')
          error = `not completed: ${stopReason(this.options.signal)}`
        else if (timedOut)
          error = `no complete answer within ${this.options.timeoutMs} ms (timed out; --timeout sets the limit)`
        else error = describeNetworkError(err, this.options)
      } finally {
        clearTimeout(timer)
        run?.removeEventListener('abort', stop)
      }
      const durationMs = Math.round((performance.now() - started) * 10) / 10
      // A database busy or locked under concurrent writes did not carry the request out: it is re-sent alone, whatever
      // its method, a few times (the run-wide server-error check still counts the attempt); any other 5xx is not.
      const lock: boolean =
        response !== undefined && isLockAnswer(response.status, response.data) && attempt < LOCK_RESENDS
      alone = lock
      const retryAfterMs = lock ? 100 * (attempt + 1) : retryDelay(method, response, attempt, this.options.retries)
      if (retryAfterMs !== undefined && !this.options.signal?.aborted) {
        // The attempt that is sent again was on the wire too: the record (HAR) has it, no check cites it.
        if (emit)
          this.record<T>({
            method,
            url,
            headers,
            body: opts.body,
            data,
            startedAt: attemptAt,
            durationMs,
            response,
            error,
            attempt,
            wire,
            retried: true,
            emit,
          })
        attempt++
        await sleep(retryAfterMs, this.options.signal)
        continue
      }
      const exchange = this.record<T>({
        method,
        url,
        headers,
        body: opts.body,
        data,
        startedAt,
        durationMs,
        response,
        error,
        attempt,
        wire,
        emit,
      })
      return exchange
    }
  }

  private record<T>(r: {
    method: string
    url: string
    headers: Record<string, string | null>
    body: unknown
    /** The body's text as sent (JSON unless the caller gave a string). */
    data: string | undefined
    startedAt: Date
    durationMs: number
    response?: AxiosResponse<string>
    error?: string
    attempt: number
    wire?: unknown
    retried?: boolean
    emit: boolean
  }): Exchange<T> {
    const secrets = this.options.secrets()
    const requestHeaders: Record<string, string> = {}
    const given = Object.entries(r.headers).filter((e): e is [string, string] => e[1] !== null)
    for (const [k, v] of sentHeaders(r.wire) ?? given) {
      requestHeaders[k] = /^(proxy-)?authorization$/i.test(k) ? v.replace(/^(\S+)\s.*$/, '$1 [redacted]') : v
    }
    let parsed: unknown
    let rawText: string | undefined
    if (r.response) {
      const text = r.response.data ?? ''
      if (text.length > 0) {
        try {
          parsed = JSON.parse(text)
        } catch {
          rawText = text.length > 20_000 ? `${text.slice(0, 20_000)}… (${text.length} characters)` : text
        }
      }
    }
    const exchange: Exchange<T> = redact(
      {
        seq: nextSeq++,
        startedAt: r.startedAt.toISOString(),
        durationMs: r.durationMs,
        request: {
          method: r.method,
          url: r.url,
          headers: requestHeaders,
          // What went on the wire, read back: a fresh value, which the flow that sent the body can no longer change.
          ...(r.body !== undefined
            ? { body: r.data !== undefined && typeof r.body !== 'string' ? JSON.parse(r.data) : r.body }
            : {}),
        },
        ...(r.response
          ? {
              response: {
                status: r.response.status,
                statusText: r.response.statusText,
                headers: flattenHeaders(r.response.headers),
                ...(parsed !== undefined ? { body: parsed } : {}),
                ...(rawText !== undefined ? { rawText } : {}),
              },
            }
          : {}),
        ...(r.error ? { error: r.error } : {}),
        ...(r.attempt > 0 && !r.retried ? { retries: r.attempt } : {}),
        ...(r.retried ? { retried: true as const } : {}),
        ...(this.options.role ? { role: this.options.role } : {}),
      },
      secrets,
    )
    Object.defineProperty(exchange, 'data', { value: exchange.response?.body as T, enumerable: false })
    Object.defineProperty(exchange, 'sender', { value: this.options.sender, enumerable: false })
    if (r.retried) for (const tap of this.transport.taps) tap(exchange)
    else if (r.emit) this.emit(exchange)
    return exchange
  }
}

/**
 * The header lines Node wrote for a request (`ClientRequest._header`: request line, then `Name: value` lines), in
 * their order and spelling; repeated names are joined with ", ". Undefined when nothing was written (not sent).
 */
export function sentHeaders(request: unknown): [string, string][] | undefined {
  const raw = (request as { _header?: unknown } | undefined)?._header
  if (typeof raw !== 'string' || raw === '') return undefined
  const out = new Map<string, [string, string]>()
  for (const line of raw.split('\r\n').slice(1)) {
    const colon = line.indexOf(':')
    if (colon <= 0) continue
    const name = line.slice(0, colon)
    const value = line.slice(colon + 1).trim()
    const seen = out.get(name.toLowerCase())
    out.set(name.toLowerCase(), seen ? [seen[0], `${seen[1]}, ${value}`] : [name, value])
  }
  return [...out.values()]
}

/** A GET or DELETE that got a 5xx is re-sent this many times even without --retries: one 5xx of a busy server must not
 * decide a check (Entra itself retries a failed object in a later cycle). 501 is an answer, not an accident. */
export const IDEMPOTENT_RESENDS = 1

/** Re-sends, each alone, of a request whose answer said the database was locked or busy. */
export const LOCK_RESENDS = 4

/** A server error (isServerErrorStatus) saying the database was locked or busy (or a 503): an error of load, not of
 * the request. */
export function isLockAnswer(status: number, text: unknown): boolean {
  if (status === 503) return true
  if (!isServerErrorStatus(status)) return false
  const body = typeof text === 'string' ? text : JSON.stringify(text ?? '')
  return /\b(database is locked|deadlock|lock wait|locked|busy|serializ(e|ation) failure|too many connections)\b/i.test(
    body,
  )
}

/** How long to wait before retrying, or undefined for no retry. Only idempotent requests are retried (--retries). */
export function retryDelay(
  method: Method,
  response: AxiosResponse<string> | undefined,
  attempt: number,
  retries: number,
): number | undefined {
  if (!response) return undefined
  if (method === 'POST' || method === 'PATCH') return undefined
  const serverError = isServerErrorStatus(response.status)
  if (
    attempt >=
    (serverError && (method === 'GET' || method === 'DELETE') ? Math.max(retries, IDEMPOTENT_RESENDS) : retries)
  )
    return undefined
  if (response.status === 429) {
    const asked = parseRetryAfter(response.headers['retry-after'])
    if (asked === undefined) return 1000 * 2 ** attempt
    return asked <= RETRY_AFTER_LIMIT_MS ? asked : undefined
  }
  if (serverError) return 250 * 2 ** attempt
  return undefined
}

/** Retry-After as milliseconds: delta-seconds or an HTTP-date (RFC 9110 §10.2.3); undefined when absent or unreadable. */
export function parseRetryAfter(value: unknown, now = Date.now()): number | undefined {
  if (typeof value !== 'string' || value.trim() === '') return undefined
  if (/^\d+$/.test(value.trim())) return Number(value.trim()) * 1000
  const at = Date.parse(value)
  return Number.isNaN(at) ? undefined : Math.max(0, at - now)
}

function stopReason(signal: AbortSignal): string {
  const reason: unknown = signal.reason
  if (reason instanceof Error && reason.name !== 'AbortError') return reason.message
  return typeof reason === 'string' ? reason : 'the run was stopped'
}

function flattenHeaders(headers: AxiosResponse['headers']): Record<string, string> {
  const out: Record<string, string> = {}
  for (const [k, v] of Object.entries(headers)) {
    if (v === undefined || v === null) continue
    out[k.toLowerCase()] = Array.isArray(v) ? v.join(', ') : String(v)
  }
  return out
}

function sleep(ms: number, signal?: AbortSignal): Promise<void> {
  // The listener goes when the wait ends: a run re-sends many requests on one signal.
  return new Promise((resolve) => {
    const done = (): void => {
      clearTimeout(t)
      signal?.removeEventListener('abort', done)
      resolve()
    }
    const t = setTimeout(done, ms)
    signal?.addEventListener('abort', done, { once: true })
  })
}

/** Network failures in the words an engineer searches for: DNS, refused, reset, TLS, timeout, body too large. */
export function describeNetworkError(err: unknown, opts: Pick<ClientOptions, 'timeoutMs' | 'maxBodyBytes'>): string {
  const e = err as { code?: string; message?: string; name?: string; cause?: { code?: string; name?: string } }
  const code = e.code ?? e.cause?.code ?? ''
  const msg = e.message ?? String(err)
  if (code === 'ECONNABORTED' || code === 'ETIMEDOUT' || /timeout/i.test(msg))
    return `no complete answer within ${opts.timeoutMs} ms (timed out)`
  if (code === 'EPROXY') return `proxy: ${msg}`
  if (code === 'ENOTFOUND' || code === 'EAI_AGAIN') return `DNS: the host name does not resolve (${code})`
  if (code === 'ECONNREFUSED') return 'connection refused: nothing listens at that address and port'
  if (code === 'ECONNRESET' || /socket hang up/i.test(msg))
    return 'connection reset by the server before the answer was complete'
  // axios's words when the socket closes after the headers: the body was cut off.
  if (/stream has been aborted|aborted/i.test(msg))
    return 'connection closed by the server in the middle of the body (reset or cut off)'
  if (code === 'ERR_BAD_RESPONSE' && /maxContentLength/i.test(msg))
    return `response body larger than ${opts.maxBodyBytes} bytes: stopped reading`
  if (/maxContentLength/i.test(msg)) return `response body larger than ${opts.maxBodyBytes} bytes: stopped reading`
  // An https:// URL for a server that speaks plain HTTP: OpenSSL reads the HTTP answer as a broken TLS record.
  if (/wrong version number|packet length too long|http request/i.test(msg)) {
    return 'TLS: the server answered the TLS handshake in plain HTTP (the URL says https://, the server speaks http:// on that port; Entra connects only over HTTPS)'
  }
  if (/CERT|SSL|TLS|self[- ]signed|certificate/i.test(code + ' ' + msg))
    return `TLS: ${openSslReason(msg)} (${code || 'certificate error'}); use --ca-file for a private CA`
  if (code === 'EPROTO' || code === 'HPE_INVALID_CONSTANT' || code.startsWith('HPE_'))
    return `HTTP protocol error: ${msg} (${code})`
  return `${msg}${code ? ` (${code})` : ''}`
}

/** OpenSSL's one readable phrase out of its error dump ("…:SSL routines:func:reason:file:line:"), on one line. */
function openSslReason(msg: string): string {
  const reason = /SSL routines:[^:]*:([^:]+):/.exec(msg)?.[1]
  return reason ?? msg.replace(/\s+/g, ' ').trim()
}
