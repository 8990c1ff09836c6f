// report.html: one self-contained page (inline CSS and script, no network) with the verdict first and every exchange.
import { createHash } from 'node:crypto'
import type { Exchange } from '../client/exchange.ts'
import type { Cause, CheckResult, Outcome, RunResult } from '../result/model.ts'
import { causesLine, causesOf } from '../result/causes.ts'
import { CSS, SCRIPT } from './html-assets.ts'
import { sanitizeRun } from './json.ts'
import { causeEntraLine, logsLine, probeLatency } from './diagnosis.ts'
import { causesHeading, isInconclusive, WRITES_UNSEEN } from '../diagnose/to-report.ts'
import { byFlow, countsLine, EVIDENCE_LIMIT, evidence, flowDialects, galleryItemLine, hasExpectation, MARK, prettyBody, requestLine } from './text.ts'
import { SEVERITY_LABEL } from '../suite/check-info.ts'

/** Escapes text for element content and quoted attributes alike. */
export const esc = (s: string): string =>
  s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;').replace(/'/g, '&#39;')

const slug = (s: string): string => s.toLowerCase().replace(/[^a-z0-9]+/g, '-').replace(/^-|-$/g, '') || 'x'
const sha256 = (s: string): string => `'sha256-${createHash('sha256').update(s, 'utf8').digest('base64')}'`
const OUTCOMES: Outcome[] = ['failed', 'warned', 'waived', 'blocked', 'passed', 'skipped']
const LABEL: Record<Outcome, string> = { passed: 'passed', failed: 'failed', warned: 'warning', skipped: 'skipped', blocked: 'blocked', waived: 'waived' }

function link(url: string, label: string): string {
  return /^https?:\/\//i.test(url) ? `<a href="${esc(url)}" rel="noopener noreferrer" target="_blank">${esc(label)}</a>` : esc(`${label} ${url}`)
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

const flowAnchor = (flow: string, dialect?: string): string => `flow-${slug(flow)}${dialect ? `--${slug(dialect)}` : ''}`

function countSpans(list: readonly CheckResult[]): string {
  return OUTCOMES.map((o) => [o, list.filter((c) => c.outcome === o).length] as const)
    .filter(([, n]) => n > 0)
    .map(([o, n]) => `<span class="n o-${o}" title="${LABEL[o]}">${MARK[o]} ${n}</span>`)
    .join('')
}

const worst = (list: readonly CheckResult[]): Outcome => OUTCOMES.find((o) => list.some((c) => c.outcome === o)) ?? 'skipped'

function matrix(run: RunResult): string {
  const flows = byFlow(run.checks)
  const columns = [...new Set([...run.run.dialects, ...run.checks.flatMap((c) => (c.dialect ? [c.dialect] : []))])]
  const span = Math.max(1, columns.length)
  const head = columns.length ? columns.map((d) => `<th scope="col">${esc(d)}</th>`).join('') : '<th scope="col">Checks</th>'
  const rows = [...flows].map(([flow, list]) => {
    const perDialect = flowDialects(list).length > 0 && list.every((c) => c.dialect)
    const cell = (items: CheckResult[], href: string, title: string, colspan = 1) =>
      `<td${colspan > 1 ? ` colspan="${colspan}"` : ''}>${
        items.length
          ? `<a class="worst-${worst(items)}" href="#${href}" title="${esc(title)}">${countSpans(items)}</a>`
          : '<span class="muted">not run</span>'
      }</td>`
    const cells = perDialect
      ? columns.map((d) => cell(list.filter((c) => c.dialect === d), flowAnchor(flow, d), `${flow} [${d}]`)).join('')
      : cell(list, flowAnchor(flow), flow, span)
    return `<tr><th scope="row"><a href="#${flowAnchor(flow)}">${esc(flow)}</a></th>${cells}</tr>`
  })
  return `<table class="matrix"><thead><tr><th scope="col">Flow</th>${head}</tr></thead><tbody>${rows.join('')}</tbody></table>`
}

function statusClass(ex: Exchange): string {
  const s = ex.response?.status
  if (s === undefined) return 'st-none'
  return s >= 500 ? 'st-server' : s >= 400 ? 'st-client' : 'st-ok'
}

function headersTable(h: Record<string, string>): string {
  const rows = Object.entries(h).map(([k, v]) => `<tr><td>${esc(k)}</td><td>${esc(v)}</td></tr>`)
  if (!rows.length) return '<p class="muted">no headers</p>'
  return `<details class="hdrs"><summary>Headers (${rows.length})</summary><table class="headers">${rows.join('')}</table></details>`
}

function exchange(ex: Exchange): string {
  const r = ex.response
  const answer = r ? `${r.status} ${r.statusText}`.trim() : `no response: ${ex.error ?? 'unknown error'}`
  const retries = ex.retries ? ` · ${ex.retries} retr${ex.retries === 1 ? 'y' : 'ies'}` : ''
  const line =
    `<p class="reqline" title="${esc(requestLine(ex))}"><span class="seq">#${ex.seq}</span>${esc(`${ex.request.method} ${ex.request.url}`)} → ` +
    `<span class="st ${statusClass(ex)}">${esc(answer)}</span><span class="dur">${Math.round(ex.durationMs)} ms${retries}</span></p>`
  const reqBody = ex.request.body === undefined ? '<p class="muted">no body</p>' : `<pre>${esc(prettyBody(ex.request.body))}</pre>`
  let resPart: string
  if (!r) resPart = `<p class="st-none">${esc(ex.error ?? 'no response')}</p>`
  else {
    const text = r.rawText ?? (r.body === undefined ? undefined : prettyBody(r.body))
    resPart = `${headersTable(r.headers)}${text === undefined || text === '' ? '<p class="muted">no body</p>' : `<pre>${esc(text)}</pre>`}`
  }
  return `<div class="exchange">${line}<div class="halves"><div class="half"><h4>Request</h4>${headersTable(ex.request.headers)}${reqBody}</div><div class="half"><h4>Response</h4>${resPart}</div></div></div>`
}

function checkBlock(run: RunResult, c: CheckResult, id: string): string {
  const tag = c.dialect ? `<span class="badge">${esc(c.dialect)}</span>` : ''
  const summary =
    `<summary><span class="mark o-${c.outcome}" title="${LABEL[c.outcome]}">${MARK[c.outcome]}</span>` +
    `<code class="id">${esc(c.id)}</code><span class="title">${esc(c.title)}</span>${tag}` +
    `<span class="badge ${c.severity}" title="${esc(c.evidence.says)}">${esc(SEVERITY_LABEL[c.severity])}</span></summary>`
  const facts: string[] = []
  if (hasExpectation(c)) {
    facts.push(`<dt>Expected</dt><dd><pre>${esc(prettyBody(c.expected ?? null))}</pre></dd>`)
    facts.push(`<dt>Actual</dt><dd><pre>${esc(prettyBody(c.actual ?? null))}</pre></dd>`)
  }
  const problem = c.outcome !== 'passed' && c.outcome !== 'skipped' && c.outcome !== 'blocked'
  const q = c.entra.quarantine ? ` (quarantine: ${c.entra.quarantine})` : ''
  facts.push(`<dt>${problem ? 'Entra' : 'If this breaks'}</dt><dd><code>${esc(c.entra.code)}</code>${esc(q)} — ${esc(c.entra.effect)}</dd>`)
  if (problem) facts.push(`<dt>Fix</dt><dd>${esc(c.fix)}</dd>`)
  if (c.waiver) facts.push(`<dt>Waived</dt><dd>${esc(c.waiver.reason)}${c.waiver.expires ? esc(` (until ${c.waiver.expires})`) : ''}</dd>`)
  facts.push(`<dt>Rule</dt><dd>${c.refs.map((r) => link(r.url, r.label)).join(' · ') || '<span class="muted">none</span>'}</dd>`)
  facts.push(`<dt>Level</dt><dd><strong>${esc(SEVERITY_LABEL[c.severity])}</strong> — ${esc(c.evidence.says)} (${c.evidence.sources.map((r) => link(r.url, r.label)).join(' · ')})</dd>`)
  // The decisive request (the last one) first, as in the console; the rest follow.
  const exchanges = evidence(run, c).map(exchange).join('')
  return (
    `<details class="check ${c.outcome}" id="${id}">${summary}<div class="body">` +
    `${c.message ? `<p class="message">${esc(c.message)}</p>` : ''}<dl class="facts">${facts.join('')}</dl>` +
    `${exchanges || '<p class="muted">No requests recorded for this check.</p>'}</div></details>`
  )
}

function flowSection(run: RunResult, flow: string, list: CheckResult[], anchors: Anchors): string {
  const dialects = flowDialects(list)
  const groups: [string | undefined, CheckResult[]][] =
    dialects.length && list.every((c) => c.dialect) ? dialects.map((d) => [d, list.filter((c) => c.dialect === d)]) : [[undefined, list]]
  const body = groups
    .map(([d, items]) => {
      const blocks = items.map((c) => checkBlock(run, c, anchors.byCheck.get(c) ?? '')).join('')
      return d ? `<div class="dialect" id="${flowAnchor(flow, d)}"><h3>${esc(d)}</h3>${blocks}</div>` : blocks
    })
    .join('')
  return `<section class="flow" id="${flowAnchor(flow)}"><h2>${esc(flow)} <span class="muted">${countSpans(list)}</span></h2>${body}</section>`
}

function causeItem(run: RunResult, c: Cause, anchors: Anchors): string {
  const links = c.checks.map((k) => {
    const check = run.checks.find((x) => x.id === k.id && x.dialect === k.dialect)
    const label = `${k.id}${k.dialect ? ` [${k.dialect}]` : ''}`
    return check && anchors.byCheck.get(check) ? `<a href="#${anchors.byCheck.get(check)}"><code>${esc(label)}</code></a>` : `<code>${esc(label)}</code>`
  })
  const ex = c.exchange !== undefined ? run.exchanges.find((e) => e.seq === c.exchange) : undefined
  const q = c.entra.quarantine ? ` (quarantine: ${c.entra.quarantine})` : ''
  const facts = [
    `<dt>${c.level === 'failure' ? 'Failed' : 'Warned'}</dt><dd>${links.join(', ')}${c.blocked ? esc(` (and ${c.blocked} blocked by it)`) : ''}</dd>`,
    ex ? `<dt>Request</dt><dd><code>${esc(requestLine(ex))}</code></dd>` : c.request ? `<dt>Request</dt><dd><code>${esc(c.request)}</code></dd>` : '',
    `<dt>Entra</dt><dd><code>${esc(c.entra.code)}</code>${esc(q)} — ${esc(c.entra.effect)}</dd>`,
    `<dt>Fix</dt><dd>${esc(c.fix)}</dd>`,
  ]
  return `<li class="cause ${c.level}" data-rank="${c.rank}"><p class="title"><strong>${esc(c.title)}</strong> <span class="muted">${esc(c.impact)}</span></p><dl class="facts">${facts.join('')}</dl></li>`
}

/** "N causes (M failed checks)", each cause worst for Entra first, then warnings the same way: what to fix first. */
function causesSection(run: RunResult, anchors: Anchors): string {
  const causes = causesOf(run)
  const failures = causes.filter((c) => c.level === 'failure')
  const warnings = causes.filter((c) => c.level === 'warning')
  const n = warnings.reduce((k, c) => k + c.checks.length, 0)
  const warn = warnings.length
    ? `<h3>Warnings: ${warnings.length} ${warnings.length === 1 ? 'cause' : 'causes'} (${n} warned ${n === 1 ? 'check' : 'checks'})</h3><ol class="causes" start="${warnings[0]!.rank}">${warnings.map((c) => causeItem(run, c, anchors)).join('')}</ol>`
    : ''
  return `<section id="root-causes"><h2>${esc(causesLine(failures))}</h2><div class="card">${failures.length ? `<ol class="causes">${failures.map((c) => causeItem(run, c, anchors)).join('')}</ol>` : '<p class="muted">No failed check.</p>'}${warn}</div></section>`
}

function toFix(run: RunResult, anchors: Anchors): string {
  const items = run.checks.filter((c) => c.outcome === 'failed' || c.outcome === 'warned')
  if (!items.length) return ''
  const li = items.map((c) => {
    const last = evidence(run, c, EVIDENCE_LIMIT)[0]
    const why = c.message ?? (last ? requestLine(last) : c.fix)
    return `<li><span class="mark o-${c.outcome}">${MARK[c.outcome]}</span> <a href="#${anchors.byCheck.get(c)}">${esc(c.flow)}${c.dialect ? esc(` [${c.dialect}]`) : ''}: ${esc(c.title)}</a> <code>${esc(c.id)}</code><span class="why">${esc(why)}</span></li>`
  })
  return `<section id="to-fix"><h2>To fix (${items.length})</h2><div class="card"><ol class="todo">${li.join('')}</ol></div></section>`
}

function diagnosisSection(run: RunResult): string {
  const d = run.diagnosis
  if (!d) return ''
  const causes = d.causes.map((c) => {
    const evidence = c.evidence.map((e) => `<li>${esc(e)}</li>`).join('')
    const reproduce = c.reproduce ? `<dt>Reproduce</dt><dd><code>${esc(c.reproduce.command)}</code></dd>` : ''
    return `<li class="cause"><p class="title"><strong>${esc(c.title)}</strong></p><dl class="facts"><dt>Entra</dt><dd>${esc(causeEntraLine(c).replace(/^Entra: /, ''))}</dd><dt>Evidence</dt><dd><ul>${evidence}</ul></dd><dt>Fix</dt><dd>${esc(c.fix)}</dd>${reproduce}</dl></li>`
  })
  const parts = [`<section id="causes"><h2>${esc(causesHeading(run))}</h2><div class="card">${causes.length ? `<ol class="causes">${causes.join('')}</ol>` : `<p class="muted">${isInconclusive(run) ? esc(WRITES_UNSEEN) : 'The probes passed and the files show no failures.'}</p>`}</div></section>`]
  if (d.job) {
    const g = d.job.restart.graph
    parts.push(`<section id="job"><h2>Job status <span class="muted">${esc(d.job.file)}</span></h2><div class="card"><ul>${d.job.summary.map((l) => `<li>${esc(l)}</li>`).join('')}</ul><pre>${esc(`${g.method} https://graph.microsoft.com/v1.0${g.path}\n${JSON.stringify(g.body)}`)}</pre></div></section>`)
  }
  if (d.logs) {
    const logs = d.logs
    const rows = logs.failureGroups.map((f) => `<tr><td>${f.count}</td><td><code>${esc(f.code)}</code></td><td>${esc(f.action)}</td><td>${f.referenceCount}</td><td>${esc(`${f.example.object ?? 'an object'}: ${f.example.text}`)}</td><td>${f.reproduce ? `<code>${esc(f.reproduce.command)}</code>` : ''}</td></tr>`)
    const table = rows.length ? `<table class="headers"><thead><tr><th>Failures</th><th>Error code</th><th>Action</th><th>Manager/member</th><th>Example</th><th>Reproduce</th></tr></thead><tbody>${rows.join('')}</tbody></table>` : ''
    parts.push(`<section id="logs"><h2>Provisioning logs</h2><div class="card"><p>${esc(logsLine(logs))}</p><p><strong>${esc(logs.thresholds.sentence)}</strong></p>${table}</div></section>`)
  }
  const latency = probeLatency(run)
  if (latency.length) {
    parts.push(`<section id="latency"><h2>Live probes</h2><div class="card"><table class="headers">${latency.map((p) => `<tr><td>${p.ms} ms</td><td>${esc(p.line)}</td></tr>`).join('')}</table></div></section>`)
  }
  return parts.join('\n')
}

function runInfo(run: RunResult): string {
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
    ...(r.concurrency !== undefined ? [['Concurrency', `${r.concurrency} flow${r.concurrency === 1 ? '' : 's'} at once`] as [string, string]] : []),
    ['Tool', `${r.tool.name} ${r.tool.version}`],
  ]
  return `<dl class="runinfo">${rows.map(([k, v]) => `<div><dt>${esc(k)}:</dt> <dd>${esc(v)}</dd></div>`).join('')}</dl>`
}

function diffSection(run: RunResult): string {
  const d = run.diff
  if (!d) return ''
  const list = (xs: string[]) => (xs.length ? `<ul>${xs.map((x) => `<li><code>${esc(x)}</code></li>`).join('')}</ul>` : '<p class="muted">none</p>')
  return `<section id="diff"><h2>Compared with ${esc(d.baseline)}</h2><div class="card"><h3>New failures</h3>${list(d.newFailures)}<h3>Fixed</h3>${list(d.fixed)}<h3>Changed</h3>${list(d.changed)}</div></section>`
}

/** The run as one offline HTML page; every string from the run is escaped and a CSP blocks anything not inline-hashed. */
export function renderHtml(input: RunResult): string {
  const run = sanitizeRun(input)
  const anchors = new Anchors()
  for (const flow of byFlow(run.checks).keys()) anchors.take(flowAnchor(flow))
  for (const c of run.checks) anchors.check(c)
  const v = run.verdict
  const counts = run.counts
  const chips = OUTCOMES.filter((o) => o !== 'waived' || counts.waived > 0)
    .map((o) => `<li class="chip o-${o}${counts[o] === 0 ? ' zero' : ''}">${MARK[o]} ${counts[o]} ${LABEL[o]}${o === 'warned' ? 's' : ''}</li>`)
    .join('')
  const notices = run.run.notices.length ? `<ul class="notices">${run.run.notices.map((n) => `<li>⚠ ${esc(n)}</li>`).join('')}</ul>` : ''
  const leftovers = run.leftovers.length
    ? `<section id="leftovers"><h2>Left behind on the server</h2><div class="card"><ul>${run.leftovers.map((l) => `<li>${esc(l.type)} <code>${esc(l.name)}</code> (id <code>${esc(l.id)}</code>): ${esc(l.reason)}</li>`).join('')}</ul></div></section>`
    : ''
  const flows = [...byFlow(run.checks)].map(([flow, list]) => flowSection(run, flow, list, anchors)).join('')
  const csp = `default-src 'none'; style-src ${sha256(CSS)}; script-src ${sha256(SCRIPT)}; img-src data:; base-uri 'none'; form-action 'none'`
  const mark = v.kind === 'ready' ? MARK.passed : v.kind === 'fails' ? MARK.failed : MARK.warned
  const limits = v.scope.limits.map((l) => `<p class="limit">${esc(l)}</p>`).join('')
  const galleryItems = v.gallery.items.length
    ? `<ul class="gallery-items">${v.gallery.items.map((i) => `<li class="g-${i.status}">${esc(galleryItemLine(i))} ${link(i.source.url, 'source')}</li>`).join('')}</ul>`
    : ''

  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="${esc(csp)}">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="color-scheme" content="light dark">
<title>${esc(`${v.headline} · ${run.run.target}`)}</title>
<style>${CSS}</style>
</head>
<body>
<header class="banner kind-${v.kind}"><div>
<h1 id="verdict">${mark} ${esc(v.headline)}</h1>
${limits}
<p class="gallery">${v.gallery.met ? '✔' : '○'} ${esc(v.gallery.text)}</p>
${galleryItems}
<ul class="chips" aria-label="${esc(countsLine(counts))}">${chips}</ul>
</div></header>
<main>
${notices}
${diagnosisSection(run)}
${causesSection(run, anchors)}
${runInfo(run)}
${diffSection(run)}
${toFix(run, anchors)}
<section id="matrix"><h2>Flows</h2>${matrix(run)}
<div class="toolbar"><button type="button" data-open="problems">Open failures and warnings</button><button type="button" data-open="all">Open all</button><button type="button" data-open="none">Close all</button></div></section>
${flows}
${leftovers}
</main>
<footer>${esc(`${run.run.tool.name} ${run.run.tool.version} · run ${run.run.runId} · ${run.run.finishedAt}`)}</footer>
<script>${SCRIPT}</script>
</body>
</html>
`
}
