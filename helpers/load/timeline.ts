// Latency over time in a bounded number of bins: when the run outlasts them, neighbours merge and each bin
// covers twice as long, so a 100,000-user run keeps the same few kilobytes as a 100-user one.
import { LogHistogram } from './histogram.ts'

const MAX_BINS = 240

export interface TimelineBin {
  /** Milliseconds since the run started. */
  startMs: number
  requests: number
  errors: number
  p50Us: number
  p95Us: number
  maxUs: number
}

interface Bin {
  requests: number
  errors: number
  hist: LogHistogram
}

export class Timeline {
  private bins: Bin[] = []
  private widthMs: number

  constructor(initialWidthMs = 250) {
    this.widthMs = initialWidthMs
  }

  record(atMs: number, latencyUs: number, error: boolean): void {
    let i = Math.max(0, Math.floor(atMs / this.widthMs))
    while (i >= MAX_BINS) {
      this.halve()
      i = Math.floor(atMs / this.widthMs)
    }
    while (this.bins.length <= i) this.bins.push({ requests: 0, errors: 0, hist: new LogHistogram(2) })
    const bin = this.bins[i]!
    bin.requests++
    if (error) bin.errors++
    bin.hist.record(latencyUs)
  }

  private halve(): void {
    const merged: Bin[] = []
    for (let i = 0; i < this.bins.length; i += 2) {
      const a = this.bins[i]!
      const b = this.bins[i + 1]
      if (b) {
        a.requests += b.requests
        a.errors += b.errors
        a.hist.merge(b.hist)
      }
      merged.push(a)
    }
    this.bins = merged
    this.widthMs *= 2
  }

  get binWidthMs(): number {
    return this.widthMs
  }

  snapshot(): TimelineBin[] {
    return this.bins.map((b, i) => ({
      startMs: i * this.widthMs,
      requests: b.requests,
      errors: b.errors,
      p50Us: b.hist.percentile(0.5),
      p95Us: b.hist.percentile(0.95),
      maxUs: b.hist.maxUs,
    }))
  }
}
