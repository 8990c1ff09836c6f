// report.html: one self-contained page (inline CSS and script, no network) in the order of importance (order.ts): the
// verdict and the first fix, the causes that fail the run (the first one above the fold, on a laptop and a phone),
// what a gallery submission still needs (folded), the warnings by level, then every check and exchange. Every piece
// of markup is built with the `html` tag, which escapes whatever it is given unless it is markup itself.
import { createHash } from 'node:crypto'
import { answerLine, isServerErrorStatus, type Exchange } from '../model/exchange.ts'
import type { CheckResult, Outcome, RunResult } from '../model/result.ts'
import { causesLine } from '../result/causes.ts'
import { SEVERITY_LABEL } from '../model/check-info.ts'
import { CSS, SCRIPT } from './html-assets.ts'
import { html, trusted, type SafeHtml } from './html-template.ts'
import { sanitizeRun } from './json.ts'
import { causeEntraLine, logsLine, probeLatency } from './diagnosis.ts'
import {
  checkLabel,
  firstFixLine,
  outcomeWords,
  PREDICTED_MARK,
  predictedWhy,
  reportOrder,
  SECTIONS,
  severityRank,
  type ReportOrder,
  type Section,
  type ShownCause,
} from './order.ts'
import {
  byFlow,
  countsLine,
  CITED_EXCHANGES_SHOWN,
  citedExchanges,
  flowDialects,
  GALLERY_MARK,
  hasExpectation,
  MARK,
  prettyBody,
  redactedRequestLine,
} from './text.ts'
import { causesHeading, isInconclusive, WRITES_UNSEEN } from '../diagnose/to-report.ts'

const slug = (s: string): string =>
  s
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-|-$/g, '') || 'x'
const sha256 = (s: string): string => `'sha256-${createHash('sha256').update(s, 'utf8').digest('base64')}'`
const OUTCOMES: Outcome[] = ['failed', 'warned', 'waived', 'blocked', 'passed', 'skipped']
const LABEL: Record<Outcome, string> = {
  passed: 'passed',
  failed: 'failed',
  warned: 'warning',
  skipped: 'skipped',
  blocked: 'blocked',
  waived: 'waived',
}

function link(url: string, label: string): SafeHtml {
  return /^https?:\/\//i.test(url)
    ? html`<a href="${url}" rel="noopener noreferrer" target="_blank">${label}</a>`
    : html`${label} ${url}`
}

class Anchors {
  private used = new Set<string>()
  readonly byCheck = new Map<CheckResult, string>()
  take(base: string): string {
    let id = base
    for (let i = 2; this.used.has(id); i++) id = `${base}-${i}`
    this.used.add(id)
    return id
  }
  check(c: CheckResult): string {
    const id = this.take(`check-${slug(c.id)}${c.dialect ? `--${slug(c.dialect)}` : ''}`)
    this.byCheck.set(c, id)
    return id
  }
}

const flowAnchor = (flow: string, dialect?: string): string =>
  `flow-${slug(flow)}${dialect ? `--${slug(dialect)}` : ''}`

function countSpans(list: readonly CheckResult[]): SafeHtml {
  const spans = OUTCOMES.map((o) => [o, list.filter((c) => c.outcome === o).length] as const)
    .filter(([, n]) => n > 0)
    .map(([o, n]) => html`<span class="n o-${o}" title="${LABEL[o]}">${MARK[o]} ${n}</span>`)
  return html`${spans}`
}

const worst = (list: readonly CheckResult[]): Outcome =>
  OUTCOMES.find((o) => list.some((c) => c.outcome === o)) ?? 'skipped'

function matrix(run: RunResult): SafeHtml {
  const flows = byFlow(run.checks)
  const columns = [...new Set([...run.run.dialects, ...run.checks.flatMap((c) => (c.dialect ? [c.dialect] : []))])]
  const span = Math.max(1, columns.length)
  const head = columns.length ? columns.map((d) => html`<th scope="col">${d}</th>`) : html`<th scope="col">Checks</th>`
  const rows = [...flows].map(([flow, list]) => {
    const perDialect = flowDialects(list).length > 0 && list.every((c) => c.dialect)
    const cell = (items: CheckResult[], href: string, title: string, colspan = 1) =>
      html`<td${colspan > 1 ? trusted(` colspan="${colspan}"`) : ''}>${
        items.length
          ? html`<a class="worst-${worst(items)}" href="#${href}" title="${title}: ${outcomeWords(items)}">${countSpans(items)}</a>`
          : html`<span class="muted">not run</span>`
      }</td>`
    const cells = perDialect
      ? columns.map((d) =>
          cell(
            list.filter((c) => c.dialect === d),
            flowAnchor(flow, d),
            `${flow} [${d}]`,
          ),
        )
      : cell(list, flowAnchor(flow), flow, span)
    return html`<tr><th scope="row"><a href="#${flowAnchor(flow)}">${flow}</a></th>${cells}</tr>`
  })
  return html`<table class="matrix"><thead><tr><th scope="col">Flow</th>${head}</tr></thead><tbody>${rows}</tbody></table>`
}

function statusClass(ex: Exchange): string {
  const s = ex.response?.status
  if (s === undefined) return 'st-none'
  return isServerErrorStatus(s) ? 'st-server' : s >= 400 ? 'st-client' : 'st-ok'
}

function headersTable(h: Record<string, string>): SafeHtml {
  const rows = Object.entries(h).map(([k, v]) => html`<tr><td>${k}</td><td>${v}</td></tr>`)
  if (!rows.length) return html`<p class="muted">no headers</p>`
  return html`<details class="hdrs"><summary>Headers (${rows.length})</summary><table class="headers">${rows}</table></details>`
}

/** Each exchange's markup, made once however many checks cite it (a fifth of a default run's citations repeat one). */
const renderedExchanges = new WeakMap<Exchange, SafeHtml>()

function exchange(ex: Exchange): SafeHtml {
  let shown = renderedExchanges.get(ex)
  if (!shown) renderedExchanges.set(ex, (shown = exchangeMarkup(ex)))
  return shown
}

function exchangeMarkup(ex: Exchange): SafeHtml {
  const r = ex.response
  const retries = ex.retries ? ` · ${ex.retries} retr${ex.retries === 1 ? 'y' : 'ies'}` : ''
  const line = html`<p class="reqline" title="${redactedRequestLine(ex)}"><span class="seq">#${ex.seq}</span>${redactedRequestLine(ex, { answer: false })} → <span class="st ${statusClass(ex)}">${answerLine(ex)}</span><span class="dur">${Math.round(ex.durationMs)} ms${retries}</span></p>`
  const reqBody =
    ex.request.body === undefined ? html`<p class="muted">no body</p>` : html`<pre>${prettyBody(ex.request.body)}</pre>`
  let resPart: SafeHtml
  if (!r) resPart = html`<p class="st-none">${ex.error ?? 'no response'}</p>`
  else {
    const text = r.rawText ?? (r.body === undefined ? undefined : prettyBody(r.body))
    resPart = html`${headersTable(r.headers)}${text === undefined || text === '' ? html`<p class="muted">no body</p>` : html`<pre>${text}</pre>`}`
  }
  return html`<div class="exchange">${line}<div class="halves"><div class="half"><h4>Request</h4>${headersTable(ex.request.headers)}${reqBody}</div><div class="half"><h4>Response</h4>${resPart}</div></div></div>`
}

function checkBlock(run: RunResult, c: CheckResult, id: string): SafeHtml {
  const summary = html`<summary><span class="mark o-${c.outcome}" title="${LABEL[c.outcome]}">${MARK[c.outcome]}</span><code class="id">${c.id}</code><span class="title">${c.title}</span>${
    c.dialect ? html`<span class="badge">${c.dialect}</span>` : ''
  }<span class="badge ${c.severity}" title="${c.evidence.says}">${SEVERITY_LABEL[c.severity]}</span></summary>`
  const problem = c.outcome !== 'passed' && c.outcome !== 'skipped' && c.outcome !== 'blocked'
  const q = c.entra.quarantine ? ` (quarantine: ${c.entra.quarantine})` : ''
  const facts = [
    hasExpectation(c)
      ? html`<dt>Expected</dt><dd><pre>${prettyBody(c.expected ?? null)}</pre></dd><dt>Actual</dt><dd><pre>${prettyBody(c.actual ?? null)}</pre></dd>`
      : '',
    html`<dt>${problem ? 'Entra' : 'If this breaks'}</dt><dd><code>${c.entra.code}</code>${q} — ${c.entra.effect}</dd>`,
    problem ? html`<dt>Fix</dt><dd>${c.fix}</dd>` : '',
    c.waiver
      ? html`<dt>Waived</dt><dd>${c.waiver.reason}${c.waiver.expires ? ` (until ${c.waiver.expires})` : ''}</dd>`
      : '',
    html`<dt>Rule</dt><dd>${c.refs.length ? c.refs.map((r, i) => html`${i ? ' · ' : ''}${link(r.url, r.label)}`) : html`<span class="muted">none</span>`}</dd>`,
    html`<dt>Level</dt><dd><strong>${SEVERITY_LABEL[c.severity]}</strong> — ${c.evidence.says} (${c.evidence.sources.map((r, i) => html`${i ? ' · ' : ''}${link(r.url, r.label)}`)})</dd>`,
  ]
  // The decisive request (the last one) first, as in the console; the rest follow.
  const exchanges = citedExchanges(run, c).map(exchange)
  return html`<details class="check ${c.outcome}" id="${id}">${summary}<div class="body">${c.message ? html`<p class="message">${c.message}</p>` : ''}<dl class="facts">${facts}</dl>${
    exchanges.length ? exchanges : html`<p class="muted">No requests recorded for this check.</p>`
  }</div></details>`
}

function flowSection(run: RunResult, flow: string, list: CheckResult[], anchors: Anchors): SafeHtml {
  const dialects = flowDialects(list)
  const groups: [string | undefined, CheckResult[]][] =
    dialects.length && list.every((c) => c.dialect)
      ? dialects.map((d) => [d, list.filter((c) => c.dialect === d)])
      : [[undefined, list]]
  const body = groups.map(([d, items]) => {
    const blocks = items.map((c) => checkBlock(run, c, anchors.byCheck.get(c) ?? ''))
    return d
      ? html`<div class="dialect" id="${flowAnchor(flow, d)}"><h3>${d} <span class="muted">${outcomeWords(items)}</span></h3>${blocks}</div>`
      : html`${blocks}`
  })
  return html`<section class="flow" id="${flowAnchor(flow)}"><h2>${flow} <span class="muted">${countSpans(list)}</span></h2>${body}</section>`
}

function checkLinks(run: RunResult, checks: ShownCause['checks'], anchors: Anchors): SafeHtml[] {
  return checks.map((k, i) => {
    const check = run.checks.find((x) => x.id === k.id && x.dialect === k.dialect)
    const anchor = check ? anchors.byCheck.get(check) : undefined
    const code = html`<code>${checkLabel(k)}</code>`
    return html`${i ? ', ' : ''}${anchor ? html`<a href="#${anchor}">${code}</a>` : code}`
  })
}

/** One cause: the finding, the server's own words on their own line, the checks, the request, Entra's reaction, the fix. */
function causeItem(run: RunResult, c: ShownCause, id: string, anchors: Anchors): SafeHtml {
  const ex = c.exchange !== undefined ? run.exchanges.find((e) => e.seq === c.exchange) : undefined
  const q = c.entra.quarantine ? ` (quarantine: ${c.entra.quarantine})` : ''
  const request = ex ? redactedRequestLine(ex) : c.request
  const facts = [
    c.serverMessage ? html`<dt>Server said</dt><dd><q class="server">${c.serverMessage}</q></dd>` : '',
    html`<dt>Fix</dt><dd>${c.fix}</dd>`,
    html`<dt>Entra</dt><dd><code>${c.entra.code}</code>${q} — ${c.entra.effect}</dd>`,
    request ? html`<dt>Request</dt><dd><code>${request}</code></dd>` : '',
    html`<dt>${c.level === 'failure' ? 'Failed' : 'Warned'}</dt><dd>${checkLinks(run, c.checks, anchors)}${c.blocked ? ` (and ${c.blocked} blocked by it)` : ''}</dd>`,
    c.alsoWarned.length ? html`<dt>Also warned</dt><dd>${checkLinks(run, c.alsoWarned, anchors)}</dd>` : '',
  ]
  return html`<li class="cause ${c.level}" id="${id}" data-rank="${c.rank}"><p class="title"><strong>${c.title}</strong> <span class="badge ${c.severity}">${SEVERITY_LABEL[c.severity]}</span> <span class="muted">${c.impact}</span></p><dl class="facts">${facts}</dl></li>`
}

function verdictBanner(run: RunResult, order: ReportOrder): SafeHtml {
  const v = run.verdict
  const counts = run.counts
  const mark = v.kind === 'ready' ? MARK.passed : v.kind === 'fails' ? MARK.failed : MARK.warned
  const chips = OUTCOMES.filter((o) => o !== 'waived' || counts.waived > 0).map(
    (o) =>
      html`<li class="chip o-${o}${counts[o] === 0 ? ' zero' : ''}">${MARK[o]} ${counts[o]} ${LABEL[o]}${o === 'warned' ? 's' : ''}</li>`,
  )
  const fix = order.firstFix
  const fixTarget =
    fix?.kind === 'cause'
      ? '#cause-1'
      : fix?.kind === 'gallery'
        ? '#gallery'
        : fix?.kind === 'warning'
          ? '#warning-1'
          : '#causes'
  return html`<header class="banner kind-${v.kind}"><div>
<h1 id="verdict">${mark} ${v.headline}</h1>
${v.scope.limits.map((l) => html`<p class="limit">${l}</p>`)}
${fix ? html`<p class="first-fix" id="first-fix"><a href="${fixTarget}">${firstFixLine(fix)}</a></p>` : ''}
<ul class="chips" aria-label="${countsLine(counts)}">${chips}</ul>
</div></header>`
}

function failuresSection(run: RunResult, order: ReportOrder, anchors: Anchors): SafeHtml {
  if (!order.failures.length && run.diagnosis) return html``
  return html`<section id="root-causes"><h2>${causesLine(order.failures)}</h2><div class="card">${
    order.failures.length
      ? html`<ol class="causes">${order.failures.map((c, i) => causeItem(run, c, `cause-${i + 1}`, anchors))}</ol>`
      : html`<p class="muted">No failed check.</p>`
  }</div></section>`
}

/** The checklist and each predicted tool as folded sections, each with its one-line summary. */
function gallerySection(order: ReportOrder): SafeHtml {
  const g = order.gallery
  if (!g.items.length && !g.prediction.length) return html``
  const items = g.items.map(
    (l) =>
      html`<li class="g-${l.status}"><details><summary>${GALLERY_MARK[l.status]} <strong>${l.name}</strong>: ${l.summary}</summary><p>${l.item.requirement}</p>${
        l.item.basis.length
          ? html`<ul class="basis">${l.item.basis.map((e) => html`<li><code>${e}</code></li>`)}</ul>`
          : ''
      }${l.item.next ? html`<p><strong>${l.status === 'not-met' ? 'Fix' : 'To test'}:</strong> ${l.item.next}</p>` : ''}<p>${link(l.item.source.url, l.item.source.label)}</p></details></li>`,
  )
  const checklist = g.items.length
    ? html`<details class="fold" id="gallery-checklist"><summary>${g.met ? '✔' : '○'} ${g.text}</summary><ul class="gallery-items">${items}</ul></details>`
    : ''
  const predictions = g.prediction.map((p) => {
    const rows = p.tests.map(
      (t) =>
        html`<tr class="p-${t.status}"><td>${PREDICTED_MARK[t.status]}</td><td><code>${t.name}</code></td><td>${t.category}</td><td>${t.result}</td><td>${predictedWhy(t)}${
          t.checks.length ? html`<br><span class="muted">${t.checks.join(', ')}</span>` : ''
        }</td></tr>`,
    )
    return html`<details class="fold prediction" id="prediction-${p.tool.tool}"><summary>${p.tool.passes ? '✔' : '✘'} ${p.summary}</summary>${p.file ? html`<p class="muted">Microsoft-shaped result: <code>${p.file}</code></p>` : ''}${
      p.tool.caveats.length ? html`<ul>${p.tool.caveats.map((c) => html`<li>${c}</li>`)}</ul>` : ''
    }<table class="headers"><thead><tr><th></th><th>Test</th><th>Category</th><th>Microsoft's result</th><th>Why</th></tr></thead><tbody>${rows}</tbody></table></details>`
  })
  return html`<section id="gallery"><h2>Gallery submission</h2><div class="card">${checklist}${predictions}</div></section>`
}

function warningsSection(run: RunResult, order: ReportOrder, anchors: Anchors): SafeHtml {
  if (!order.warnings.length) return html``
  const causes = order.warnings.reduce((n, g) => n + g.causes.length, 0)
  const checks = order.warnings.reduce((n, g) => n + g.checks, 0)
  let n = 0
  const groups = order.warnings.map(
    (g) =>
      html`<h3>${g.label}: ${g.causes.length} ${g.causes.length === 1 ? 'cause' : 'causes'}</h3><ol class="causes" start="${n + 1}">${g.causes.map((c) => causeItem(run, c, `warning-${++n}`, anchors))}</ol>`,
  )
  return html`<section id="warnings"><h2>Warnings: ${causes} ${causes === 1 ? 'cause' : 'causes'} (${checks} warned ${checks === 1 ? 'check' : 'checks'})</h2><div class="card">${groups}</div></section>`
}

/** Every failed and warned check, by level: what breaks Entra first, then Gallery, then RFC only. */
function toFix(run: RunResult, anchors: Anchors): SafeHtml {
  const items = run.checks
    .filter((c) => c.outcome === 'failed' || c.outcome === 'warned')
    .map((c, i) => ({ c, i }))
    .sort(
      (a, b) =>
        severityRank(a.c.severity) - severityRank(b.c.severity) ||
        Number(a.c.outcome === 'warned') - Number(b.c.outcome === 'warned') ||
        a.i - b.i,
    )
    .map(({ c }) => c)
  if (!items.length) return html``
  const li = items.map((c) => {
    const last = citedExchanges(run, c, CITED_EXCHANGES_SHOWN)[0]
    const why = c.message ?? (last ? redactedRequestLine(last) : c.fix)
    return html`<li data-level="${c.severity}"><span class="mark o-${c.outcome}">${MARK[c.outcome]}</span> <span class="badge ${c.severity}">${SEVERITY_LABEL[c.severity]}</span> <a href="#${anchors.byCheck.get(c) ?? ''}">${c.flow}${c.dialect ? ` [${c.dialect}]` : ''}: ${c.title}</a> <code>${c.id}</code><span class="why">${why}</span></li>`
  })
  return html`<section id="to-fix"><h2>To fix (${items.length}), by level</h2><div class="card"><ol class="todo">${li}</ol></div></section>`
}

function diagnosisSection(run: RunResult): SafeHtml {
  const d = run.diagnosis
  if (!d) return html``
  const causes = d.causes.map(
    (c) =>
      html`<li class="cause"><p class="title"><strong>${c.title}</strong></p><dl class="facts"><dt>Entra</dt><dd>${causeEntraLine(c).replace(/^Entra: /, '')}</dd><dt>Observed</dt><dd><ul>${c.observations.map((e) => html`<li>${e}</li>`)}</ul></dd><dt>Fix</dt><dd>${c.fix}</dd>${
        c.reproduce ? html`<dt>Reproduce</dt><dd><code>${c.reproduce.command}</code></dd>` : ''
      }</dl></li>`,
  )
  const parts: SafeHtml[] = [
    html`<section id="causes"><h2>${causesHeading(run)}</h2><div class="card">${
      causes.length
        ? html`<ol class="causes">${causes}</ol>`
        : html`<p class="muted">${isInconclusive(run) ? WRITES_UNSEEN : 'The probes passed and the files show no failures.'}</p>`
    }</div></section>`,
  ]
  if (d.job) {
    const g = d.job.restart.graph
    parts.push(
      html`<section id="job"><h2>Job status <span class="muted">${d.job.file}</span></h2><div class="card"><ul>${d.job.summary.map((l) => html`<li>${l}</li>`)}</ul><pre>${`${g.method} https://graph.microsoft.com/v1.0${g.path}\n${JSON.stringify(g.body)}`}</pre></div></section>`,
    )
  }
  if (d.logs) {
    const logs = d.logs
    const rows = logs.failureGroups.map(
      (f) =>
        html`<tr><td>${f.count}</td><td><code>${f.code}</code></td><td>${f.action}</td><td>${f.referenceCount}</td><td>${`${f.example.object ?? 'an object'}: ${f.example.text}`}</td><td>${f.reproduce ? html`<code>${f.reproduce.command}</code>` : ''}</td></tr>`,
    )
    const table = rows.length
      ? html`<table class="headers"><thead><tr><th>Failures</th><th>Error code</th><th>Action</th><th>Manager/member</th><th>Example</th><th>Reproduce</th></tr></thead><tbody>${rows}</tbody></table>`
      : ''
    parts.push(
      html`<section id="logs"><h2>Provisioning logs</h2><div class="card"><p>${logsLine(logs)}</p><p><strong>${logs.thresholds.sentence}</strong></p>${table}</div></section>`,
    )
  }
  const latency = probeLatency(run)
  if (latency.length) {
    parts.push(
      html`<section id="latency"><h2>Live probes</h2><div class="card"><table class="headers">${latency.map((p) => html`<tr><td>${p.ms} ms</td><td>${p.line}</td></tr>`)}</table></div></section>`,
    )
  }
  return html`${parts}`
}

function runInfo(run: RunResult): SafeHtml {
  const r = run.run
  const rows: [string, string][] = [
    ['Target', `${r.target}${r.embedded ? ' (embedded reference server)' : ''}`],
    ['Run', r.runId],
    ['Started', r.startedAt],
    ['Duration', `${(r.durationMs / 1000).toFixed(1)} s`],
    ['Seed', String(r.seed)],
    ['Dialects', r.dialects.join(', ') || 'none'],
    ['Profile', r.profile],
    ['Matching', r.matchingAttribute],
    ['Mode', [r.strict ? 'strict' : 'warnings pass', r.readOnly ? 'read-only' : ''].filter(Boolean).join(', ')],
    ...(r.concurrency !== undefined
      ? [['Concurrency', `${r.concurrency} flow${r.concurrency === 1 ? '' : 's'} at once`] as [string, string]]
      : []),
    ['Tool', `${r.tool.name} ${r.tool.version}`],
  ]
  return html`<dl class="runinfo">${rows.map(([k, v]) => html`<div><dt>${k}:</dt> <dd>${v}</dd></div>`)}</dl>`
}

function diffSection(run: RunResult): SafeHtml {
  const d = run.diff
  if (!d) return html``
  const list = (xs: string[]) =>
    xs.length ? html`<ul>${xs.map((x) => html`<li><code>${x}</code></li>`)}</ul>` : html`<p class="muted">none</p>`
  return html`<section id="diff"><h2>Compared with ${d.baseline}</h2><div class="card"><h3>New failures</h3>${list(d.newFailures)}<h3>Fixed</h3>${list(d.fixed)}<h3>Changed</h3>${list(d.changed)}</div></section>`
}

/** The run as one offline HTML page; every string from the run is escaped by the `html` tag and a CSP blocks anything not inline-hashed. */
export function renderHtml(input: RunResult): string {
  const run = sanitizeRun(input)
  const order = reportOrder(run)
  const anchors = new Anchors()
  for (const flow of byFlow(run.checks).keys()) anchors.take(flowAnchor(flow))
  for (const c of run.checks) anchors.check(c)
  const v = run.verdict
  const notices = run.run.notices.length
    ? html`<ul class="notices">${run.run.notices.map((n) => html`<li>⚠ ${n}</li>`)}</ul>`
    : ''
  const leftovers = run.leftovers.length
    ? html`<section id="leftovers"><h2>Left behind on the server</h2><div class="card"><ul>${run.leftovers.map((l) => html`<li>${l.type} <code>${l.name}</code> (id <code>${l.id}</code>): ${l.reason}</li>`)}</ul></div></section>`
    : ''
  const sections: Record<Section, () => SafeHtml> = {
    // The banner is the verdict; a diagnose run's likely causes come right under it.
    verdict: () => diagnosisSection(run),
    failures: () => html`${failuresSection(run, order, anchors)}${notices}`,
    gallery: () => gallerySection(order),
    warnings: () => html`${warningsSection(run, order, anchors)}${toFix(run, anchors)}`,
    counts: () => html`${runInfo(run)}${diffSection(run)}<section id="matrix"><h2>Flows</h2>${matrix(run)}
<div class="toolbar"><button type="button" data-open="problems">Open failures and warnings</button><button type="button" data-open="all">Open all</button><button type="button" data-open="none">Close all</button></div></section>
${[...byFlow(run.checks)].map(([flow, list]) => flowSection(run, flow, list, anchors))}
${leftovers}`,
  }
  const csp = `default-src 'none'; style-src ${sha256(CSS)}; script-src ${sha256(SCRIPT)}; img-src data:; base-uri 'none'; form-action 'none'`
  return html`<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="${csp}">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="color-scheme" content="light dark">
<title>${`${v.headline} · ${run.run.target}`}</title>
<style>${trusted(CSS)}</style>
</head>
<body>
${verdictBanner(run, order)}
<main>
${SECTIONS.map((s) => html`${sections[s]()}\n`)}</main>
<footer>${`${run.run.tool.name} ${run.run.tool.version} · run ${run.run.runId} · ${run.run.finishedAt}`}</footer>
<script>${trusted(SCRIPT)}</script>
</body>
</html>
`.value
}
