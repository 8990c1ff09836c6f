// A diagnose run's "likely causes" come first in every format, validate against the schema, and stay inert and redacted.
import { readFileSync } from 'node:fs'
import { Ajv } from 'ajv'
import addFormats from 'ajv-formats'
import { describe, expect, it } from 'vitest'
import { renderConsole } from '../../helpers/report/console.ts'
import { renderHtml } from '../../helpers/report/html.ts'
import { renderJson } from '../../helpers/report/json.ts'
import { renderJUnit } from '../../helpers/report/junit.ts'
import { renderMarkdown } from '../../helpers/report/markdown.ts'
import type { RunResult } from '../../helpers/model/result.ts'
import { mixedRun, TOKEN } from './fixtures.ts'

function diagnosedRun(): RunResult {
  const run = mixedRun()
  run.diagnosis = {
    causes: [
      {
        title: 'A query on /Users answers 404 where Entra expects 200 with an empty ListResponse',
        code: 'SystemForCrossDomainIdentityManagementServiceIncompatible',
        quarantineReason: 'EncounteredQuarantineException (SCIM compliance issue)',
        observations: [
          'Live probe (test-connection/users-filter-responds-200): GET /scim/v2/Users?filter=… → 404',
          `Example: the endpoint said <script>alert(1)</script> Bearer ${TOKEN}`,
        ],
        fix: 'Answer a filter that matches nothing with 200 and an empty ListResponse.',
        reproduce: {
          checkId: 'test-connection/users-filter-responds-200',
          command: "npx scim-preflight --only 'test-connection/users-filter-responds-200'",
        },
        score: 224,
      },
      {
        title: 'The endpoint took too long to answer.',
        code: 'Timeout',
        observations: ['Provisioning logs: 12 of 6,000 failures'],
        fix: 'Answer promptly.',
        score: 3,
      },
    ],
    job: {
      file: 'job.json',
      statusCode: 'Quarantine',
      quarantined: true,
      reason: 'EncounteredQuarantineException',
      summary: ['The job is quarantined: EncounteredQuarantineException.'],
      restart: {
        portal: 'Restart provisioning.',
        graph: {
          method: 'POST',
          path: '/servicePrincipals/{id}/synchronization/jobs/{jobId}/restart',
          body: { criteria: { resetScope: 'Watermark, Escrows, QuarantineState' } },
        },
        note: 'n',
      },
    },
    logs: {
      files: [{ path: 'logs.json', format: 'graph-json', entries: 6000 }],
      events: 6000,
      successes: 0,
      failures: 6000,
      skipped: 0,
      referenceFailures: 3300,
      nonReferenceFailures: 2700,
      thresholds: {
        evaluated: true,
        wouldQuarantine: true,
        exceeded: ['proportion'],
        likelyReason: 'EncounteredEscrowProportionThreshold',
        nonReferenceShare: 0.45,
        sentence: 'Over the quarantine threshold.',
      },
      failureGroups: [
        {
          code: 'EntryConflict',
          action: 'create',
          count: 1500,
          referenceCount: 0,
          example: { object: 'adele@contoso.example', errorCode: 'EntryConflict', text: '409 | <b>exists</b>' },
        },
      ],
    },
  }
  return run
}

describe('the diagnosis section', () => {
  it('leads the console output, with what was observed, the fix and the command to reproduce', () => {
    const out = renderConsole(diagnosedRun(), { color: false, verbose: true, width: 1000 })
    const lines = out.split('\n')
    expect(lines.indexOf('Likely causes, most likely first')).toBeGreaterThan(0)
    expect(lines.indexOf('Likely causes, most likely first')).toBeLessThan(
      lines.findIndex((l) => l.startsWith('Test Connection')),
    )
    expect(out).toContain("     Reproduce: npx scim-preflight --only 'test-connection/users-filter-responds-200'")
    expect(out).toContain(
      '     Entra: SystemForCrossDomainIdentityManagementServiceIncompatible · quarantine EncounteredQuarantineException (SCIM compliance issue)',
    )
    expect(out).toContain('Restart with Graph: POST /servicePrincipals/{id}/synchronization/jobs/{jobId}/restart')
    expect(out).toContain('Over the quarantine threshold.')
    expect(out).not.toContain(TOKEN)
  })

  it('comes before the flow table in Markdown, escaped', () => {
    const md = renderMarkdown(diagnosedRun())
    expect(md.indexOf('### Likely causes, most likely first')).toBeLessThan(md.indexOf('| Flow | Dialect |'))
    expect(md).toContain('1. **A query on /Users answers 404')
    expect(md).toContain('| 1500 | EntryConflict | create | 0 |')
    expect(md).not.toContain('<script>')
    expect(md).not.toContain(TOKEN)
  })

  it('comes before the flows matrix in HTML, escaped', () => {
    const html = renderHtml(diagnosedRun())
    expect(html.indexOf('<section id="causes">')).toBeGreaterThan(0)
    expect(html.indexOf('<section id="causes">')).toBeLessThan(html.indexOf('<section id="matrix">'))
    expect(html).toContain('&lt;script&gt;alert(1)&lt;/script&gt;')
    expect(html).not.toContain(TOKEN)
  })

  it('is named in JUnit comments, before the test suites', () => {
    const xml = renderJUnit(diagnosedRun())
    expect(xml.indexOf('<!-- Likely cause 1: A query on /Users answers 404')).toBeLessThan(xml.indexOf('<testsuites'))
    expect(xml).not.toContain(TOKEN)
  })

  it('is valid against report.schema.json in the JSON report', () => {
    const schema = JSON.parse(readFileSync(new URL('../../helpers/report/report.schema.json', import.meta.url), 'utf8'))
    const ajv = new Ajv({ allErrors: true, strict: true })
    addFormats.default(ajv)
    const validate = ajv.compile(schema)
    const json = JSON.parse(renderJson(diagnosedRun()))
    expect(validate(json), JSON.stringify(validate.errors)).toBe(true)
    expect(JSON.stringify(json)).not.toContain(TOKEN)
    const bad = { ...json, diagnosis: { causes: [{ title: 't' }] } }
    expect(validate(bad)).toBe(false)
  })
})
