// The check catalog: every claim the suite makes, by stable id, read from the flows that prove them (each flow file
// starts with its claims; flows.ts lists the flows) and the run-wide checks no flow owns. `scim-preflight list` prints it.
import type { CheckInfo } from '../helpers/model/check-info.ts'
import { SUITE } from './flows.ts'
import { runChecks } from './run/checks.ts'

/** The ids a flow claims. Distributes over a union of flows, so the ids of every flow of the suite. */
type ClaimedIds<Flow> = Flow extends { checks: infer C } ? keyof C & string : never

export type CheckId = ClaimedIds<(typeof SUITE)[number]> | (keyof typeof runChecks & string)

/** Merges the claims of every flow and the run-wide checks; a duplicate id would silently shadow a check, so it throws. */
function mergeCatalogs(parts: readonly Readonly<Record<string, CheckInfo>>[]): Readonly<Record<CheckId, CheckInfo>> {
  const out: Record<string, CheckInfo> = {}
  for (const part of parts) {
    for (const [id, info] of Object.entries(part)) {
      if (id in out) throw new Error(`duplicate check id ${id}`)
      out[id] = info
    }
  }
  return out as Record<CheckId, CheckInfo>
}

export const catalog = mergeCatalogs([...SUITE.map((flow) => flow.checks), runChecks])
