// The token must appear in no artifact of a run, in any format, even when an upstream redaction slipped.
import { readdirSync, readFileSync, mkdtempSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import type { Exchange } from '../../helpers/model/exchange.ts'
import type { RunResult } from '../../helpers/model/result.ts'
import { renderConsole, renderProgressLine } from '../../helpers/report/console.ts'
import { renderHar } from '../../helpers/report/har.ts'
import { renderHtml } from '../../helpers/report/html.ts'
import { renderJson } from '../../helpers/report/json.ts'
import { renderJUnit } from '../../helpers/report/junit.ts'
import { renderMarkdown } from '../../helpers/report/markdown.ts'
import { writeReports } from '../../helpers/report/write.ts'
import { mixedRun, TOKEN } from './fixtures.ts'

const CLIENT_SECRET = 'cs~Vb8Q_3kLm9NpR2tXw7Yz0aBcDeFgHiJ'

function everything(run: RunResult): Record<string, string> {
  return {
    console: renderConsole(run, { color: false }),
    consoleColour: renderConsole(run, { color: true }),
    progress: run.checks.map((c) => renderProgressLine(c, { color: true })).join('\n'),
    json: renderJson(run),
    junit: renderJUnit(run),
    html: renderHtml(run),
    har: renderHar(run),
    md: renderMarkdown(run),
  }
}

/** A run where redaction upstream failed everywhere it could: raw header, echoed header, token request and response. */
function leakyRun(): RunResult {
  const run = mixedRun()
  run.exchanges[0]!.request.headers.Authorization = `Bearer ${TOKEN}`
  run.exchanges[1]!.response!.headers['set-cookie'] = `session=${TOKEN}; HttpOnly`
  run.exchanges[4]!.response!.body = { detail: `Authorization: Bearer ${TOKEN} is not valid` }
  const tokenCall: Exchange = {
    seq: 10,
    startedAt: '2026-05-05T09:14:04.000Z',
    durationMs: 80,
    request: {
      method: 'POST',
      url: 'https://login.fabrikam.example/oauth2/token',
      headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
      body: `grant_type=client_credentials&client_id=app&client_secret=${CLIENT_SECRET}`,
    },
    response: {
      status: 200,
      statusText: 'OK',
      headers: { 'content-type': 'application/json' },
      body: { access_token: TOKEN, token_type: 'Bearer', expires_in: 3599 },
    },
  }
  run.exchanges.push(tokenCall)
  run.checks[3]!.exchanges.push(10)
  run.checks[3]!.message = `POST /Users with Authorization: Bearer ${TOKEN} returned no id`
  return run
}

describe('secrets in reports', () => {
  it('a run recorded with Authorization: Bearer [redacted] leaks the token in no format', () => {
    const run = mixedRun()
    expect(run.exchanges.every((e) => e.request.headers.Authorization === 'Bearer [redacted]')).toBe(true)
    for (const [format, text] of Object.entries(everything(run))) {
      expect(text.includes(TOKEN), format).toBe(false)
      if (['json', 'html', 'har'].includes(format)) expect(text, format).toContain('Bearer [redacted]')
    }
  })

  it('renderers redact again when an upstream redaction slipped', () => {
    for (const [format, text] of Object.entries(everything(leakyRun()))) {
      expect(text.includes(TOKEN), format).toBe(false)
      expect(text.includes(CLIENT_SECRET), format).toBe(false)
    }
    const har = JSON.parse(renderHar(leakyRun()))
    expect(har.log.entries[0].request.headers).toContainEqual({ name: 'Authorization', value: 'Bearer [redacted]' })
    expect(har.log.entries[9].request.postData.text).toBe(
      'grant_type=client_credentials&client_id=app&client_secret=[redacted]',
    )
  })

  it('no file that writeReports writes contains the token', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'scim-preflight-secrets-'))
    const summary = join(dir, 'step-summary.md')
    const paths = await writeReports(leakyRun(), {
      dir,
      formats: ['console', 'json', 'junit', 'html', 'har', 'md'],
      githubStepSummary: summary,
    })
    expect(paths).toHaveLength(6)
    const files = readdirSync(dir, { recursive: true, withFileTypes: true }).filter((d) => d.isFile())
    expect(files.length).toBeGreaterThanOrEqual(6)
    for (const f of files) {
      const text = readFileSync(join(f.parentPath, f.name), 'utf8')
      expect(text.includes(TOKEN), f.name).toBe(false)
      expect(text.includes(CLIENT_SECRET), f.name).toBe(false)
    }
  })
})

describe('redaction helpers', () => {
  it('redact credentials in text but leave prose alone', async () => {
    const { redactText, redactHeaders } = await import('../../helpers/report/sanitize.ts')
    expect(redactText(`Authorization: Bearer ${TOKEN}`)).toBe('Authorization: Bearer [redacted]')
    expect(redactText('Basic dXNlcjpwYXNzd29yZDEyMw==')).toBe('Basic [redacted]')
    expect(redactText('Group "Basic Licensing" uses Bearer authentication')).toBe(
      'Group "Basic Licensing" uses Bearer authentication',
    )
    expect(redactHeaders({ authorization: `Bearer ${TOKEN}`, Cookie: 'a=b', Accept: 'application/scim+json' })).toEqual(
      {
        authorization: 'Bearer [redacted]',
        Cookie: '[redacted]',
        Accept: 'application/scim+json',
      },
    )
  })

  it('skip only what holds nothing to redact: a secret deep in a body or a string is still found', async () => {
    const { redactBody } = await import('../../helpers/report/sanitize.ts')
    const { redact } = await import('../../helpers/client/redact.ts')
    const clean = { schemas: ['urn:x'], members: [{ value: 'a' }], name: { givenName: 'Ann' } }
    expect(redactBody(clean)).toBe(clean)
    expect(redact(clean, [TOKEN])).toBe(clean)
    const deep = { a: [{ b: { Password: 'hunter2-long' } }], c: [`grant_type=x&client_secret=${CLIENT_SECRET}`] }
    expect(redactBody(deep)).toEqual({
      a: [{ b: { Password: '[redacted]' } }],
      c: ['grant_type=x&client_secret=[redacted]'],
    })
    const echoed = { detail: [`token ${TOKEN} refused`] }
    expect(redact(echoed, [TOKEN])).toEqual({ detail: ['token [redacted] refused'] })
    // A secret whose JSON form differs from itself (a quote, a PEM key's line breaks) is found by its escaped form,
    // and a value without it is returned as it is; one with a lone surrogate is looked for by walking.
    expect(redact({ d: 'say "hi" there' }, ['"hi"'])).toEqual({ d: 'say [redacted] there' })
    const pem = '-----BEGIN PRIVATE KEY-----\nMIIEvQIBADANBg"kq\n-----END PRIVATE KEY-----\n'
    expect(redact(clean, [pem])).toBe(clean)
    expect(redact({ d: [`key: ${pem}!`] }, [pem])).toEqual({ d: ['key: [redacted]!'] })
    expect(redact({ [`k${pem}`]: 1 }, [pem])).toEqual({ 'k[redacted]': 1 })
    const lone = 'abc\ud83d'
    expect(redact({ d: `x${lone}\ude00` }, [lone])).toEqual({ d: 'x[redacted]\ude00' })
  })
})
