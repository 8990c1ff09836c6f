// Finds a profile by name (profiles/<name>.json) or reads one from a file path.
import { existsSync, readFileSync } from 'node:fs'
import { resolve } from 'node:path'
import { UsageError } from './errors.ts'
import type { Profile } from './profile.ts'

const BUILT_IN = new URL('../profiles/', import.meta.url)

export function builtInProfiles(): string[] {
  return ['entra-default', 'timeclock365']
}

export function loadProfile(nameOrPath: string, cwd = process.cwd()): Profile {
  const isPath = /[\\/]|\.json$/i.test(nameOrPath)
  const file = isPath ? resolve(cwd, nameOrPath) : new URL(`${nameOrPath}.json`, BUILT_IN).pathname
  if (!existsSync(file)) {
    throw new UsageError(isPath
      ? `--profile file '${nameOrPath}' does not exist: give a path to a mapping JSON file`
      : `--profile '${nameOrPath}' is not a built-in profile: use ${builtInProfiles().join(' or ')}, or a path to a mapping JSON file`)
  }
  let parsed: unknown
  try {
    parsed = JSON.parse(readFileSync(file, 'utf8'))
  } catch (err) {
    throw new UsageError(`--profile '${nameOrPath}' is not valid JSON (${(err as Error).message.split('\n')[0]})`)
  }
  const p = parsed as Partial<Profile>
  if (!p || typeof p.name !== 'string' || typeof p.matchingAttribute !== 'string' || !Array.isArray(p.attributes)) {
    throw new UsageError(`--profile '${nameOrPath}' must be an object with name, matchingAttribute and attributes`)
  }
  return { description: '', ...p } as Profile
}
