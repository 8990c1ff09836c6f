// `diagnose` against live endpoints: each defect is named by its Entra consequence as the top cause, and the
// endpoint's own request log proves that nothing but GET reached it.
import { describe, expect, test } from 'vitest'
import { CORE_GROUP, CORE_USER, ENTERPRISE_USER } from '../../helpers/entra/profile.ts'
import type { RunResult } from '../../helpers/model/result.ts'
import { faultsById } from '../../server/faults/index.ts'
import { startServer, type RunningServer } from '../../server/start.ts'
import { Store } from '../../server/store.ts'
import { catalog, type CheckId } from '../../specs/catalog.ts'
import { runCli } from '../self-test/run-cli.ts'
import { runDiagnose, startProxy } from './run-diagnose.ts'

const TOKEN = 'diag-token-4f9c2b7e81d3a6'
const USER = 'adele.vance@contoso.example'

/** A store holding what a real tenant's endpoint would: one user and one group with a member. */
function tenantStore(user: Record<string, unknown> = {}): Store {
  const store = new Store()
  store.users.put({
    id: 'u-1',
    schemas: [CORE_USER, ENTERPRISE_USER],
    userName: USER,
    externalId: 'a1b2c3',
    active: true,
    [ENTERPRISE_USER]: { manager: { value: 'u-2' } },
    meta: { resourceType: 'User' },
    ...user,
  })
  store.groups.put({
    id: 'g-1',
    schemas: [CORE_GROUP],
    displayName: 'Sales',
    members: [{ value: 'u-1' }],
    meta: { resourceType: 'Group' },
  })
  return store
}

function expectOnlyGets(server: RunningServer): void {
  expect(Object.keys(server.log.counts)).toEqual(['GET'])
  expect(server.log.counts.GET).toBeGreaterThan(5)
}

const top = (report: RunResult) => report.diagnosis?.causes[0]

describe.concurrent(
  'a fault of the reference endpoint is named by its Entra consequence, with GET requests only',
  () => {
    test.each([
      ['filter-no-match-returns-404', false],
      ['auth-accepts-any-bearer-token', false],
      ['groups-endpoint-missing', false],
      ['query-requires-accept-header', false],
      ['filter-returns-duplicates', true],
    ] as const)('%s', async (faultId, withUser) => {
      const [fault] = faultsById([faultId])
      const server = await startServer({ token: TOKEN, faults: [fault!], store: tenantStore() })
      try {
        const run = await runDiagnose(['--url', server.url, '--token', TOKEN, ...(withUser ? ['--user', USER] : [])])
        const expected = catalog[fault!.breaks[0] as CheckId]!.entra
        const cause = top(run.report)
        expect(run.code).toBe(1)
        expect(cause?.code).toBe(expected.code)
        expect(fault!.breaks as readonly string[]).toContain(cause?.reproduce?.checkId)
        expect(run.stdout).toContain(`Reproduce: npx scim-preflight --only '${cause?.reproduce?.checkId}'`)
        expect(run.stdout + run.stderr).not.toContain(TOKEN)
        expectOnlyGets(server)
      } finally {
        await server.close()
      }
    })

    test('a 404 on the users filter is the "SCIM compliance" quarantine, and the console leads with it', async () => {
      const server = await startServer({ token: TOKEN, faults: faultsById(['filter-no-match-returns-404']) })
      try {
        const run = await runDiagnose(['--url', server.url, '--token', TOKEN])
        expect(top(run.report)?.quarantineReason).toMatch(/^EncounteredQuarantineException \(SCIM compliance issue\)/)
        expect(top(run.report)?.title).toMatch(/\/Users answers 404/)
        const lines = run.stdout.split('\n')
        expect(lines.findIndex((l) => l.startsWith('Likely causes'))).toBeLessThan(
          lines.findIndex((l) => l === 'Test Connection'),
        )
        expect(run.stdout).toMatch(/Live probes \(latency\)\n\s+\d+ ms {2}GET /)
      } finally {
        await server.close()
      }
    })

    test('the clean endpoint without logs: no likely cause seen, but inconclusive (exit 3), never "none found"', async () => {
      const server = await startServer({ token: TOKEN, store: tenantStore() })
      try {
        const run = await runDiagnose(['--url', server.url, '--token', TOKEN, '--user', USER])
        expect(run.report.diagnosis?.causes).toEqual([])
        expect(run.report.checks.filter((c) => c.outcome === 'failed' || c.outcome === 'warned')).toEqual([])
        expect(run.report.checks.filter((c) => c.outcome === 'skipped')).toEqual([])
        expect(run.code).toBe(3)
        expect(run.report.verdict.headline).toMatch(/^Inconclusive: /)
        expect(run.stdout).not.toContain('none found')
        expect(run.stdout).toContain('Likely causes: inconclusive')
        expectOnlyGets(server)
      } finally {
        await server.close()
      }
    })

    test('the configured token refused with 401: exit 2 with one line, as for a run (the preflight), GET only', async () => {
      const server = await startServer({ token: TOKEN })
      try {
        const r = await runCli([
          'diagnose',
          '--url',
          server.url,
          '--token',
          'an-expired-token-0000',
          '--report',
          'console',
        ])
        expect(r.code).toBe(2)
        expect(r.stderr.trim().split('\n')).toEqual([
          expect.stringMatching(
            /^scim-preflight: http:\/\/127\.0\.0\.1:\d+\/scim\/v2 refused the token: GET .* answered 401 Unauthorized/,
          ),
        ])
        expect(r.stdout + r.stderr).not.toContain('an-expired-token-0000')
        expect(Object.keys(server.log.counts)).toEqual(['GET'])
      } finally {
        await server.close()
      }
    })

    // The string "active" fails a Gallery-level check (Microsoft's validation), which a running job is not shown to
    // fail on: it is reported, but only the manager is a likely cause of the quarantine.
    test('a user stored with a string "active" and a bare manager id: both reported, the manager as the likely cause', async () => {
      const store = tenantStore({ active: 'True', [ENTERPRISE_USER]: { manager: 'u-2' } })
      const server = await startServer({ token: TOKEN, store })
      try {
        const run = await runDiagnose(['--url', server.url, '--token', TOKEN, '--user', USER])
        const failing = run.report.checks
          .filter((c) => c.outcome !== 'passed' && c.outcome !== 'skipped')
          .map((c) => c.id)
        expect(failing.sort()).toEqual([
          'diagnose/user-lookup-returns-active-boolean',
          'diagnose/user-lookup-returns-manager-object',
        ])
        expect(top(run.report)?.code).toBe('SystemForCrossDomainIdentityManagementServiceIncompatible')
        const causes = run.report.diagnosis?.causes.map((c) => c.observations.join(' ')).join(' ')
        expect(causes).toContain('manager is "u-2"')
        expect(causes).not.toContain('"active" is "True"')
        expect(
          run.report.checks.find((c) => c.id === 'diagnose/user-lookup-returns-active-boolean')?.message,
        ).toContain('"active" is "True"')
        expectOnlyGets(server)
      } finally {
        await server.close()
      }
    })

    test('--user that matches nobody: Entra would create it and hit a conflict', async () => {
      const server = await startServer({ token: TOKEN, store: tenantStore() })
      try {
        const run = await runDiagnose(['--url', server.url, '--token', TOKEN, '--user', 'nobody@contoso.example'])
        expect(top(run.report)?.code).toBe('EntryConflict')
        expectOnlyGets(server)
      } finally {
        await server.close()
      }
    })
  },
)

describe('what sits in front of the endpoint', () => {
  test('a WAF answering HTML 403 to requests without User-Agent', async () => {
    const server = await startServer({ token: TOKEN, store: tenantStore() })
    const waf = await startProxy(new URL(server.url).origin, (req) =>
      req.headers['user-agent']
        ? undefined
        : {
            status: 403,
            headers: { 'Content-Type': 'text/html' },
            body: '<html><body><h1>403 Forbidden</h1>Request blocked.</body></html>',
          },
    )
    try {
      const run = await runDiagnose(['--url', `${waf.origin}/scim/v2`, '--token', TOKEN])
      expect(top(run.report)).toMatchObject({
        code: 'SystemForCrossDomainIdentityManagementCredentialValidationFailure',
        title: expect.stringMatching(/blocks requests without a User-Agent/),
        reproduce: { checkId: 'test-connection/no-accept-header-needed' },
      })
      expect(run.report.checks.find((c) => c.id === 'diagnose/answers-without-user-agent')?.outcome).toBe('failed')
    } finally {
      await waf.close()
      await server.close()
    }
  })

  test('a gateway that drops excludedAttributes: members come back on the group query', async () => {
    const server = await startServer({ token: TOKEN, store: tenantStore() })
    const gateway = await startProxy(new URL(server.url).origin, (req) => {
      const url = new URL(req.url ?? '/', 'http://x')
      url.searchParams.delete('excludedAttributes')
      return { path: url.pathname + url.search }
    })
    try {
      const run = await runDiagnose(['--url', `${gateway.origin}/scim/v2`, '--token', TOKEN])
      expect(run.report.checks.find((c) => c.id === 'diagnose/group-query-excludes-members')?.outcome).toBe('failed')
      expect(top(run.report)?.code).toBe('SystemForCrossDomainIdentityManagementMultipleEntriesInResponse')
      expectOnlyGets(server)
    } finally {
      await gateway.close()
      await server.close()
    }
  })

  test('nothing listening: the cause says Entra cannot connect, exit 1 with a report', async () => {
    const server = await startServer({ token: TOKEN })
    const url = server.url
    await server.close()
    const run = await runDiagnose(['--url', url, '--token', TOKEN, '--timeout', '3s'])
    expect(top(run.report)?.title).toMatch(/cannot connect to the endpoint: connection refused/)
    expect(run.code).toBe(1)
  })
})
