// Writes an explanation's files into <dir>/explain-<id>/ (explanation.json, explanation.html, explanation.md,
// junit.xml: the formats --report asks for) and appends the Markdown to the GitHub step summary when there is one,
// as a run does. The console is printed by the caller.
import { appendFile, mkdir, writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import type { ReportFormat } from '../model/report-formats.ts'
import type { Explanation } from './explain.ts'
import { renderExplanationJUnit } from './explain-junit.ts'
import { renderExplanationMarkdown } from './explain-markdown.ts'

/** The report formats an explanation has: all of a run's but the HAR (the re-run is not the explanation). */
export type ExplainFormat = Exclude<ReportFormat, 'har'>

export const EXPLAIN_FILES = {
  json: 'explanation.json',
  html: 'explanation.html',
  md: 'explanation.md',
  junit: 'junit.xml',
} as const satisfies Record<Exclude<ExplainFormat, 'console'>, string>

async function render(f: keyof typeof EXPLAIN_FILES, e: Explanation, version?: string): Promise<string> {
  switch (f) {
    case 'json':
      return `${JSON.stringify(e, null, 2)}\n`
    case 'html':
      return (await import('./explain-html.ts')).renderExplanationHtml(e, {
        finishedAt: new Date().toISOString(),
        version,
      })
    case 'md':
      return renderExplanationMarkdown(e)
    case 'junit':
      return renderExplanationJUnit(e)
  }
}

/** Writes the file formats among `formats`; returns the paths written (the step summary last). */
export async function writeExplanation(
  e: Explanation,
  opts: { dir: string; id: string; formats: readonly ExplainFormat[]; githubStepSummary?: string; version?: string },
): Promise<string[]> {
  const written: string[] = []
  const files = [...new Set(opts.formats.filter((f): f is keyof typeof EXPLAIN_FILES => f !== 'console'))]
  if (files.length) {
    const out = join(opts.dir, `explain-${opts.id}`)
    await mkdir(out, { recursive: true })
    for (const f of files) {
      const path = join(out, EXPLAIN_FILES[f])
      await writeFile(path, await render(f, e, opts.version))
      written.push(path)
    }
  }
  if (opts.githubStepSummary) {
    await appendFile(opts.githubStepSummary, `${renderExplanationMarkdown(e)}\n`)
    written.push(opts.githubStepSummary)
  }
  return written
}
