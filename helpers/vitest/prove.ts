// The proof that a vendor's checks can fail, as the suite proves its own (test/self-test): each of the vendor's faults,
// started in the reference endpoint, fails exactly the checks it declares; the clean endpoint fails none of theirs; and
// every check of theirs is broken by some fault. No vitest here: index.ts registers these as tests.
import { runConfig } from '../config/run.ts'
import { UsageError } from '../model/errors.ts'
import type { CheckResult } from '../model/result.ts'
import type { CheckInfo } from '../model/check-info.ts'
import { customSuite } from '../custom/suite.ts'
import type { CustomDefinition, CustomFaultDefinition } from '../custom/define.ts'
import { catalog as builtInCatalog } from '../../specs/catalog.ts'
import { flows as builtInFlows } from '../../specs/flows.ts'

export type Proof = ReturnType<typeof prepareProof>

export function prepareProof(definitions: CustomDefinition[], args: readonly string[]) {
  // Always the built-in endpoint: the target's SCIM_* settings are not read (the proof is about your checks, not your server).
  const command = runConfig([...args, '--built-in', '--report', 'console'], {})
  if (command.kind !== 'run') throw new UsageError(`proveChecks args ${JSON.stringify(args)} ask for help, not a run`)
  const custom = customSuite(definitions, { flows: builtInFlows, catalog: builtInCatalog })
  return {
    definitions,
    config: command.config,
    catalog: { ...builtInCatalog, ...custom.catalog } as Record<string, CheckInfo>,
    mine: Object.keys(custom.catalog),
  }
}

/** Runs the vendor's checks (with the checks they depend on, and `extra`) against the built-in endpoint with `fault`. */
export async function proofRun(
  proof: Proof,
  fault: CustomFaultDefinition | undefined,
  extra: readonly string[] = [],
): Promise<CheckResult[]> {
  const custom = customSuite(proof.definitions, { flows: builtInFlows, catalog: builtInCatalog })
  const needed = [...proof.mine, ...proof.definitions.flatMap((d) => [...(d.dependsOn ?? [])]), ...extra]
  // The run loads on first use: registering the proof's tests costs only the catalog.
  const { execute } = await import('./execute.ts')
  const outcome = await execute(
    { ...proof.config, only: [...new Set(needed)] },
    {
      flows: [...builtInFlows, ...custom.flows],
      catalog: { ...builtInCatalog, ...custom.catalog },
      observe: custom.observe,
      faults: fault ? [fault] : [],
      cwd: process.cwd(),
      abort: new AbortController(),
      onTarget: () => undefined,
      quiet: true,
    },
  )
  return outcome.checks
}

/** The checks a run broke (failed or warned), sorted, each once. */
export const brokenIn = (checks: readonly CheckResult[]): string[] =>
  [...new Set(checks.filter((c) => c.outcome === 'failed' || c.outcome === 'warned').map((c) => c.id))].sort()

/** What the fault should break and what it broke against the reference endpoint. */
export async function proveFault(
  proof: Proof,
  fault: CustomFaultDefinition,
): Promise<{ want: string[]; got: string[] }> {
  const unknown = fault.breaks.filter((id) => !(id in proof.catalog))
  if (unknown.length) throw new UsageError(`fault ${fault.id} declares ${unknown.join(', ')}, which is no check`)
  return { want: [...new Set(fault.breaks)].sort(), got: brokenIn(await proofRun(proof, fault, fault.breaks)) }
}

/** The vendor's checks no fault of theirs breaks: checks that have not been shown able to fail. */
export function unprovenChecks(proof: Proof, faults: readonly CustomFaultDefinition[]): string[] {
  const proven = new Set(faults.flatMap((f) => [...f.breaks]))
  return proof.mine.filter((id) => !proven.has(id))
}
