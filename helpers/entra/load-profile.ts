// Finds a profile by name (profiles/<name>.json) or reads one from a file path, and validates it against
// schemas/profile.schema.json: a bad file is one UsageError line naming the file and the problem.
import { existsSync, readFileSync } from 'node:fs'
import { join, resolve } from 'node:path'
import type { ErrorObject, ValidateFunction } from 'ajv'
import { UsageError } from '../model/errors.ts'
import { packageFile } from '../model/package-files.ts'
import { profileValidator } from '../model/validators.ts'
import { MATCHING_ATTRIBUTES, type Profile } from './profile.ts'
import { ATTRIBUTE_TYPES } from './rfc-types.ts'

const BUILT_IN = packageFile('profiles')

export function builtInProfiles(): string[] {
  return ['entra-default', 'entra-extended', 'timeclock365']
}

/** One readable sentence for the first schema error, e.g. `/attributes/2 "x y" is not a SCIM attribute path`. */
function describe(error: ErrorObject, data: unknown): string {
  const at = error.instancePath || 'the profile'
  const value = error.instancePath
    .split('/')
    .slice(1)
    .reduce<unknown>((v, k) => (v as Record<string, unknown> | undefined)?.[k], data)
  switch (error.keyword) {
    case 'required':
      return `${at} has no "${(error.params as { missingProperty: string }).missingProperty}"`
    case 'additionalProperties':
      return `${at} has an unknown key "${(error.params as { additionalProperty: string }).additionalProperty}" (allowed: name, description, matchingAttribute, matchingAttributes, attributes, groupAttributes, types)`
    case 'enum':
      return error.instancePath.startsWith('/types/')
        ? `${at} ${JSON.stringify(value)} is not a type the suite can build a value of: use ${ATTRIBUTE_TYPES.join(', ')}`
        : `${at} ${JSON.stringify(value)} is not a matching attribute Entra supports: use ${MATCHING_ATTRIBUTES.join(', ')}`
    case 'not':
      return `${at} ${JSON.stringify(value)} is written by every group mapping already: list only the attributes the mapping adds`
    case 'pattern':
      if (error.instancePath.startsWith('/groupAttributes/'))
        return `${at} ${JSON.stringify(value)} is not a group attribute path (write it as in Entra's mapping: description, or urn:ietf:params:scim:schemas:extension:<Name>:2.0:Group:<attr>)`
      return error.instancePath.startsWith('/attributes/')
        ? `${at} ${JSON.stringify(value)} is not a SCIM attribute path (write it as in Entra's mapping: title, name.givenName, emails[type eq "work"].value, urn:ietf:params:scim:schemas:extension:enterprise:2.0:User:department)`
        : `${at} ${JSON.stringify(value)} must be letters, digits, dot, dash or underscore`
    case 'uniqueItems':
      return `${at} lists an attribute twice`
    default:
      return `${at} ${error.message ?? 'is invalid'}`
  }
}

/** The profile's matching attribute, or the --matching-attribute override (which the profile must map). */
export function matchingAttributeFor(profile: Profile, override: string | undefined): string {
  if (override === undefined) return profile.matchingAttribute
  if (!profile.attributes.includes(override)) {
    throw new UsageError(
      `--matching-attribute '${override}' is not mapped by profile '${profile.name}': Entra can only match on an attribute it writes`,
    )
  }
  return override
}

export function loadProfile(nameOrPath: string, cwd = process.cwd()): Profile {
  const isPath = /[\\/]|\.json$/i.test(nameOrPath)
  const file = isPath ? resolve(cwd, nameOrPath) : join(BUILT_IN, `${nameOrPath}.json`)
  if (!existsSync(file)) {
    throw new UsageError(
      isPath
        ? `--profile file '${nameOrPath}' does not exist: give a path to a mapping JSON file`
        : `--profile '${nameOrPath}' is not a built-in profile: use ${builtInProfiles().join(' or ')}, or a path to a mapping JSON file`,
    )
  }
  let parsed: unknown
  try {
    parsed = JSON.parse(readFileSync(file, 'utf8'))
  } catch (err) {
    throw new UsageError(`--profile '${nameOrPath}' is not valid JSON (${(err as Error).message.split('\n')[0]})`)
  }
  // The built-in profiles are proven valid by a test (test/schemas/meta.test.ts): only a profile from a file is checked.
  const validate: ValidateFunction | undefined = isPath ? profileValidator() : undefined
  if (validate && !validate(parsed)) {
    throw new UsageError(
      `--profile '${nameOrPath}' is not a valid mapping profile: ${describe(validate.errors![0]!, parsed)}`,
    )
  }
  const profile = { description: '', ...(parsed as Omit<Profile, 'description'> & { description?: string }) }
  // One of the two keys (a JSON Schema oneOf would not compile in Ajv's strict mode): a list in matching precedence names
  // its first as the matching attribute; one attribute alone is a list of one.
  const bad = (why: string) => new UsageError(`--profile '${nameOrPath}' is not a valid mapping profile: ${why}`)
  if (profile.matchingAttribute !== undefined && profile.matchingAttributes !== undefined)
    throw bad(
      'it gives both "matchingAttribute" and "matchingAttributes": give the list alone (its first is matching precedence 1)',
    )
  if (profile.matchingAttributes?.length) profile.matchingAttribute = profile.matchingAttributes[0]!
  if (profile.matchingAttribute === undefined)
    throw bad('the profile has no "matchingAttribute" (or "matchingAttributes")')
  const unmapped = (profile.matchingAttributes ?? [profile.matchingAttribute]).find(
    (a) => !profile.attributes.includes(a),
  )
  if (unmapped !== undefined) {
    throw new UsageError(
      `--profile '${nameOrPath}' is not a valid mapping profile: ${profile.matchingAttributes ? `matchingAttributes lists "${unmapped}", which` : `matchingAttribute "${unmapped}"`} is not in attributes (Entra matches only on a mapped attribute)`,
    )
  }
  const stray = Object.keys(profile.types ?? {}).filter((path) => !profile.attributes.includes(path))
  if (stray.length > 0) {
    throw new UsageError(
      `--profile '${nameOrPath}' is not a valid mapping profile: "types" names ${stray.map((p) => `"${p}"`).join(', ')}, which "attributes" does not map`,
    )
  }
  return profile
}
