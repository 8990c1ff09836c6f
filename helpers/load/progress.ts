// The progress bar on stderr (TTY only): phase, objects done, requests/second over the last second, p95, errors.
import type { Cycle, Phase } from './cycle.ts'
import type { Engine } from './engine.ts'
import type { LoadStats } from './stats.ts'

const WIDTH = 24
const EVERY_MS = 200

export class Progress {
  private current: Phase | undefined
  private readonly timer: NodeJS.Timeout
  private last = { at: performance.now(), requests: 0, rps: 0 }

  constructor(
    private readonly stats: LoadStats,
    private readonly cycle: Cycle,
    private readonly engine: Engine,
    private readonly stream: NodeJS.WriteStream = process.stderr,
  ) {
    this.timer = setInterval(() => this.draw(), EVERY_MS)
    this.timer.unref()
  }

  phase(p: Phase): void {
    this.current = p
    this.draw()
  }

  private draw(): void {
    const p = this.current
    if (!p) return
    const now = performance.now()
    if (now - this.last.at >= 1000) {
      this.last = {
        at: now,
        requests: this.stats.requests,
        rps: ((this.stats.requests - this.last.requests) * 1000) / (now - this.last.at),
      }
    }
    const share = p.total > 0 ? Math.min(1, this.cycle.progress / p.total) : 1
    const filled = Math.round(share * WIDTH)
    const bar = `${'█'.repeat(filled)}${'░'.repeat(WIDTH - filled)}`
    const p95 = (this.stats.all.percentile(0.95) / 1000).toFixed(1)
    const line = `${p.name.padEnd(11)} ${bar} ${this.cycle.progress}/${p.total}  ${this.stats.requests} req  ${Math.round(this.last.rps)} req/s  p95 ${p95} ms  in flight ${this.engine.inFlight}  errors ${this.stats.failures}`
    this.stream.write(`\r\x1b[2K${line.slice(0, (this.stream.columns || 120) - 1)}`)
  }

  done(): void {
    clearInterval(this.timer)
    this.stream.write('\r\x1b[2K')
  }
}
