// A flow owns the slice of the catalog whose ids start with its own id: checking another flow's id fails tsc.
import type { FlowDefinition } from '../helpers/suite/flow.ts'
import type { CheckId } from './catalog.ts'

/** The check ids of the flow `F`: every catalog id `F/…`. */
export type ChecksOf<F extends string> = Extract<CheckId, `${F}/${string}`>

export function defineFlow<const F extends string>(flow: FlowDefinition<ChecksOf<F>> & { id: F }): FlowDefinition<ChecksOf<F>> {
  return flow
}
