// Inline SVG charts for the load report: no script, no network, readable in light and dark (currentColor).
import { esc } from './html-template.ts'

const W = 760
const H = 240
const PAD = { left: 56, right: 16, top: 14, bottom: 36 }

const fmt = (v: number): string =>
  v >= 100 ? String(Math.round(v)) : v >= 1 ? v.toFixed(1).replace(/\.0$/, '') : v.toPrecision(1)

export interface Series {
  name: string
  cssClass: string
  points: [number, number][]
}

/** Log-10 axis between powers of ten that enclose the data. */
function logScale(values: number[], from: number, to: number): { at: (v: number) => number; ticks: number[] } {
  const positive = values.filter((v) => v > 0)
  const lo = 10 ** Math.floor(Math.log10(Math.min(...positive, 1)))
  const hi = 10 ** Math.ceil(Math.log10(Math.max(...positive, lo * 10)))
  const span = Math.log10(hi) - Math.log10(lo)
  const at = (v: number) => from + ((Math.log10(Math.max(v, lo)) - Math.log10(lo)) / span) * (to - from)
  const ticks: number[] = []
  for (let t = lo; t <= hi * 1.0001; t *= 10) ticks.push(t)
  return { at, ticks }
}

function linearTicks(max: number): number[] {
  const step = 10 ** Math.floor(Math.log10(Math.max(max, 1)))
  const nice = max / step > 5 ? step * 2 : max / step > 2 ? step : step / 2
  const ticks: number[] = []
  for (let t = 0; t <= max * 1.0001; t += nice) ticks.push(t)
  return ticks
}

function frame(title: string, body: string, label: string): string {
  return `<svg class="chart" viewBox="0 0 ${W} ${H}" role="img" aria-label="${esc(label)}" xmlns="http://www.w3.org/2000/svg"><title>${esc(title)}</title>${body}</svg>`
}

/** Latency lines over time (x seconds, y milliseconds on a log axis). */
export function latencyOverTime(series: Series[], durationS: number): string {
  const all = series.flatMap((s) => s.points.map(([, y]) => y))
  if (all.length === 0) return '<p class="muted">No requests.</p>'
  const x = (t: number) => PAD.left + (t / Math.max(durationS, 1e-9)) * (W - PAD.left - PAD.right)
  const y = logScale(all, H - PAD.bottom, PAD.top)
  const grid = y.ticks
    .map(
      (t) =>
        `<line class="grid" x1="${PAD.left}" x2="${W - PAD.right}" y1="${y.at(t).toFixed(1)}" y2="${y.at(t).toFixed(1)}"/><text class="tick" x="${PAD.left - 6}" y="${(y.at(t) + 4).toFixed(1)}" text-anchor="end">${fmt(t)}</text>`,
    )
    .join('')
  const xt = linearTicks(durationS)
    .map(
      (t) =>
        `<text class="tick" x="${x(t).toFixed(1)}" y="${H - PAD.bottom + 16}" text-anchor="middle">${fmt(t)}</text>`,
    )
    .join('')
  const lines = series
    .map((s) => {
      const d = s.points.map(([t, v], i) => `${i ? 'L' : 'M'}${x(t).toFixed(1)},${y.at(v).toFixed(1)}`).join('')
      return `<path class="line ${s.cssClass}" d="${d}"><title>${esc(s.name)}</title></path>`
    })
    .join('')
  const legend = series
    .map(
      (s, i) =>
        `<g transform="translate(${PAD.left + 10 + i * 110},${PAD.top + 4})"><rect class="key ${s.cssClass}" width="14" height="4" y="4"/><text class="tick" x="20" y="10">${esc(s.name)}</text></g>`,
    )
    .join('')
  const axes = `<text class="axis" x="${W / 2}" y="${H - 4}" text-anchor="middle">seconds since start</text><text class="axis" transform="translate(14,${H / 2}) rotate(-90)" text-anchor="middle">ms (log)</text>`
  return frame(
    'Latency over time',
    grid + xt + lines + legend + axes,
    'Latency over time: p50, p95 and max per interval',
  )
}

/** Requests per second per interval, with the 25 requests/second requirement as a line. */
export function rateOverTime(
  bins: { startMs: number; requests: number; errors: number }[],
  binMs: number,
  requirement: number,
): string {
  if (bins.length === 0) return '<p class="muted">No requests.</p>'
  const rates = bins.map((b) => (b.requests * 1000) / binMs)
  const max = Math.max(...rates, requirement) * 1.1
  const durationS = (bins.length * binMs) / 1000
  const x = (t: number) => PAD.left + (t / durationS) * (W - PAD.left - PAD.right)
  const y = (v: number) => H - PAD.bottom - (v / max) * (H - PAD.top - PAD.bottom)
  const bw = Math.max(1, x(binMs / 1000) - x(0) - 1)
  const grid = linearTicks(max)
    .map(
      (t) =>
        `<line class="grid" x1="${PAD.left}" x2="${W - PAD.right}" y1="${y(t).toFixed(1)}" y2="${y(t).toFixed(1)}"/><text class="tick" x="${PAD.left - 6}" y="${(y(t) + 4).toFixed(1)}" text-anchor="end">${fmt(t)}</text>`,
    )
    .join('')
  const bars = bins
    .map((b, i) => {
      const r = rates[i]!
      const e = (b.errors * 1000) / binMs
      const x0 = x(b.startMs / 1000).toFixed(1)
      return (
        `<rect class="bar" x="${x0}" y="${y(r).toFixed(1)}" width="${bw.toFixed(1)}" height="${(y(0) - y(r)).toFixed(1)}"><title>${fmt(b.startMs / 1000)} s: ${fmt(r)} req/s, ${b.errors} errors</title></rect>` +
        (b.errors
          ? `<rect class="bar err" x="${x0}" y="${y(e).toFixed(1)}" width="${bw.toFixed(1)}" height="${(y(0) - y(e)).toFixed(1)}"/>`
          : '')
      )
    })
    .join('')
  const req = `<line class="req" x1="${PAD.left}" x2="${W - PAD.right}" y1="${y(requirement).toFixed(1)}" y2="${y(requirement).toFixed(1)}"/><text class="tick req-label" x="${W - PAD.right}" y="${(y(requirement) - 4).toFixed(1)}" text-anchor="end">${requirement} req/s (gallery requirement)</text>`
  const xt = linearTicks(durationS)
    .map(
      (t) =>
        `<text class="tick" x="${x(t).toFixed(1)}" y="${H - PAD.bottom + 16}" text-anchor="middle">${fmt(t)}</text>`,
    )
    .join('')
  const axes = `<text class="axis" x="${W / 2}" y="${H - 4}" text-anchor="middle">seconds since start</text><text class="axis" transform="translate(14,${H / 2}) rotate(-90)" text-anchor="middle">requests/s</text>`
  return frame('Requests per second over time', grid + bars + req + xt + axes, 'Requests per second over time')
}

/** Latency histogram: log-spaced buckets merged to about 40 bars, height = requests. */
export function latencyHistogram(buckets: [number, number, number][]): string {
  if (buckets.length === 0) return '<p class="muted">No requests.</p>'
  const lo = buckets[0]![0]
  const hi = buckets[buckets.length - 1]![1]
  const x = logScale([Math.max(lo, 0.001), hi], PAD.left, W - PAD.right)
  const bars = 40
  const edges = Array.from(
    { length: bars + 1 },
    (_, i) =>
      10 **
      (Math.log10(x.ticks[0]!) + ((Math.log10(x.ticks[x.ticks.length - 1]!) - Math.log10(x.ticks[0]!)) * i) / bars),
  )
  const counts = new Array<number>(bars).fill(0)
  for (const [from, to, n] of buckets) {
    const mid = (from + to) / 2
    let i = edges.findIndex((e, k) => k > 0 && mid < e) - 1
    if (i < 0) i = bars - 1
    counts[i]! += n
  }
  const max = Math.max(...counts)
  const y = (v: number) => H - PAD.bottom - (v / max) * (H - PAD.top - PAD.bottom)
  const rects = counts
    .map((c, i) => {
      if (c === 0) return ''
      const x0 = x.at(edges[i]!)
      const x1 = x.at(edges[i + 1]!)
      return `<rect class="bar" x="${x0.toFixed(1)}" y="${y(c).toFixed(1)}" width="${Math.max(1, x1 - x0 - 1).toFixed(1)}" height="${(y(0) - y(c)).toFixed(1)}"><title>${fmt(edges[i]!)}-${fmt(edges[i + 1]!)} ms: ${c} requests</title></rect>`
    })
    .join('')
  const xt = x.ticks
    .map(
      (t) =>
        `<line class="grid" x1="${x.at(t).toFixed(1)}" x2="${x.at(t).toFixed(1)}" y1="${PAD.top}" y2="${H - PAD.bottom}"/><text class="tick" x="${x.at(t).toFixed(1)}" y="${H - PAD.bottom + 16}" text-anchor="middle">${fmt(t)}</text>`,
    )
    .join('')
  const yt = linearTicks(max)
    .map(
      (t) => `<text class="tick" x="${PAD.left - 6}" y="${(y(t) + 4).toFixed(1)}" text-anchor="end">${fmt(t)}</text>`,
    )
    .join('')
  const axes = `<text class="axis" x="${W / 2}" y="${H - 4}" text-anchor="middle">latency, ms (log)</text><text class="axis" transform="translate(14,${H / 2}) rotate(-90)" text-anchor="middle">requests</text>`
  return frame('Latency histogram', xt + yt + rects + axes, 'Latency histogram of every request')
}
