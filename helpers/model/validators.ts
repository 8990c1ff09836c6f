// The compiled validators, each compiled by ajv on first use. The build (cli/build/build.js) replaces this module with
// aheadOfTimeModule() of validator-setup.ts: the same validators compiled at build time, with these exports.
import type { ValidateFunction } from 'ajv'
import { profileAjv, scimAjv, type SchemaName } from './validator-setup.ts'

let scim: ReturnType<typeof scimAjv> | undefined
let profile: ValidateFunction | undefined

export function scimValidator(name: SchemaName): ValidateFunction {
  scim ??= scimAjv()
  const id = scim.ids.get(name)
  const validate = id === undefined ? undefined : scim.ajv.getSchema(id)
  if (!validate) throw new Error(`unknown SCIM schema: ${name}`)
  return validate
}

export const profileValidator = (): ValidateFunction => (profile ??= profileAjv().validate)
