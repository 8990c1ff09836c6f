// `--checks FILE`: a vendor's file of checks (TypeScript or JavaScript), imported as a module. Every exported
// definition counts: a default export (one definition or an array of them) and named exports alike.
import { existsSync } from 'node:fs'
import { resolve } from 'node:path'
import { pathToFileURL } from 'node:url'
import { UsageError } from '../model/errors.ts'
import { importModule } from '../model/import-module.ts'
import type { CheckResult } from '../model/result.ts'
import type { CheckInfo } from '../model/check-info.ts'
import type { FlowDefinition } from '../suite/flow.ts'
import { customSuite } from './suite.ts'
import {
  isCustomCheck,
  isCustomFault,
  isCustomFlow,
  type CustomDefinition,
  type CustomFaultDefinition,
} from './define.ts'

export interface LoadedChecks {
  definitions: CustomDefinition[]
  faults: CustomFaultDefinition[]
  /** The file each definition came from, for one-line errors. */
  origin: Map<unknown, string>
}

let tsxRegistered = false

/** Imports each file; a file that does not exist, does not load, or exports no check is one line (UsageError, exit 2). */
export async function loadCheckFiles(files: readonly string[], cwd: string): Promise<LoadedChecks> {
  const out: LoadedChecks = { definitions: [], faults: [], origin: new Map() }
  for (const file of files) {
    const path = resolve(cwd, file)
    if (!existsSync(path))
      throw new UsageError(
        `--checks '${file}' does not exist: give the path of a .ts or .js file of checks made with defineCheck or defineFlow`,
      )
    if (/\.(c|m)?tsx?$/.test(path) && !tsxRegistered) {
      // The built command runs plain JavaScript: TypeScript files load through tsx (a dependency), registered once.
      const { register } = (await importModule('tsx/esm/api')) as typeof import('tsx/esm/api')
      register()
      tsxRegistered = true
    }
    let mod: Record<string, unknown>
    try {
      mod = (await importModule(pathToFileURL(path).href)) as Record<string, unknown>
    } catch (err) {
      const e = err as Error
      throw new UsageError(`--checks '${file}' does not load: ${(e?.message ?? String(err)).split('\n')[0]}`)
    }
    const found = exportedDefinitions(mod)
    if (found.length === 0)
      throw new UsageError(
        `--checks '${file}' exports no check: export the result of defineCheck or defineFlow (or an array of them)`,
      )
    for (const def of found) {
      out.origin.set(def, `--checks '${file}'`)
      if (isCustomFault(def)) out.faults.push(def)
      else out.definitions.push(def)
    }
  }
  return out
}

/** The definitions a module exports, in export order, each once (a default array may repeat named exports). */
export function exportedDefinitions(mod: Record<string, unknown>): (CustomDefinition | CustomFaultDefinition)[] {
  const seen = new Set<unknown>()
  const out: (CustomDefinition | CustomFaultDefinition)[] = []
  const take = (v: unknown): void => {
    if (Array.isArray(v)) return v.forEach(take)
    if ((isCustomCheck(v) || isCustomFlow(v) || isCustomFault(v)) && !seen.has(v)) {
      seen.add(v)
      out.push(v)
    }
  }
  take(mod.default)
  for (const [name, v] of Object.entries(mod)) if (name !== 'default') take(v)
  return out
}

/** The run's flows and catalog with the vendor's checks of `files` added (the built-in ones alone without files). */
export async function withCheckFiles(
  files: readonly string[] | undefined,
  cwd: string,
  builtIn: { flows: readonly FlowDefinition[]; catalog: Readonly<Record<string, CheckInfo>> },
): Promise<{
  flows: readonly FlowDefinition[]
  catalog: Readonly<Record<string, CheckInfo>>
  observe: (r: CheckResult) => void
}> {
  if (!files?.length) return { ...builtIn, observe: () => undefined }
  const loaded = await loadCheckFiles(files, cwd)
  const custom = customSuite(loaded.definitions, builtIn, (def) => loaded.origin.get(def) ?? '--checks')
  return {
    flows: [...builtIn.flows, ...custom.flows],
    catalog: { ...builtIn.catalog, ...custom.catalog },
    observe: custom.observe,
  }
}
