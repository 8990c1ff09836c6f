// `scim-preflight list`: the catalog, without touching the network. Each check shows its level and the evidence for
// it; an Entra-level check also shows the request of Entra's it mirrors and the run-time source that shows it.
import { SEVERITIES, SEVERITY_LABEL, type CheckInfo } from '../helpers/model/check-info.ts'
import { isRfcSource, isValidationSource, type Ref } from '../helpers/model/refs.ts'
import { catalog, type CheckId } from '../specs/catalog.ts'
import { MIRRORS } from '../specs/mirrors.ts'

/** The request an Entra-level check mirrors and its first run-time source (a Microsoft document of the service or a capture). */
export function mirrorOf(id: string, c: CheckInfo): { request: string; source: Ref } | undefined {
  const request = MIRRORS[id as CheckId]
  const source = c.evidence.sources.find((r) => !isRfcSource(r) && !isValidationSource(r))
  return c.severity === 'entra' && request && source ? { request, source } : undefined
}

export function listCommand(opts: { markdown: boolean; json: boolean }): number {
  const entries = Object.entries(catalog)
  const cellText = (s: string) => s.replace(/\|/g, '\\|')
  if (opts.json) {
    process.stdout.write(
      `${JSON.stringify(
        Object.fromEntries(
          entries.map(([id, c]) => {
            const mirrors = mirrorOf(id, c)
            return [id, mirrors ? { ...c, mirrors } : c]
          }),
        ),
        null,
        2,
      )}\n`,
    )
  } else if (opts.markdown) {
    const rows = entries.map(([id, c]) => {
      const m = mirrorOf(id, c)
      const mirrors = m ? `<br>Mirrors \`${cellText(m.request)}\` ([${cellText(m.source.label)}](${m.source.url}))` : ''
      return `| \`${id}\` | ${SEVERITY_LABEL[c.severity]} | ${cellText(c.title)} | ${cellText(c.evidence.says)} ${c.evidence.sources.map((r) => `[${cellText(r.label)}](${r.url})`).join(', ')}${mirrors} | ${c.refs.map((r) => `[${cellText(r.label)}](${r.url})`).join('<br>')} |`
    })
    process.stdout.write(
      `| id | level | rule | why this level | references |\n|---|---|---|---|---|\n${rows.join('\n')}\n`,
    )
  } else {
    const width = Math.max(...entries.map(([id]) => id.length))
    const levelWidth = Math.max(...Object.values(SEVERITY_LABEL).map((l) => l.length))
    const indent = `${''.padEnd(width)}  ${''.padEnd(levelWidth)}  `
    for (const [id, c] of entries) {
      process.stdout.write(`${id.padEnd(width)}  ${SEVERITY_LABEL[c.severity].padEnd(levelWidth)}  ${c.title}\n`)
      process.stdout.write(
        `${indent}why: ${c.evidence.says} (${c.evidence.sources.map((r) => `${r.label} ${r.url}`).join('; ')})\n`,
      )
      const m = mirrorOf(id, c)
      if (m) process.stdout.write(`${indent}mirrors: ${m.request} (${m.source.label} ${m.source.url})\n`)
    }
    const counts = SEVERITIES.map((s) => `${entries.filter(([, c]) => c.severity === s).length} ${SEVERITY_LABEL[s]}`)
    process.stdout.write(`\n${entries.length} checks: ${counts.join(', ')}\n`)
    process.stdout.write(
      `${SEVERITY_LABEL.entra}: fails the run. ${SEVERITY_LABEL.security}: fails the run. ${SEVERITY_LABEL.gallery}: a warning; fails with --gallery. ${SEVERITY_LABEL.rfc}: a warning; fails with --strict (which fails every warning).\n`,
    )
  }
  return 0
}
