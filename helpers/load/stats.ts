// Streaming aggregates of a load run: a histogram per request kind, errors by kind and status, 429 handling,
// schedule lag, a bounded timeline and a small sample of exchanges. Nothing here grows with the request count.
import type { Exchange } from '../model/exchange.ts'
import { redact } from '../client/redact.ts'
import { LogHistogram } from './histogram.ts'
import { Timeline } from './timeline.ts'
import type { WireResponse } from './wire.ts'
import { REQUEST_KINDS, type RequestKind, type ScheduleStats, type ThrottleStats } from '../model/load-result.ts'

const SAMPLE_PER_KIND = 2
const SAMPLE_PER_ERROR = 3
const SAMPLE_MAX = 80

export interface KindStats {
  hist: LogHistogram
  ok: number
  /** Unexpected answers by status ("network" when none came). */
  errors: Map<string, number>
}

export interface Sent {
  kind: RequestKind
  method: string
  url: string
  headers: Record<string, string>
  body?: string
  /** performance.now() at send. */
  at: number
}

export class LoadStats {
  readonly kinds = new Map<RequestKind, KindStats>()
  readonly all = new LogHistogram()
  readonly timeline = new Timeline()
  readonly throttle: ThrottleStats = {
    responses: 0,
    withRetryAfter: 0,
    pauses: 0,
    pausedMs: 0,
    capped: 0,
    sentDuringPause: 0,
    retried: 0,
    gaveUp: 0,
  }
  readonly schedule: ScheduleStats = { late: 0, lateByConcurrency: 0, lateByTool: 0, maxLagMs: 0 }
  readonly sample: Exchange[] = []
  private readonly sampled = new Map<string, number>()
  private seq = 1
  requests = 0
  failures = 0

  constructor(
    readonly t0: number,
    private readonly secrets: readonly string[] | (() => readonly string[]),
  ) {
    for (const k of REQUEST_KINDS) this.kinds.set(k, { hist: new LogHistogram(), ok: 0, errors: new Map() })
  }

  /** One finished request. `ok` is whether the status was one Entra expects for this kind. */
  record(sent: Sent, ok: boolean, res: WireResponse | undefined, error: string | undefined): void {
    const us = (performance.now() - sent.at) * 1000
    const k = this.kinds.get(sent.kind)!
    this.requests++
    k.hist.record(us)
    this.all.record(us)
    this.timeline.record(sent.at - this.t0, us, !ok)
    if (ok) k.ok++
    else {
      this.failures++
      const key = res ? String(res.status) : 'network'
      k.errors.set(key, (k.errors.get(key) ?? 0) + 1)
    }
    this.maybeSample(sent, ok, res, error, us)
  }

  private maybeSample(
    sent: Sent,
    ok: boolean,
    res: WireResponse | undefined,
    error: string | undefined,
    us: number,
  ): void {
    if (this.sample.length >= SAMPLE_MAX) return
    const key = ok ? sent.kind : `${sent.kind} ${res?.status ?? 'network'}`
    const n = this.sampled.get(key) ?? 0
    if (n >= (ok ? SAMPLE_PER_KIND : SAMPLE_PER_ERROR)) return
    this.sampled.set(key, n + 1)
    this.sample.push(this.exchange(sent, res, error, us))
  }

  private exchange(sent: Sent, res: WireResponse | undefined, error: string | undefined, us: number): Exchange {
    const headers: Record<string, string> = {}
    for (const [k, v] of Object.entries(sent.headers))
      headers[k] = k.toLowerCase() === 'authorization' ? v.replace(/^(\S+)\s.*$/, '$1 [redacted]') : v
    const body = sent.body === undefined ? undefined : parseOrText(sent.body)
    const resBody = res && res.body !== '' ? parseOrText(res.body) : undefined
    const ex: Exchange = {
      seq: this.seq++,
      startedAt: new Date(performance.timeOrigin + sent.at).toISOString(),
      durationMs: Math.round(us / 100) / 10,
      request: { method: sent.method, url: sent.url, headers, ...(body !== undefined ? { body } : {}) },
      ...(res
        ? {
            response: {
              status: res.status,
              statusText: res.statusText,
              headers: res.headers,
              ...(typeof resBody === 'string'
                ? { rawText: resBody.slice(0, 4000) }
                : resBody !== undefined
                  ? { body: resBody }
                  : {}),
            },
          }
        : {}),
      ...(error ? { error } : {}),
    }
    return redact(ex, typeof this.secrets === 'function' ? this.secrets() : this.secrets)
  }
}

function parseOrText(text: string): unknown {
  try {
    return JSON.parse(text)
  } catch {
    return text
  }
}
