// load.json validates against load.schema.json, and the schema refuses drift from the model.
import { readFileSync } from 'node:fs'
import { Ajv } from 'ajv'
import addFormats from 'ajv-formats'
import { describe, expect, it } from 'vitest'
import { renderLoadJson } from '../../helpers/report/load-json.ts'
import { renderLoadConsole } from '../../helpers/report/load-console.ts'
import { throttledRun } from './fixtures.ts'

const ajv = new Ajv({ allErrors: true, strict: true })
addFormats.default(ajv)
const validate = ajv.compile(
  JSON.parse(readFileSync(new URL('../../helpers/report/load.schema.json', import.meta.url), 'utf8')),
)

describe('load reports', () => {
  it('load.json validates and points at the schema', () => {
    const json = JSON.parse(renderLoadJson(throttledRun()))
    expect(validate(json), JSON.stringify(validate.errors)).toBe(true)
    expect(json.$schema).toBe('helpers/report/load.schema.json')
    json.verdict.kind = 'ok'
    expect(validate(json)).toBe(false)
  })

  it('the console text leads with the verdict and names 429s and Retry-After', () => {
    const text = renderLoadConsole(throttledRun(), { color: false })
    expect(text.trim().split('\n')[0]).toBe('✔ Meets the gallery requirement: 139.2 requests/second (at least 25)')
    expect(text).toContain(
      '2 answer(s) were 429 Too Many Requests: 2 carried Retry-After (1 s); Retry-After was honoured',
    )
    expect(text).toMatch(/create\s+502\s+2\s+5\.3\s+25\.0\s+50\.0\s+120/)
  })
})
