// Blocked, not failed, as the runner decides it against a real reference endpoint: a read-back of a refused PATCH is
// blocked by the check that failed on it; a flow that cannot go on blocks the rest by the step that broke; a 5xx
// blocks what it touched and fails only run/no-server-errors.
import { afterAll, describe, expect, test } from 'vitest'
import { ScimClient } from '../../helpers/client/scim-client.ts'
import { runConfig } from '../../helpers/config/run.ts'
import type { RunConfig } from '../../helpers/config/run.ts'
import { createUser, requireUserId } from '../../helpers/steps/requests.ts'
import { loadProfile } from '../../helpers/entra/load-profile.ts'
import { patchAndRead, readBody, expectPatched } from '../../helpers/steps/user-updates.ts'
import type { CheckInfo } from '../../helpers/model/check-info.ts'
import { SERVER_ERRORS_CHECK, defineFlow, type FlowDefinition } from '../../helpers/suite/flow.ts'
import { expectTrue } from '../../helpers/suite/expect-scim.ts'
import { UPDATE_REJECTED, ACCESS_KEPT } from '../../helpers/suite/consequences.ts'
import { rfc7644 } from '../../helpers/model/refs.ts'
import { runnerOptions, runSuite } from '../../helpers/suite/run-suite.ts'
import { RUNNER_STEPS } from '../../helpers/steps/runner-steps.ts'
import { defineFault } from '../../server/faults/define-fault.ts'
import { scimError } from '../../server/http.ts'
import { startServer, type RunningServer } from '../../server/start.ts'
import { runChecks } from '../../specs/run/checks.ts'

const TOKEN = 'tok-run-suite-blocked-0123456789'
const info = (title: string, entra = UPDATE_REJECTED): CheckInfo => ({
  title,
  severity: 'entra',
  evidence: { says: 'a test rule', sources: [rfc7644('3.5.2')] },
  refs: [rfc7644('3.5.2')],
  entra,
  fix: `fix: ${title}`,
})

// active "False" (a string) is refused, as SCIMMY does in the legacy dialect.
const refusesStringActive = defineFault({
  id: 'refuses-string-active',
  summary: 'test',
  breaks: [],
  intercept: (req) =>
    req.method === 'PATCH' && JSON.stringify(req.body).includes('"False"')
      ? scimError(400, "Attribute 'active' expected value type 'boolean'")
      : undefined,
})
const refusesCreate = defineFault({
  id: 'refuses-create',
  summary: 'test',
  breaks: [],
  intercept: (req) => (req.method === 'POST' ? scimError(400, 'no') : undefined),
})
const crashesPatches = defineFault({
  id: 'crashes-patches',
  summary: 'test',
  breaks: [],
  intercept: (req) => (req.method === 'PATCH' ? scimError(500, 'Object reference not set') : undefined),
})
const failsPatches = defineFault({
  id: 'fails-patches',
  summary: 'test',
  breaks: [],
  intercept: (req) => (req.method === 'PATCH' ? scimError(500, 'database is locked') : undefined),
})

const patchFlow = defineFlow(
  {
    'patch/responds-200-or-204': info('PATCH answers 200 or 204'),
    'patch/reads-back-active-false': info('active reads back false', ACCESS_KEPT),
  },
  {
    id: 'patch',
    title: 'Patch',
    writes: true,
    async run(ctx) {
      const id = requireUserId(ctx, await createUser(ctx))
      const update = await patchAndRead(ctx, id, {
        schemas: ['urn:ietf:params:scim:api:messages:2.0:PatchOp'],
        Operations: [{ op: 'Replace', path: 'active', value: 'False' }],
      })
      await ctx.check('patch/responds-200-or-204', () => expectPatched(update))
      await ctx.check('patch/reads-back-active-false', () =>
        expectTrue(update.read, readBody(update).active === false, 'active is not false'),
      )
    },
  },
)
const stopsFlow = defineFlow(
  {
    'stops/after-create': info('judged only if the user exists'),
    'stops/never-reached': info('never reached'),
  },
  {
    id: 'stops',
    title: 'Stops',
    writes: true,
    async run(ctx) {
      requireUserId(ctx, await createUser(ctx))
      await ctx.check('stops/after-create', () => undefined)
      await ctx.check('stops/never-reached', () => undefined)
    },
  },
)

const CATALOG: Record<string, CheckInfo> = { ...patchFlow.checks, ...stopsFlow.checks, ...runChecks }

const servers: RunningServer[] = []
afterAll(async () => {
  for (const s of servers) await s.close()
})

async function run(fault: ReturnType<typeof defineFault>, flows: FlowDefinition[]) {
  const server = await startServer({ token: TOKEN, faults: [fault] })
  servers.push(server)
  const command = runConfig(['--seed', '3'], {})
  const config = (command as { config: RunConfig }).config
  const client = new ScimClient({ ...config, baseUrl: server.url, token: async () => TOKEN, secrets: () => [TOKEN] })
  return runSuite({
    steps: RUNNER_STEPS,
    options: runnerOptions(config, loadProfile('entra-default')),
    flows,
    catalog: CATALOG,
    client,
    profile: loadProfile('entra-default'),
    runPrefix: 'spf-test0001',
    signal: new AbortController().signal,
  })
}

const outcome = (out: Awaited<ReturnType<typeof run>>, id: string) => out.checks.find((c) => c.id === id)

describe('the runner: blocked, not failed', () => {
  test('a read-back of a refused PATCH is blocked by the check that failed on it, with no consequence of its own', async () => {
    const out = await run(refusesStringActive, [patchFlow as FlowDefinition])
    expect(outcome(out, 'patch/responds-200-or-204')?.outcome).toBe('failed')
    expect(outcome(out, 'patch/responds-200-or-204')?.observed).toMatchObject({ answer: 'refused', status: 400 })
    const readBack = outcome(out, 'patch/reads-back-active-false')!
    expect(readBack.outcome).toBe('blocked')
    expect(readBack.blockedBy).toBe('patch/responds-200-or-204')
    expect(outcome(out, SERVER_ERRORS_CHECK)?.outcome).toBe('passed')
  })

  test('a flow whose user could not be created blocks the rest by create-user/accepts-entra-body', async () => {
    const out = await run(refusesCreate, [stopsFlow as FlowDefinition])
    for (const id of ['stops/after-create', 'stops/never-reached']) {
      expect(outcome(out, id)).toMatchObject({ outcome: 'blocked', blockedBy: 'create-user/accepts-entra-body' })
    }
  })

  test('a 5xx blocks the checks that needed the answer and fails only run/no-server-errors', async () => {
    const out = await run(failsPatches, [patchFlow as FlowDefinition])
    expect(out.checks.filter((c) => c.outcome === 'failed').map((c) => c.id)).toEqual([SERVER_ERRORS_CHECK])
    expect(outcome(out, 'patch/responds-200-or-204')).toMatchObject({
      outcome: 'blocked',
      blockedBy: SERVER_ERRORS_CHECK,
    })
    expect(outcome(out, 'patch/reads-back-active-false')).toMatchObject({
      outcome: 'blocked',
      blockedBy: SERVER_ERRORS_CHECK,
    })
    // "database is locked": re-sent alone four more times, each answer counted, and the message says how to get a stable verdict.
    expect(outcome(out, SERVER_ERRORS_CHECK)?.message).toMatch(
      /5 answer\(s\) were a server error \(500\).*PATCH .* → 500.*--concurrency 1/,
    )
  })

  test('a 5xx that comes back when re-sent alone on a fresh user fails the check that sent it, quoting the server, and not run/no-server-errors', async () => {
    const out = await run(crashesPatches, [patchFlow as FlowDefinition])
    expect(out.checks.filter((c) => c.outcome === 'failed').map((c) => c.id)).toEqual(['patch/responds-200-or-204'])
    const failed = outcome(out, 'patch/responds-200-or-204')!
    expect(failed.message).toMatch(
      /Re-sent once, alone, on a fresh user, the same request answered 500 again \("Object reference not set"\)/,
    )
    expect(failed.entra.effect).toMatch(/retr/i)
    expect(outcome(out, 'patch/reads-back-active-false')).toMatchObject({
      outcome: 'blocked',
      blockedBy: 'patch/responds-200-or-204',
    })
    expect(outcome(out, SERVER_ERRORS_CHECK)?.outcome).toBe('passed')
  })
})
