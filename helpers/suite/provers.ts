// Which flow instance of a run proves each presumption (flow.ts PRESUMPTIONS), and the promise the flows relying on it
// wait on: settled once, by the proving check's outcome, or as unknown when that check was never judged.
import type { CheckInfo } from '../model/check-info.ts'
import { PRESUMPTIONS, type Established, type FlowDefinition, type Presumption } from './flow.ts'

export interface Prover {
  check: string
  /** The flow instance (index in run order) whose check proves it: the first instance of the flow that owns the check. */
  index: number
  alone: boolean
  detail?: unknown
  state?: Established
  settle(e: Established): void
  result: Promise<Established>
}

/** The instance that proves each presumption in this run, with a promise the relying flows wait on. */
export function proversOf(
  instances: { flow: FlowDefinition }[],
  catalog: Readonly<Record<string, CheckInfo>>,
): Map<Presumption, Prover> {
  const out = new Map<Presumption, Prover>()
  for (const [p, { check }] of Object.entries(PRESUMPTIONS) as [Presumption, (typeof PRESUMPTIONS)[Presumption]][]) {
    const index = instances.findIndex((inst) => check.startsWith(`${inst.flow.id}/`))
    if (index < 0 || !catalog[check]) continue
    let resolve!: (e: Established) => void
    const pr: Prover = {
      check,
      index,
      alone: !!instances[index]!.flow.alone,
      result: new Promise<Established>((r) => {
        resolve = r
      }),
      settle(e) {
        if (pr.state) return
        pr.state = e
        resolve(e)
      },
    }
    out.set(p, pr)
  }
  return out
}
