// A flow owns the slice of the catalog whose ids start with its own id: checking another flow's id fails tsc.
import { flowsOf } from '../helpers/suite/flow.ts'
import type { CheckId } from './catalog.ts'

/** The check ids of the flow `F`: every catalog id `F/…`. */
export type ChecksOf<F extends string> = Extract<CheckId, `${F}/${string}`>

export const defineFlow = flowsOf<CheckId>()
