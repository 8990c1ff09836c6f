// Validates SCIM wire messages against schemas/*.schema.json (RFC 7643/7644) and renders ajv errors as
// "/<json-pointer> <message>" lines a report can show as they are.
import type { ErrorObject } from 'ajv'
import type { SchemaName } from './validator-setup.ts'
import { scimValidator as validatorFor } from './validators.ts'

export type { SchemaName }

function quote(value: unknown): string {
  return typeof value === 'string' ? `"${value}"` : JSON.stringify(value)
}

/** The value a `{ const }` subschema pins, when the failing keyword's subschema is one. */
function pinned(schema: unknown): { value: unknown } | undefined {
  return typeof schema === 'object' && schema !== null && 'const' in schema ? { value: schema.const } : undefined
}

function message(error: ErrorObject): string {
  const schema: unknown = error.schema
  switch (error.keyword) {
    case 'type': {
      // Only password is declared null-only: the RFC forbids returning it at all.
      if (schema === 'null') return 'must not be returned'
      // Optional attributes accept null as "unassigned" (RFC 7643 §2.5); naming it would only distract.
      const types = String(error.params['type']).split(',')
      const shown = types.length > 1 ? types.filter((t) => t !== 'null') : types
      return `must be ${shown.join(' or ')}`
    }
    case 'enum':
      return `must be one of: ${(schema as unknown[]).map(quote).join(', ')}`
    case 'const':
      return `must be ${quote(error.params['allowedValue'])}`
    case 'contains': {
      const expected = pinned(schema)
      return expected ? `must contain ${quote(expected.value)}` : (error.message ?? 'is invalid')
    }
    case 'not': {
      const forbidden = pinned(schema)
      return forbidden ? `must not be ${quote(forbidden.value)}` : (error.message ?? 'is invalid')
    }
    default:
      return error.message ?? 'is invalid'
  }
}

function render(errors: readonly ErrorObject[] | null | undefined, prefix = ''): string[] {
  if (!errors) return []
  const failedContains = errors.filter((e) => e.keyword === 'contains').map((e) => `${e.schemaPath}/`)
  const lines = errors
    // "if" only says that "then" failed; the error from "then" already names the property.
    .filter((e) => e.keyword !== 'if')
    // Each item that did not match a failed "contains" is noise next to "must contain X".
    .filter((e) => !failedContains.some((p) => e.schemaPath.startsWith(p)))
    .map((e) => `${prefix + e.instancePath || '/'} ${message(e)}`)
  return [...new Set(lines)]
}

/** Violations of the named schema, as "/<json-pointer> <message>" lines; empty when the body is valid. */
export function validateScim(name: SchemaName, body: unknown): string[] {
  const validate = validatorFor(name)
  return validate(body) ? [] : render(validate.errors)
}

/** Validates a ListResponse, then each of its Resources against the item schema (pointers like /Resources/0/active). */
export function validateListOf(itemName: SchemaName, body: unknown): string[] {
  const violations = validateScim('list-response', body)
  const resources = (body as { Resources?: unknown } | null)?.Resources
  if (!Array.isArray(resources)) return violations
  const validateItem = validatorFor(itemName)
  resources.forEach((resource, index) => {
    if (!validateItem(resource)) violations.push(...render(validateItem.errors, `/Resources/${index}`))
  })
  return [...new Set(violations)]
}
