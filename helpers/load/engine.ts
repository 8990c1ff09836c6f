// The open-loop sender: with --rate, request k goes out at start + k/R whether or not earlier answers came
// back (slow answers show as latency, not as a slower schedule), never more than --concurrency in flight.
// A 429 pauses all sending for Retry-After and retries the request, as Entra's support describes (§3.1).
import type { LoadStats, Sent } from './stats.ts'
import type { RequestKind } from '../model/load-result.ts'
import type { WirePool, WireResponse } from './wire.ts'

export interface Job {
  kind: RequestKind
  method: 'GET' | 'POST' | 'PATCH' | 'DELETE'
  /** SCIM path below the base URL, with its query string. */
  path: string
  body?: unknown
  /** Statuses Entra treats as success for this request. */
  expect: readonly number[]
  /** Runs on a success; returns the next request of the same object (the POST after its query). */
  then?: (res: WireResponse) => Job | undefined
  attempts?: number
}

export interface EngineOptions {
  pool: WirePool
  /** Path of the SCIM base URL on its origin, e.g. `/scim/v2`. */
  basePath: string
  origin: string
  /** The bearer token, or where to read the current one before each request (an OAuth token renewed meanwhile). */
  token?: string | (() => string | undefined)
  rate?: number
  concurrency: number
  stats: LoadStats
}

const SCIM_JSON = 'application/scim+json; charset=utf-8'
const MAX_429_RETRIES = 5
/** Longest Retry-After the tool waits; longer ones are cut and reported. */
export const RETRY_AFTER_CAP_MS = 120_000

/** Retry-After as delta-seconds or an HTTP-date (RFC 9110 §10.2.3), in milliseconds. */
export function retryAfterMs(value: string | undefined, now = Date.now()): number | undefined {
  if (value === undefined || value.trim() === '') return undefined
  if (/^\d+$/.test(value.trim())) return Number(value.trim()) * 1000
  const at = Date.parse(value)
  return Number.isNaN(at) ? undefined : Math.max(0, at - now)
}

function bearerHeaders(token: string | undefined): Record<string, string> {
  return token === undefined ? {} : { Authorization: `Bearer ${token}` }
}

export class Engine {
  private readonly interval: number
  private readonly lateMs: number
  private source: Iterator<Job> = [][Symbol.iterator]()
  private sourceDone = true
  private ready: Job[] = []
  private nextAt = 0
  private idle = true
  private blockedByConcurrency = false
  private pausedUntil = 0
  private consecutive429 = 0
  private timer: NodeJS.Timeout | undefined
  private timerAt = Infinity
  private pumping = false
  private drained: (() => void) | undefined
  private stopped = false
  private readonly fixedHeaders?: Record<string, string>
  inFlight = 0
  sent = 0

  constructor(private readonly o: EngineOptions) {
    this.interval = o.rate ? 1000 / o.rate : 0
    this.lateMs = Math.max(10, this.interval)
    if (typeof o.token !== 'function')
      this.fixedHeaders = o.token === undefined ? {} : { Authorization: `Bearer ${o.token}` }
  }

  /** Sends every job of `source` (and the follow-ups they return); resolves when all answered or stopped. */
  run(source: Iterable<Job>): Promise<void> {
    this.source = source[Symbol.iterator]()
    this.sourceDone = false
    this.ready = []
    this.stopped = false
    this.idle = true
    return new Promise<void>((resolve) => {
      this.drained = resolve
      this.pump()
    })
  }

  /** Stops sending; run() resolves once the requests in flight have answered. */
  stop(): void {
    this.stopped = true
    this.finishIfDrained()
  }

  private finishIfDrained(): void {
    if (this.inFlight > 0) return
    if (!this.stopped && (!this.sourceDone || this.ready.length > 0)) return
    const done = this.drained
    this.drained = undefined
    this.idle = true
    done?.()
  }

  private next(): Job | undefined {
    if (this.ready.length) return this.ready.shift()
    if (this.sourceDone) return undefined
    const r = this.source.next()
    if (r.done) {
      this.sourceDone = true
      return undefined
    }
    return r.value
  }

  private wakeAt(t: number): void {
    if (this.timer && this.timerAt <= t) return
    clearTimeout(this.timer)
    this.timerAt = t
    this.timer = setTimeout(
      () => {
        this.timer = undefined
        this.timerAt = Infinity
        this.pump()
      },
      Math.max(0, t - performance.now()),
    )
  }

  private pump(): void {
    if (this.pumping) return
    this.pumping = true
    try {
      while (!this.stopped) {
        const now = performance.now()
        if (this.pausedUntil > now) return this.wakeAt(this.pausedUntil)
        if (this.inFlight >= this.o.concurrency) {
          if (this.interval && !this.idle && this.nextAt <= now) this.blockedByConcurrency = true
          return
        }
        if (this.interval && !this.idle && this.nextAt > now) return this.wakeAt(this.nextAt)
        const job = this.next()
        if (!job) {
          this.idle = true
          return this.finishIfDrained()
        }
        if (this.interval) this.keepSchedule(now)
        this.send(job, now)
      }
      this.finishIfDrained()
    } finally {
      this.pumping = false
    }
  }

  /** Advances the schedule by one slot and counts the send as late when it missed its slot. */
  private keepSchedule(now: number): void {
    if (this.idle) {
      // Waiting for answers (a phase's last requests, a chain's next step) banks no sends for later.
      this.nextAt = Math.max(this.nextAt, now)
      this.idle = false
      this.blockedByConcurrency = false
    }
    const lag = now - this.nextAt
    if (lag > this.lateMs) {
      const s = this.o.stats.schedule
      s.late++
      if (this.blockedByConcurrency) s.lateByConcurrency++
      else s.lateByTool++
      if (lag > s.maxLagMs) s.maxLagMs = lag
    } else this.blockedByConcurrency = false
    this.nextAt += this.interval
  }

  private send(job: Job, now: number): void {
    if (now < this.pausedUntil) this.o.stats.throttle.sentDuringPause++
    const auth = this.fixedHeaders ?? bearerHeaders((this.o.token as () => string | undefined)())
    const headers = job.body === undefined ? auth : { ...auth, 'Content-Type': SCIM_JSON }
    const sent: Sent = {
      kind: job.kind,
      method: job.method,
      url: `${this.o.origin}${this.o.basePath}${job.path}`,
      headers,
      body: job.body === undefined ? undefined : JSON.stringify(job.body),
      at: now,
    }
    this.inFlight++
    this.sent++
    this.o.pool.request({ method: job.method, path: this.o.basePath + job.path, headers, body: sent.body }).then(
      (res) => this.answered(job, sent, res, undefined),
      (err: Error) => this.answered(job, sent, undefined, err.message),
    )
  }

  private answered(job: Job, sent: Sent, res: WireResponse | undefined, error: string | undefined): void {
    this.inFlight--
    const stats = this.o.stats
    if (res?.status === 429) {
      this.throttled(job, res)
      stats.record(sent, false, res, undefined)
    } else {
      if (res) this.consecutive429 = 0
      const ok = res !== undefined && job.expect.includes(res.status)
      stats.record(sent, ok, res, error)
      // Bookkeeping (a created id) runs even after stop, so cleanup knows every resource; follow-ups do not.
      if (ok && job.then) {
        const next = job.then(res)
        if (next && !this.stopped) this.ready.push(next)
      }
    }
    this.pump()
  }

  private throttled(job: Job, res: WireResponse): void {
    const t = this.o.stats.throttle
    t.responses++
    this.consecutive429++
    let wait = retryAfterMs(res.headers['retry-after'])
    if (wait !== undefined) {
      t.withRetryAfter++
      const s = wait / 1000
      t.retryAfterMinS = Math.min(t.retryAfterMinS ?? s, s)
      t.retryAfterMaxS = Math.max(t.retryAfterMaxS ?? s, s)
      if (wait > RETRY_AFTER_CAP_MS) {
        t.capped++
        wait = RETRY_AFTER_CAP_MS
      }
    } else {
      // No Retry-After: back off 1 s, 2 s, 4 s … (at most 30 s) while the endpoint keeps answering 429.
      wait = Math.min(30_000, 1000 * 2 ** (this.consecutive429 - 1))
    }
    const until = performance.now() + wait
    if (until > this.pausedUntil) {
      t.pauses++
      t.pausedMs += until - Math.max(this.pausedUntil, performance.now())
      this.pausedUntil = until
      // The schedule restarts after the pause instead of bursting to catch up.
      this.idle = true
    }
    const attempts = (job.attempts ?? 0) + 1
    if (attempts > MAX_429_RETRIES) {
      t.gaveUp++
      return
    }
    t.retried++
    this.ready.unshift({ ...job, attempts })
  }

  close(): void {
    clearTimeout(this.timer)
  }
}
