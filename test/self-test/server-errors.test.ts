// The same server gives the same verdict: against an endpoint that fails one request in twenty at random with 500
// ("database is locked"), three runs report the same failed, warned and blocked sets and the one server-error cause,
// whichever requests the 500s happened to hit (a locked database did not carry the request out: it is re-sent alone).
import { describe, expect, test } from 'vitest'
import { idsWith, runSuiteCli } from './run-cli.ts'

const RUN_LIMIT_MS = 180_000

describe('server errors at random are one cause, the same on every run', () => {
  test(
    'three runs against random-server-errors fail exactly run/no-server-errors, with the same blocked set',
    async () => {
      const runs = []
      // One after another: the point is three independent draws of which requests fail, not speed.
      for (let i = 0; i < 3; i++) {
        runs.push(
          await runSuiteCli(
            ['--fault', 'random-server-errors', '--large-group', '101', '--concurrency', String(2 + i)],
            {},
            { timeoutMs: RUN_LIMIT_MS },
          ),
        )
      }
      for (const [i, run] of runs.entries()) {
        expect(idsWith(run.report, 'failed')).toEqual(['run/no-server-errors'])
        expect(idsWith(run.report, 'warned')).toEqual([])
        expect(run.code).toBe(1)
        expect(run.report.run.concurrency).toBe(2 + i)
        // One cause, naming the server errors; every blocked check names the server-error check or a check that broke.
        const failures = (run.report.causes ?? []).filter((c) => c.level === 'failure')
        expect(failures.map((c) => c.key)).toEqual(['server-errors'])
        expect(run.report.verdict.headline).toContain('5xx')
        const blockers = new Set(run.report.checks.filter((c) => c.outcome === 'blocked').map((c) => c.blockedBy))
        expect([...blockers].every((b) => b === 'run/no-server-errors')).toBe(true)
        expect(run.report.checks.find((c) => c.id === 'run/no-server-errors')?.message).toContain('--concurrency 1')
      }
      const blocked = runs.map((run) =>
        run.report.checks
          .filter((c) => c.outcome === 'blocked')
          .map((c) => `${c.id} ${c.dialect ?? ''} ${c.blockedBy}`)
          .sort(),
      )
      expect(blocked[1]).toEqual(blocked[0])
      expect(blocked[2]).toEqual(blocked[0])
    },
    RUN_LIMIT_MS * 3,
  )
})
