import { describe, expect, it } from 'vitest'
import { renderHar } from '../../helpers/report/har.ts'
import { mixedRun, SCRIPT_BODY } from './fixtures.ts'

describe('renderHar', () => {
  const run = mixedRun()
  const har = JSON.parse(renderHar(run))
  const entries = har.log.entries

  it('is a HAR 1.2 log with one entry per exchange, in order', () => {
    expect(har.log.version).toBe('1.2')
    expect(har.log.creator).toEqual({ name: 'scim-preflight', version: '0.1.0' })
    expect(har.log.comment).toMatch(
      /^Entra provisioning will fail: Create User: POST \/Users: the 201 Created body has no "id"\./,
    )
    expect(entries.map((e: { _seq: number }) => e._seq)).toEqual(run.exchanges.map((e) => e.seq))
  })

  it('carries every field a HAR viewer needs', () => {
    for (const e of entries) {
      expect(Object.keys(e)).toEqual(
        expect.arrayContaining(['startedDateTime', 'time', 'request', 'response', 'cache', 'timings']),
      )
      expect(Object.keys(e.request)).toEqual(
        expect.arrayContaining([
          'method',
          'url',
          'httpVersion',
          'cookies',
          'headers',
          'queryString',
          'headersSize',
          'bodySize',
        ]),
      )
      expect(Object.keys(e.response)).toEqual(
        expect.arrayContaining([
          'status',
          'statusText',
          'httpVersion',
          'cookies',
          'headers',
          'content',
          'redirectURL',
          'headersSize',
          'bodySize',
        ]),
      )
      expect(typeof e.timings.wait).toBe('number')
      expect(Number.isNaN(Date.parse(e.startedDateTime))).toBe(false)
    }
  })

  it('records the request body, query string and headers', () => {
    const post = entries[3]
    expect(post.request.method).toBe('POST')
    expect(post.request.postData.mimeType).toBe('application/scim+json; charset=utf-8')
    expect(JSON.parse(post.request.postData.text).userName).toBe('scimpf-4k2j_Test_User_00aa00aa@contoso.com')
    expect(entries[0].request.queryString).toEqual([
      { name: 'filter', value: 'userName eq "00aa00aa-bb11-cc22-dd33-44ee44ee44ee"' },
    ])
    expect(entries[0].request.headers).toContainEqual({ name: 'Authorization', value: 'Bearer [redacted]' })
    expect(entries[0].request.postData).toBeUndefined()
  })

  it('records the response content, raw text when the body was not JSON', () => {
    const r = entries[6].response
    expect(r).toMatchObject({ status: 500, statusText: 'Internal Server Error' })
    expect(r.content).toEqual({
      size: Buffer.byteLength(SCRIPT_BODY),
      mimeType: 'text/html; charset=utf-8',
      text: SCRIPT_BODY,
    })
    expect(JSON.parse(entries[0].response.content.text).totalResults).toBe(0)
  })

  it('keeps exchanges without an answer as status 0 entries with _error', () => {
    const e = entries[8]
    expect(e.response.status).toBe(0)
    expect(e._error).toBe('timed out after 10000 ms')
    expect(e._retries).toBe(2)
    expect(e._checks).toEqual(['update-group-remove-members/read-back'])
  })
})
