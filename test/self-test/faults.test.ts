// Every fault of the reference endpoint makes exactly the checks it declares fail: the proof that each check can fail.
import { describe, expect, test } from 'vitest'
import { faults } from '../../server/faults/index.ts'
import { idsWith, OAUTH_ARGS, runSuiteCli } from './run-cli.ts'

describe.concurrent('each fault breaks exactly its declared checks', () => {
  test.each(faults.map((f) => [f.id, f] as const))('%s', async (_id, fault) => {
    // Token-endpoint faults need a run that authenticates with client credentials, as a gallery app's would.
    const mode = fault.mode === 'oauth' ? OAUTH_ARGS : []
    const run = await runSuiteCli(['--strict', '--seed', '7', '--fault', fault.id, ...mode])
    expect(idsWith(run.report, 'failed')).toEqual([...new Set(fault.breaks)].sort())
    expect(run.code).toBe(1)
  })
})
