// load.html: one self-contained page (inline CSS and SVG, no script, no network) with the verdict first,
// the throughput and latency tables, latency over time, requests/second over time and a latency histogram.
import { createHash } from 'node:crypto'
import { GALLERY_RPS, type LoadResult } from '../model/load-result.ts'
import { formatDuration } from '../load/summarize.ts'
import { latencyHistogram, latencyOverTime, rateOverTime } from './load-charts.ts'
import { throttlingLine } from './load-console.ts'
import { sanitizeLoad } from './load-json.ts'
import { html, trusted, type SafeHtml } from './html-template.ts'
import { prettyBody, redactedRequestLine } from './text.ts'

const sha256 = (s: string): string => `'sha256-${createHash('sha256').update(s, 'utf8').digest('base64')}'`
const n = (x: number): string => x.toLocaleString('en-US')

const CSS = `
:root{color-scheme:light dark;--bg:#f6f7f9;--card:#fff;--fg:#1b1f24;--muted:#5b6470;--line:#dde1e6;--code:#f0f2f5;--pass:#1a7f37;--pass-bg:#dafbe1;--fail:#cf222e;--fail-bg:#ffebe9;--warn:#9a6700;--warn-bg:#fff8c5;--p50:#0969da;--p95:#bf8700;--max:#cf222e;--bar:#54aeff}
@media (prefers-color-scheme:dark){:root{--bg:#0d1117;--card:#161b22;--fg:#e6edf3;--muted:#9198a1;--line:#30363d;--code:#1f2630;--pass:#3fb950;--pass-bg:#12261a;--fail:#f85149;--fail-bg:#2d1214;--warn:#d29922;--warn-bg:#2b2111;--p50:#58a6ff;--p95:#d29922;--max:#f85149;--bar:#388bfd}}
*{box-sizing:border-box}
body{margin:0;background:var(--bg);color:var(--fg);font:15px/1.5 system-ui,-apple-system,"Segoe UI",Roboto,Arial,sans-serif}
main{max-width:1100px;margin:0 auto;padding:0 24px 48px}
code,pre{font-family:ui-monospace,SFMono-Regular,Menlo,Consolas,monospace;font-size:13px}
.banner{padding:26px 24px 20px;border-bottom:4px solid var(--accent);background:var(--accent-bg)}
.banner>div{max-width:1100px;margin:0 auto;padding:0 24px}
.banner h1{margin:0 0 6px;font-size:26px;line-height:1.25;color:var(--accent)}
.banner p{margin:4px 0}
.kind-meets{--accent:var(--pass);--accent-bg:var(--pass-bg)}.kind-fails{--accent:var(--fail);--accent-bg:var(--fail-bg)}.kind-inconclusive{--accent:var(--warn);--accent-bg:var(--warn-bg)}
.figures{display:grid;grid-template-columns:repeat(auto-fill,minmax(190px,1fr));gap:10px;margin:18px 0}
.figure{background:var(--card);border:1px solid var(--line);border-radius:10px;padding:10px 14px}
.figure b{display:block;font-size:22px}.figure span{color:var(--muted);font-size:13px}
section{margin-top:26px}h2{font-size:19px;margin:0 0 10px}
.card{background:var(--card);border:1px solid var(--line);border-radius:10px;padding:12px 16px}
table{border-collapse:collapse;width:100%;background:var(--card);border:1px solid var(--line);border-radius:10px;overflow:hidden}
th,td{padding:6px 12px;border-bottom:1px solid var(--line);text-align:right}th:first-child,td:first-child{text-align:left}
thead th{font-size:13px;color:var(--muted);background:var(--code)}
.bad{color:var(--fail);font-weight:600}
.notices{margin:16px 0 0;padding:10px 14px;border:1px solid var(--warn);border-radius:8px;background:var(--warn-bg);list-style:none}
.chart{width:100%;height:auto;background:var(--card);border:1px solid var(--line);border-radius:10px;color:var(--fg)}
.chart .grid{stroke:var(--line);stroke-width:1}
.chart .tick,.chart .axis{fill:var(--muted);font-size:11px}
.chart .line{fill:none;stroke-width:1.6}
.chart .p50{stroke:var(--p50)}.chart .p95{stroke:var(--p95)}.chart .max{stroke:var(--max);stroke-dasharray:3 3}
.chart .key.p50{fill:var(--p50)}.chart .key.p95{fill:var(--p95)}.chart .key.max{fill:var(--max)}
.chart .bar{fill:var(--bar)}.chart .bar.err{fill:var(--max)}
.chart .req{stroke:var(--pass);stroke-width:1.5;stroke-dasharray:6 4}.chart .req-label{fill:var(--pass)}
details{margin:6px 0}summary{cursor:pointer}
pre{margin:6px 0;padding:8px 10px;background:var(--code);border-radius:6px;overflow:auto;white-space:pre-wrap;word-break:break-word;max-height:360px}
.muted{color:var(--muted)}
footer{max-width:1100px;margin:0 auto;padding:16px 24px 32px;color:var(--muted);font-size:13px}
`

function kindsTable(r: LoadResult): SafeHtml {
  const rows = r.kinds.map(
    (k) =>
      html`<tr><td>${k.kind}</td><td>${n(k.requests)}</td><td${k.failed ? trusted(' class="bad"') : ''}>${n(k.failed)}</td><td>${k.p50Ms}</td><td>${k.p95Ms}</td><td>${k.p99Ms}</td><td>${k.maxMs}</td></tr>`,
  )
  return html`<table id="latency"><thead><tr><th>kind</th><th>requests</th><th>failed</th><th>p50 ms</th><th>p95 ms</th><th>p99 ms</th><th>max ms</th></tr></thead><tbody>${rows}</tbody></table>`
}

function phasesTable(r: LoadResult): SafeHtml {
  const rows = r.phases.map(
    (p) =>
      html`<tr><td>${p.name}</td><td>${n(p.requests)}</td><td>${formatDuration(p.durationMs / 1000)}</td><td>${p.requestsPerSecond}</td></tr>`,
  )
  return html`<table id="phases"><thead><tr><th>phase</th><th>requests</th><th>time</th><th>requests/s</th></tr></thead><tbody>${rows}</tbody></table>`
}

function errorsBlock(r: LoadResult): SafeHtml {
  const items = [
    ...r.errors.map(
      (e) =>
        html`<li><span class="bad">${n(e.count)}×</span> ${e.kind}: ${e.status === 'network' ? 'no HTTP answer' : `HTTP ${e.status}`}</li>`,
    ),
    ...r.anomalies.map((a) => html`<li>${n(a.count)}× ${a.what}</li>`),
  ]
  return html`<div class="card" id="errors">${items.length ? html`<ul>${items}</ul>` : html`<p>No request failed.</p>`}<p id="throttling">${throttlingLine(r)}</p></div>`
}

function sampleBlock(r: LoadResult): SafeHtml {
  const items = r.sample.map((ex) => {
    const line = `${redactedRequestLine(ex)} (${ex.durationMs} ms)`
    const req = ex.request.body === undefined ? '' : html`<pre>${prettyBody(ex.request.body)}</pre>`
    const resText = ex.response?.rawText ?? (ex.response?.body === undefined ? '' : prettyBody(ex.response.body))
    return html`<details><summary><code>${line}</code></summary>${req}${resText ? html`<pre>${resText}</pre>` : ''}</details>`
  })
  return html`<div class="card">${items.length ? items : html`<p class="muted">No sample.</p>`}</div>`
}

/** The load run as one offline HTML page; every string from the run is escaped by the `html` tag, the charts are SVG this module drew. */
export function renderLoadHtml(input: LoadResult): string {
  const r = sanitizeLoad(input)
  const v = r.verdict
  const mark = v.kind === 'meets' ? '✔' : v.kind === 'fails' ? '✘' : '?'
  const t = r.throughput
  const s = r.settings
  const bins = r.timeline.bins
  const series = [
    {
      name: 'p50',
      cssClass: 'p50',
      points: bins.filter((b) => b.requests).map((b) => [b.startMs / 1000, b.p50Ms] as [number, number]),
    },
    {
      name: 'p95',
      cssClass: 'p95',
      points: bins.filter((b) => b.requests).map((b) => [b.startMs / 1000, b.p95Ms] as [number, number]),
    },
    {
      name: 'max',
      cssClass: 'max',
      points: bins.filter((b) => b.requests).map((b) => [b.startMs / 1000, b.maxMs] as [number, number]),
    },
  ]
  const durationS = (bins.length * r.timeline.binMs) / 1000
  const csp = `default-src 'none'; style-src ${sha256(CSS)}; img-src data:; base-uri 'none'; form-action 'none'`
  const notices = r.notices.length ? html`<ul class="notices">${r.notices.map((x) => html`<li>⚠ ${x}</li>`)}</ul>` : ''
  const figures: [string, string][] = [
    [
      `${t.requestsPerSecond}`,
      `requests/second (${s.rate === null ? 'not paced' : `--rate ${s.rate}`}, ${s.concurrency} in flight)`,
    ],
    [formatDuration(t.durationMs / 1000), `for ${n(t.requests)} requests of the cycle`],
    [`${r.kinds.reduce((a, k) => a + k.failed, 0)}`, 'failed requests'],
    [`${r.throttling.responses}`, '429 answers'],
    [formatDuration(r.estimate.endpointSeconds), `initial cycle for ${n(r.estimate.tenantUsers)} users at this rate`],
    [`${r.cleanup.leftovers}`, 'resources left behind'],
  ]
  // The charts are SVG drawn by load-charts.ts from numbers alone.
  const svg = trusted
  return html`<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="${csp}">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${`${v.headline} · ${r.target}`}</title>
<style>${trusted(CSS)}</style>
</head>
<body>
<header class="banner kind-${v.kind}"><div>
<h1 id="verdict">${mark} ${v.headline}</h1>
${v.reasons.map((x) => html`<p>${x}</p>`)}
<p class="muted">Microsoft requires gallery SCIM endpoints to support at least ${GALLERY_RPS} requests per second per tenant.</p>
</div></header>
<main>
${notices}
<div class="figures">${figures.map(([b, label]) => html`<div class="figure"><b>${b}</b><span>${label}</span></div>`)}</div>
<section><h2>Latency over time</h2>${svg(latencyOverTime(series, durationS))}</section>
<section><h2>Requests per second over time</h2>${svg(rateOverTime(bins, r.timeline.binMs, GALLERY_RPS))}</section>
<section><h2>Latency histogram</h2>${svg(latencyHistogram(r.histogram))}</section>
<section><h2>Latency per request kind</h2>${kindsTable(r)}</section>
<section><h2>Phases</h2>${phasesTable(r)}${t.toolNote ? html`<p class="bad">${t.toolNote}</p>` : ''}</section>
<section><h2>Errors and throttling</h2>${errorsBlock(r)}</section>
<section><h2>Initial cycle estimate</h2><div class="card"><p>${r.estimate.text}</p></div></section>
<section><h2>Sample of the requests</h2>${sampleBlock(r)}</section>
</main>
<footer>${`${r.tool.name} ${r.tool.version} · run ${r.runId} · ${r.target}${r.embedded ? ' (built-in reference endpoint)' : ''} · ${s.users} users, ${s.groups} groups, dialect ${s.dialect}, profile ${s.profile}, seed ${s.seed} · peak RSS ${r.process.peakRssMB} MB${r.embedded ? ' (tool and built-in endpoint together)' : ''}`}</footer>
</body>
</html>
`.value
}
