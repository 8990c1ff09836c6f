// `scim-preflight cleanup`: deletes what runs killed with SIGKILL left behind, found by their run prefix.
// It lists what it will delete and asks first, unless --yes; without a terminal and without --yes it stops.
import { createInterface } from 'node:readline/promises'
import type { CleanupConfig } from '../helpers/config/cleanup.ts'
import { UsageError } from '../helpers/model/errors.ts'
import { deleteFound, findRunResources } from '../helpers/cleanup/find-leftovers.ts'
import { openTarget } from '../helpers/connect/open-target.ts'
import { RUN_PREFIX_STEM } from '../helpers/entra/run-prefix.ts'

export async function cleanupCommand(config: CleanupConfig): Promise<number> {
  const out = (line: string) => process.stdout.write(`${line}\n`)
  const target = await openTarget(config)
  const client = target.client
  const what = config.runPrefix ? `run ${config.runPrefix}` : `every scim-preflight run (${RUN_PREFIX_STEM}-<run id>-…)`
  out(`Searching ${config.baseUrl} for users and groups of ${what}…`)
  // A refused token would make every search come back empty: "nothing to delete" must mean nothing was found.
  await target.preflight()

  const { found, notes, incomplete } = await findRunResources(client, config.runPrefix)
  for (const n of notes) out(`  ${n}`)
  // Said last, whatever else happened: resources of the run may still be on the server.
  const unsearched = () => {
    out(
      `Cleanup incomplete: part of the server could not be searched (${incomplete.join('; ')}), so resources of ${what} may remain. Delete them by hand, or fix the listing and run cleanup again.`,
    )
    return 1
  }
  if (found.length === 0) {
    if (incomplete.length) return unsearched()
    out('Nothing to delete.')
    return 0
  }
  out(`Will delete ${found.length} resource(s):`)
  for (const r of found) out(`  ${r.type.padEnd(5)} ${r.id}  ${r.name}`)

  if (!config.yes) {
    if (!process.stdin.isTTY || !process.stdout.isTTY) {
      throw new UsageError(
        `not deleting ${found.length} resource(s) without confirmation: no terminal to ask on, so re-run with --yes`,
      )
    }
    const rl = createInterface({ input: process.stdin, output: process.stdout })
    const answer = await rl.question(`Delete these ${found.length} resource(s)? [y/N] `)
    rl.close()
    if (!/^y(es)?$/i.test(answer.trim())) {
      out('Nothing deleted.')
      return incomplete.length ? unsearched() : 0
    }
  }
  let deleted = 0
  const failed = await deleteFound(client, found, () => deleted++)
  out(`Deleted ${deleted} of ${found.length}.`)
  if (failed.length) {
    out(`Could not delete ${failed.length}:`)
    for (const f of failed) out(`  ${f.type.padEnd(5)} ${f.id}  ${f.name}: ${f.reason}`)
  }
  if (incomplete.length) return unsearched()
  return failed.length ? 1 : 0
}
