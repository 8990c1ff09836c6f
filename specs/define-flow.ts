// A flow proves the claims written at the top of its own file: checking an id it does not claim fails tsc, and the
// catalog (catalog.ts) is read from the flows, so a claim and its proof cannot drift apart.
import type { CheckInfo } from '../helpers/model/check-info.ts'
import type { FlowDefinition, IdsOf } from '../helpers/suite/flow.ts'

/** A flow's claims: every id is `<flow id>/…`. */
export type Claims = Readonly<Record<string, CheckInfo>>

/** The ids a flow's claims name (what its `ctx.check` takes). */
export type ClaimedId<C extends Claims> = keyof C & string

/** A flow of the suite together with the claims it proves. */
export type ClaimingFlow<C extends Claims, F extends string> = FlowDefinition<IdsOf<ClaimedId<C>, F>> & {
  id: F
  checks: C
}

/** `export default defineFlow(checks, { id, … })`: the flow may check only the ids of `checks` under its own id. */
export function defineFlow<const C extends Claims, const F extends string>(
  checks: C,
  flow: FlowDefinition<IdsOf<ClaimedId<C>, F>> & { id: F },
): ClaimingFlow<C, F> {
  for (const id of Object.keys(checks))
    if (!id.startsWith(`${flow.id}/`)) throw new Error(`flow ${flow.id} claims ${id}, which is not one of its own ids`)
  return { ...flow, checks }
}
