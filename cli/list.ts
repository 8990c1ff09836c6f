// `scim-preflight list`: the catalog, without touching the network. Each check shows its level and the evidence for it.
import { SEVERITIES, SEVERITY_LABEL } from '../helpers/suite/check-info.ts'
import { catalog } from '../specs/catalog.ts'

export function listCommand(opts: { markdown: boolean; json: boolean }): number {
  const entries = Object.entries(catalog)
  const cellText = (s: string) => s.replace(/\|/g, '\\|')
  if (opts.json) {
    process.stdout.write(`${JSON.stringify(Object.fromEntries(entries), null, 2)}\n`)
  } else if (opts.markdown) {
    const rows = entries.map(([id, c]) =>
      `| \`${id}\` | ${SEVERITY_LABEL[c.severity]} | ${cellText(c.title)} | ${cellText(c.evidence.says)} ${c.evidence.sources.map((r) => `[${cellText(r.label)}](${r.url})`).join(', ')} | ${c.refs.map((r) => `[${cellText(r.label)}](${r.url})`).join('<br>')} |`)
    process.stdout.write(`| id | level | rule | why this level | references |\n|---|---|---|---|---|\n${rows.join('\n')}\n`)
  } else {
    const width = Math.max(...entries.map(([id]) => id.length))
    const levelWidth = Math.max(...Object.values(SEVERITY_LABEL).map((l) => l.length))
    for (const [id, c] of entries) {
      process.stdout.write(`${id.padEnd(width)}  ${SEVERITY_LABEL[c.severity].padEnd(levelWidth)}  ${c.title}\n`)
      process.stdout.write(`${''.padEnd(width)}  ${''.padEnd(levelWidth)}  why: ${c.evidence.says} (${c.evidence.sources.map((r) => `${r.label} ${r.url}`).join('; ')})\n`)
    }
    const counts = SEVERITIES.map((s) => `${entries.filter(([, c]) => c.severity === s).length} ${SEVERITY_LABEL[s]}`)
    process.stdout.write(`\n${entries.length} checks: ${counts.join(', ')}\n`)
    process.stdout.write(`${SEVERITY_LABEL.entra}: fails the run. ${SEVERITY_LABEL.security}: fails the run. ${SEVERITY_LABEL.gallery}: a warning; fails with --gallery. ${SEVERITY_LABEL.rfc}: a warning; fails with --strict (which fails every warning).\n`)
  }
  return 0
}
