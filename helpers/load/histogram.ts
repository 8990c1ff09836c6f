// Streaming latency histogram with logarithmic buckets (HDR-style): fixed memory whatever the request count,
// percentiles within the bucket precision (1.6% with 6 sub-bucket bits, 19% with 2).

/** Values are whole microseconds; anything above 2^31 µs (35 minutes) lands in the last bucket. */
const MAX_EXPONENT = 30

export class LogHistogram {
  readonly counts: Float64Array
  count = 0
  sumUs = 0
  minUs = Infinity
  maxUs = 0
  private readonly sub: number

  constructor(readonly subBits = 6) {
    this.sub = 1 << subBits
    this.counts = new Float64Array(2 * this.sub + (MAX_EXPONENT - subBits) * this.sub)
  }

  private index(v: number): number {
    if (v < 2 * this.sub) return v
    const e = Math.min(31 - Math.clz32(v), MAX_EXPONENT)
    if (e === MAX_EXPONENT && v >= 2 ** (MAX_EXPONENT + 1)) return this.counts.length - 1
    const shift = e - this.subBits
    return 2 * this.sub + (e - this.subBits - 1) * this.sub + ((v >>> shift) - this.sub)
  }

  /** A bucket's lower bound and width in microseconds. */
  private bounds(i: number): [number, number] {
    if (i < 2 * this.sub) return [i, 1]
    const k = i - 2 * this.sub
    const width = 2 ** (1 + Math.floor(k / this.sub))
    return [(this.sub + (k % this.sub)) * width, width]
  }

  /** The middle of a bucket: the value a percentile in it is reported as. */
  private value(i: number): number {
    const [lo, width] = this.bounds(i)
    return width === 1 ? lo : lo + width / 2
  }

  record(us: number): void {
    const v = Math.max(0, Math.round(us))
    this.counts[this.index(Math.min(v, 2 ** 31 - 1))]!++
    this.count++
    this.sumUs += v
    if (v < this.minUs) this.minUs = v
    if (v > this.maxUs) this.maxUs = v
  }

  merge(other: LogHistogram): void {
    for (let i = 0; i < this.counts.length; i++) this.counts[i]! += other.counts[i]!
    this.count += other.count
    this.sumUs += other.sumUs
    this.minUs = Math.min(this.minUs, other.minUs)
    this.maxUs = Math.max(this.maxUs, other.maxUs)
  }

  /** The q-quantile (0..1) in microseconds, clamped to the exact min and max seen; 0 when empty. */
  percentile(q: number): number {
    if (this.count === 0) return 0
    if (q >= 1) return this.maxUs
    const target = Math.max(1, Math.ceil(q * this.count))
    let seen = 0
    for (let i = 0; i < this.counts.length; i++) {
      seen += this.counts[i]!
      if (seen >= target) return Math.min(Math.max(this.value(i), this.minUs), this.maxUs)
    }
    return this.maxUs
  }

  /** Non-empty buckets as [lower bound µs, upper bound µs, count], for the histogram chart. */
  buckets(): [number, number, number][] {
    const out: [number, number, number][] = []
    for (let i = 0; i < this.counts.length; i++) {
      const n = this.counts[i]!
      if (n === 0) continue
      const [lo, width] = this.bounds(i)
      out.push([lo, lo + width, n])
    }
    return out
  }
}
