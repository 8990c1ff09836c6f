// explanation.html: a real result of Microsoft's validation, explained, as one offline page in the order of importance
// (explain-order.ts): the verdict and the first fix in the banner, the failures grouped by what they are (defects
// first), then every test of the file, folded. Built with the escape-by-default `html` tag: every string read from
// Microsoft's file is text, never markup. No script: the Content-Security-Policy allows only the hashed stylesheet.
import { createHash } from 'node:crypto'
import { CSS } from '../report/html-assets.ts'
import { html, trusted, type SafeHtml } from '../report/html-template.ts'
import type { ExplainedFailure, Explanation } from './explain.ts'
import { explanationOrder, kindLabel, rerunLine, toolName, type ExplainGroup } from './explain-order.ts'

const sha256 = (s: string): string => `'sha256-${createHash('sha256').update(s, 'utf8').digest('base64')}'`
const STATUS_MARK = { passed: '✔', failed: '✘', warning: '⚠', skipped: '○' } as const
const STATUS_CLASS = { passed: 'o-passed', failed: 'o-failed', warning: 'o-warned', skipped: 'o-skipped' } as const

function failureItem(f: ExplainedFailure, id: string): SafeHtml {
  const now = rerunLine(f)
  const facts: [string, SafeHtml | string][] = [
    ["Microsoft's result", html`<q class="server">${f.result}</q>`],
    ['Why', f.explanation],
    ['Fix', f.fix],
    ...(f.checks.length
      ? [['Checks', html`${f.checks.map((c, i) => html`${i ? ', ' : ''}<code>${c}</code>`)}`] as [string, SafeHtml]]
      : []),
    ...(f.reproduce ? [['Reproduce', html`<pre>${f.reproduce}</pre>`] as [string, SafeHtml]] : []),
    ...(now ? [['Re-run now', now] as [string, string]] : []),
    ['Source', f.source],
  ]
  return html`<li class="cause" id="${id}"><p class="title"><strong>${f.test}</strong>${f.status === 'warning' ? html` <span class="badge gallery">optional (WARNING)</span>` : ''} <span class="badge">${kindLabel(f)}</span></p>
<p class="message">${f.title}</p>
<dl class="facts">${facts.map(([k, v]) => html`<dt>${k}</dt><dd>${v}</dd>`)}</dl></li>`
}

function groupSection(g: ExplainGroup, first: boolean): SafeHtml {
  return html`<section id="${g.id}"><h2>${g.title} (${g.failures.length})</h2><div class="card"><p class="muted">${g.note}</p><ol class="causes">${g.failures.map((f, i) => failureItem(f, first && i === 0 ? 'first-failure' : `${g.id}-${i + 1}`))}</ol></div></section>`
}

function testsSection(e: Explanation): SafeHtml {
  const rows = e.tests.map(
    (t) =>
      html`<tr><td class="${STATUS_CLASS[t.status]}">${STATUS_MARK[t.status]} ${t.status}</td><td><code>${t.name}</code></td><td>${t.category ?? ''}</td><td>${t.result}</td></tr>`,
  )
  return html`<section id="tests"><details class="fold"><summary>Every test of the file (${e.tests.length})</summary><table class="headers"><tbody>${rows}</tbody></table></details></section>`
}

/** The explanation as one offline HTML page. */
export function renderExplanationHtml(e: Explanation, opts: { finishedAt?: string; version?: string } = {}): string {
  const order = explanationOrder(e)
  const mark = order.kind === 'ready' ? '✔' : order.kind === 'fails' ? '✘' : '⚠'
  const chips = (['passed', 'failed', 'warning', 'skipped'] as const).map(
    (s) =>
      html`<li class="chip ${STATUS_CLASS[s]}${e.counts[s] === 0 ? ' zero' : ''}">${STATUS_MARK[s]} ${e.counts[s]} ${s}</li>`,
  )
  const info: [string, string][] = [
    ['File', e.file],
    ['Result', order.what],
    ...(e.rerun
      ? [
          [
            'Re-run',
            `${e.rerun.target}: ${e.rerun.reproduced} still reproduce, ${e.rerun.fixed} pass now (${e.rerun.checks} checks)`,
          ] as [string, string],
        ]
      : []),
  ]
  const groups = order.groups.map((g, i) => groupSection(g, i === 0))
  const csp = `default-src 'none'; style-src ${sha256(CSS)}; script-src 'none'; img-src data:; base-uri 'none'; form-action 'none'`
  return html`<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="${csp}">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="color-scheme" content="light dark">
<title>${`${order.headline} · ${e.file}`}</title>
<style>${trusted(CSS)}</style>
</head>
<body>
<header class="banner kind-${order.kind}"><div>
<h1 id="verdict">${mark} ${order.headline}</h1>
${order.firstFix ? html`<p class="first-fix" id="first-fix"><a href="#first-failure">Fix first: ${order.firstFix.fix}</a></p>` : ''}
<ul class="chips" aria-label="${order.counts}">${chips}</ul>
</div></header>
<main>
<dl class="runinfo">${info.map(([k, v]) => html`<div><dt>${k}:</dt> <dd>${v}</dd></div>`)}</dl>
${e.failures.length ? groups : html`<section id="nothing"><div class="card"><p>Nothing failed in ${toolName(e)}'s result: no failure to explain.</p></div></section>`}
${testsSection(e)}
</main>
<footer>${`scim-preflight${opts.version ? ` ${opts.version}` : ''} explain${opts.finishedAt ? ` · ${opts.finishedAt}` : ''}`}</footer>
</body>
</html>
`.value
}
