// A vendor's own checks run by the suite's runner against the real reference endpoint: the same outcomes, causes,
// recording client, cleanup and read-only rule as built-in checks; loading errors are one line.
import { afterAll, beforeAll, describe, expect, test } from 'vitest'
import { join } from 'node:path'
import { runConfig } from '../../helpers/config/run.ts'
import { withCheckFiles } from '../../helpers/custom/load.ts'
import { customSuite } from '../../helpers/custom/suite.ts'
import { defineCheck } from '../../helpers/custom/define.ts'
import { UsageError } from '../../helpers/model/errors.ts'
import { loadProfile } from '../../helpers/entra/load-profile.ts'
import { groupCauses } from '../../helpers/result/causes.ts'
import type { CheckResult } from '../../helpers/model/result.ts'
import { runnerOptions, runSuite } from '../../helpers/suite/run-suite.ts'
import { openTarget } from '../../helpers/connect/open-target.ts'
import { faultsById } from '../../server/faults/index.ts'
import { startServer, type RunningServer } from '../../server/start.ts'
import { catalog } from '../../specs/catalog.ts'
import { runCli, runSuiteCli } from '../self-test/run-cli.ts'
import { flows } from '../../specs/flows.ts'

const FIXTURES = join(import.meta.dirname, 'fixtures')
const builtIn = { flows, catalog }

async function run(args: string[], opts: { faults?: string[]; files?: string[] } = {}) {
  const command = runConfig([...args, '--report', 'console'], {})
  if (command.kind !== 'run') throw new Error('not a run')
  const config = command.config
  const suite = await withCheckFiles(opts.files ?? ['vendor-checks.ts'], FIXTURES, builtIn)
  let server: RunningServer | undefined
  const target = await openTarget(config, {
    embedded: async (o) => (server = await startServer({ ...o, faults: faultsById(opts.faults ?? []) })),
    readOnly: config.readOnly,
  })
  try {
    const out = await runSuite({
      options: runnerOptions(config, loadProfile(config.profile)),
      flows: suite.flows,
      catalog: suite.catalog,
      client: target.client,
      profile: loadProfile(config.profile),
      runPrefix: 'spf-cafe0001',
      signal: new AbortController().signal,
      onCheck: suite.observe,
    })
    return { ...out, users: server!.store.users, exchanges: target.exchanges }
  } finally {
    await target.close()
  }
}

const byId = (checks: CheckResult[], id: string, dialect?: string) =>
  checks.find((c) => c.id === id && (dialect === undefined || c.dialect === dialect))

describe("a vendor's checks in the runner", () => {
  let clean: Awaited<ReturnType<typeof run>>
  beforeAll(async () => {
    clean = await run(['--only', 'create-user/*', '--only', 'vendorx*'])
  })
  afterAll(() => undefined)

  test('pass against the clean endpoint, each with its level, evidence and flow', () => {
    const c = byId(clean.checks, 'vendorx/title-round-trip')!
    expect(c).toMatchObject({ outcome: 'passed', severity: 'entra', flow: 'vendorx checks' })
    expect(c.evidence.sources[0]!.url).toBe('https://docs.vendorx.example/title')
    expect(byId(clean.checks, 'vendorx-flow/disabled-reads-false', 'legacy')?.outcome).toBe('passed')
    expect(byId(clean.checks, 'vendorx-flow/disabled-reads-false', 'aadOptscim062020')?.outcome).toBe('passed')
  })

  test('a plain assertion failure is a warning at level rfc, with its message and its own cause', () => {
    const c = byId(clean.checks, 'vendorx/discovery-names-vendorx')!
    expect(c.outcome).toBe('warned')
    expect(c.message).toMatch(/docs\.vendorx\.example/)
    expect(groupCauses(clean.checks, clean.exchanges).some((cause) => cause.checks.some((x) => x.id === c.id))).toBe(
      true,
    )
  })

  test('their requests are on the record with the token redacted, their users run-prefixed and deleted', () => {
    const c = byId(clean.checks, 'vendorx/title-round-trip')!
    const mine = clean.exchanges.filter((e) => c.exchanges.includes(e.seq))
    expect(mine.map((e) => e.request.method)).toEqual(['POST', 'GET'])
    expect(JSON.stringify(mine)).not.toMatch(/Bearer [^"*[]/)
    expect(String((mine[0]!.request.body as { userName: string }).userName)).toMatch(/^spf-cafe0001-/)
    expect(clean.users.size).toBe(0)
    expect(clean.leftovers).toEqual([])
  })

  test('a check depending on a built-in one is blocked, naming it, when that one fails', async () => {
    const broken = await run(['--only', 'create-user/*', '--only', 'vendorx/*'], {
      faults: ['create-user-refuses-enterprise-schema'],
    })
    expect(byId(broken.checks, 'create-user/accepts-entra-body')?.outcome).toBe('failed')
    expect(byId(broken.checks, 'vendorx/title-round-trip')).toMatchObject({
      outcome: 'blocked',
      blockedBy: 'create-user/accepts-entra-body',
    })
  })

  test('a fault of the endpoint fails the vendor check with the exchange that shows it', async () => {
    const broken = await run(['--only', 'vendorx*'], { faults: ['title-not-stored'] })
    const c = byId(broken.checks, 'vendorx/title-round-trip')!
    expect(c.outcome).toBe('failed')
    expect(c.observed?.request).toMatch(/^GET \/Users/)
  })

  test('--read-only skips the writing checks and runs the reading ones', async () => {
    const ro = await run(['--read-only', '--only', 'vendorx*'])
    expect(byId(ro.checks, 'vendorx/title-round-trip')).toMatchObject({
      outcome: 'skipped',
      message: 'read-only mode sends no writes',
    })
    expect(byId(ro.checks, 'vendorx/discovery-names-vendorx')?.outcome).toBe('warned')
    expect(byId(ro.checks, 'vendorx-flow/disable-answers')?.outcome).toBe('skipped')
  })
})

describe("loading a vendor's checks: one line for each mistake", () => {
  const fails = async (files: string[]) => {
    const err = await withCheckFiles(files, FIXTURES, builtIn).then(
      () => undefined,
      (e: unknown) => e,
    )
    expect(err).toBeInstanceOf(UsageError)
    const message = (err as Error).message
    expect(message).not.toContain('\n')
    return message
  }
  test('a file that does not exist', async () => {
    expect(await fails(['nope.ts'])).toMatch(/^--checks 'nope\.ts' does not exist/)
  })
  test('a file that throws while loading', async () => {
    expect(await fails(['does-not-load.ts'])).toBe(
      "--checks 'does-not-load.ts' does not load: VENDOR_SECRET_CONFIG is not set",
    )
  })
  test('a duplicate id', async () => {
    expect(await fails(['duplicate-id.ts'])).toMatch(/declares check id 'vendorx\/same' twice/)
  })
  test('the same file twice is a duplicate too', async () => {
    expect(await fails(['vendor-checks.ts', 'vendor-checks.ts'])).toMatch(/twice/)
  })
  test('a built-in id or namespace, an unknown dependency', () => {
    const claim = {
      title: 'x',
      level: 'entra',
      evidence: { says: 'x', sources: ['https://x.example'] },
      fix: 'x',
      run() {},
    } as const
    expect(() => customSuite([defineCheck({ ...claim, id: 'create-user/mine' })], builtIn)).toThrow(
      /built-in check|namespace of the built-in flow/,
    )
    expect(() =>
      customSuite([defineCheck({ ...claim, id: 'acme/a', dependsOn: ['create-user/nope'] })], builtIn),
    ).toThrow(/depends on 'create-user\/nope', which is no check/)
    expect(() => customSuite([defineCheck({ ...claim, id: 'acme' })], builtIn)).toThrow(/must be '<namespace>\/<name>'/)
  })
})

describe('scim-preflight --checks FILE', () => {
  test("runs the file's checks beside the built-in ones, into the same report and exit code", async () => {
    const { code, report } = await runSuiteCli([
      '--checks',
      join(FIXTURES, 'vendor-checks.ts'),
      '--only',
      'vendorx*',
      '--dialect',
      'legacy',
    ])
    // The rfc-level check warns: exit 0 by default.
    expect(code).toBe(0)
    expect(report.checks.map((c) => `${c.id}:${c.outcome}`).sort()).toEqual([
      'vendorx-flow/disable-answers:passed',
      'vendorx-flow/disabled-reads-false:passed',
      'vendorx/discovery-names-vendorx:warned',
      'vendorx/title-round-trip:passed',
    ])
    expect(report.causes!.map((c) => c.checks[0]!.id)).toEqual(['vendorx/discovery-names-vendorx'])
  })

  test('a duplicate id is one line on stderr and exit 2', async () => {
    const { code, stderr } = await runCli(['--checks', join(FIXTURES, 'duplicate-id.ts')])
    expect(code).toBe(2)
    expect(stderr.trim().split('\n')).toEqual([
      expect.stringMatching(/^scim-preflight: --checks '.*duplicate-id\.ts' declares check id 'vendorx\/same' twice/),
    ])
  })
})
