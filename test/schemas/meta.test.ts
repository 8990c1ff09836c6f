// Every JSON Schema the tool ships is a valid draft-07 schema: the runtime compiles them without checking (schema.ts).
import { readdirSync, readFileSync } from 'node:fs'
import { Ajv } from 'ajv'
import { describe, expect, test } from 'vitest'

const files = [
  ...readdirSync(new URL('../../schemas/', import.meta.url)).map((f) => new URL(`../../schemas/${f}`, import.meta.url)),
  ...readdirSync(new URL('../../helpers/report/', import.meta.url))
    .filter((f) => f.endsWith('.schema.json'))
    .map((f) => new URL(`../../helpers/report/${f}`, import.meta.url)),
]

describe('shipped JSON Schemas', () => {
  const ajv = new Ajv({ strict: false })
  test.each(files.map((u) => [u.pathname.split('/').slice(-2).join('/'), u] as const))(
    '%s is valid draft-07',
    (_name, url) => {
      const schema = JSON.parse(readFileSync(url, 'utf8')) as object
      expect(ajv.validateSchema(schema), JSON.stringify(ajv.errors)).toBe(true)
    },
  )
})

describe('built-in profiles', () => {
  // loadProfile checks only profiles from files against the schema; the shipped ones are checked here.
  const validate = new Ajv({ allErrors: false, strict: true }).compile(
    JSON.parse(readFileSync(new URL('../../schemas/profile.schema.json', import.meta.url), 'utf8')) as object,
  )
  test.each(readdirSync(new URL('../../profiles/', import.meta.url)))(
    'profiles/%s is a valid mapping profile',
    (file) => {
      expect(
        validate(JSON.parse(readFileSync(new URL(`../../profiles/${file}`, import.meta.url), 'utf8'))),
        JSON.stringify(validate.errors),
      ).toBe(true)
    },
  )
})
