// load.json: the LoadResult with its sample exchanges redacted, pointing at the JSON Schema beside this file.
import type { LoadResult } from '../model/load-result.ts'
import { redactText, sanitizeExchange } from './sanitize.ts'

export const LOAD_SCHEMA_PATH = 'helpers/report/load.schema.json'

export function sanitizeLoad(r: LoadResult, schema = LOAD_SCHEMA_PATH): LoadResult {
  const { $schema: _old, ...rest } = r
  return { $schema: schema, ...rest, target: redactText(r.target), sample: r.sample.map(sanitizeExchange) }
}

export function renderLoadJson(r: LoadResult, opts: { schema?: string } = {}): string {
  return `${JSON.stringify(sanitizeLoad(r, opts.schema), null, 2)}\n`
}
