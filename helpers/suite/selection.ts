// Which checks and flow instances a run has: the flows' checks by id prefix, each per-dialect flow once per dialect, and
// the --only/--skip selection of what is reported.
import type { CheckInfo } from '../model/check-info.ts'
import type { Dialect } from '../model/dialect.ts'
import type { FlowDefinition } from './flow.ts'
import { matchesAny } from './glob.ts'
import type { RunnerOptions } from './options.ts'

export function flowInstances(
  flows: readonly FlowDefinition[],
  dialects: Dialect[],
): { flow: FlowDefinition; dialect?: Dialect }[] {
  return flows.flatMap((flow) => (flow.perDialect ? dialects.map((dialect) => ({ flow, dialect })) : [{ flow }]))
}

export function checksOf(flow: FlowDefinition, catalog: Readonly<Record<string, CheckInfo>>): string[] {
  return Object.keys(catalog).filter((id) => id.startsWith(`${flow.id}/`))
}

export function isSelected(id: string, options: Pick<RunnerOptions, 'only' | 'skip'>): boolean {
  if (options.only.length > 0 && !matchesAny(id, options.only)) return false
  return !matchesAny(id, options.skip)
}

/** How many check results a full run has (each per-dialect flow counts once per dialect), whatever was selected. */
export function fullRunSize(
  flows: readonly FlowDefinition[],
  catalog: Readonly<Record<string, CheckInfo>>,
  dialects: Dialect[],
): number {
  return flowInstances(flows, dialects).reduce((n, { flow }) => n + checksOf(flow, catalog).length, 0)
}
