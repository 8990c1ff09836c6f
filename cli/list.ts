// `scim-preflight list`: the catalog, without touching the network.
import { catalog } from '../specs/catalog.ts'

export function listCommand(opts: { markdown: boolean; json: boolean }): number {
  const entries = Object.entries(catalog)
  if (opts.json) {
    process.stdout.write(`${JSON.stringify(Object.fromEntries(entries), null, 2)}\n`)
  } else if (opts.markdown) {
    const rows = entries.map(([id, c]) => `| \`${id}\` | ${c.severity} | ${c.title.replace(/\|/g, '\\|')} | ${c.refs.map((r) => `[${r.label}](${r.url})`).join('<br>')} |`)
    process.stdout.write(`| id | severity | rule | references |\n|---|---|---|---|\n${rows.join('\n')}\n`)
  } else {
    const width = Math.max(...entries.map(([id]) => id.length))
    for (const [id, c] of entries) process.stdout.write(`${id.padEnd(width)}  ${c.severity.padEnd(11)}  ${c.title}\n`)
    const required = entries.filter(([, c]) => c.severity === 'required').length
    process.stdout.write(`\n${entries.length} checks: ${required} required, ${entries.length - required} recommended\n`)
  }
  return 0
}
