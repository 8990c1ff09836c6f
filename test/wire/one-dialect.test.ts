// One dialect per run: under --dialect aadOptscim062020 every PATCH, also of the flows that run once (the large
// group, Get Group's member), is lower case, so a server that accepts only lower-case ops passes.
import { expect, test } from 'vitest'
import { runSuiteCli } from '../self-test/run-cli.ts'

test('--dialect aadOptscim062020 against a server that accepts only lower-case ops exits 0', async () => {
  const run = await runSuiteCli(
    [
      '--strict',
      '--seed',
      '7',
      '--large-group',
      '200',
      '--dialect',
      'aadOptscim062020',
      '--fault',
      'patch-op-case-sensitive',
    ],
    {},
    { timeoutMs: 180_000 },
  )
  const ops = run.report.exchanges
    .filter((ex) => ex.request.method === 'PATCH')
    .flatMap((ex) => ((ex.request.body as { Operations?: { op: string }[] }).Operations ?? []).map((o) => o.op))
  expect(ops.length).toBeGreaterThan(0)
  expect(ops.filter((op) => op !== op.toLowerCase())).toEqual([])
  expect(run.report.checks.filter((c) => c.outcome === 'failed').map((c) => c.id)).toEqual([])
  expect(run.code).toBe(0)
  // Every group the run creates carries the run prefix in its externalId too, so cleanup's prefix search finds it.
  const groupIds = run.report.exchanges
    .filter((ex) => ex.request.method === 'POST' && new URL(ex.request.url).pathname.endsWith('/Groups'))
    .map((ex) => (ex.request.body as { externalId?: unknown }).externalId)
  expect(groupIds.length).toBeGreaterThan(0)
  expect(groupIds.filter((id) => typeof id !== 'string' || !id.startsWith(`${run.report.run.runPrefix}-`))).toEqual([])
}, 180_000)
