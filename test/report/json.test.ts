import { readFileSync } from 'node:fs'
import { Ajv } from 'ajv'
import addFormats from 'ajv-formats'
import { describe, expect, it } from 'vitest'
import { renderJson, SCHEMA_PATH } from '../../helpers/report/json.ts'
import { diffRuns } from '../../helpers/result/diff.ts'
import { cleanRun, mixedRun } from './fixtures.ts'

const schema = JSON.parse(readFileSync(new URL('../../helpers/report/report.schema.json', import.meta.url), 'utf8'))
const ajv = new Ajv({ allErrors: true, strict: true })
addFormats.default(ajv)
const validate = ajv.compile(schema)
const errors = () => (validate.errors ?? []).map((e) => `${e.instancePath || '/'} ${e.message}`)

describe('renderJson', () => {
  it('writes pretty JSON whose $schema points at the shipped schema', () => {
    const text = renderJson(mixedRun())
    expect(text.split('\n')[1]).toBe(`  "$schema": "${SCHEMA_PATH}",`)
    expect(renderJson(mixedRun(), { schema: '../../helpers/report/report.schema.json' })).toContain(
      '"$schema": "../../helpers/report/report.schema.json"',
    )
  })

  it.each([
    ['the mixed run', mixedRun],
    ['the clean run', cleanRun],
  ])('validates %s against report.schema.json (draft-07)', (_name, make) => {
    const ok = validate(JSON.parse(renderJson(make())))
    expect(errors()).toEqual([])
    expect(ok).toBe(true)
  })

  it('validates a run carrying a diff', () => {
    const run = mixedRun()
    run.diff = diffRuns(run, cleanRun())
    expect(validate(JSON.parse(renderJson(run))), errors().join('; ')).toBe(true)
  })

  it('rejects a report that drifts from the model', () => {
    const bad = JSON.parse(renderJson(mixedRun()))
    bad.checks[0].outcome = 'ok'
    delete bad.verdict.gallery
    expect(validate(bad)).toBe(false)
    expect(errors()).toEqual(
      expect.arrayContaining([
        '/checks/0/outcome must be equal to one of the allowed values',
        "/verdict must have required property 'gallery'",
      ]),
    )
  })

  it('drops the typed data view of exchanges and round-trips the rest', () => {
    const run = mixedRun()
    Object.assign(run.exchanges[0]!, { data: { huge: true } })
    const back = JSON.parse(renderJson(run))
    expect(back.exchanges[0].data).toBeUndefined()
    expect(back.exchanges[8]).toEqual(run.exchanges[8])
    expect(back.checks).toEqual(JSON.parse(JSON.stringify(run.checks)))
  })
})
