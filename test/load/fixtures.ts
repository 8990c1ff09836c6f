// A small, fixed LoadResult for the renderer tests: a throttling endpoint that still meets 25 requests/second.
import type { LoadResult } from '../../helpers/model/load-result.ts'

export function throttledRun(): LoadResult {
  const bins = Array.from({ length: 40 }, (_, i) => ({ startMs: i * 250, requests: 30 + (i % 7), errors: i === 12 ? 2 : 0, p50Ms: 4 + (i % 5), p95Ms: 20 + i, maxMs: 60 + 3 * i }))
  return {
    tool: { name: 'scim-preflight', version: '0.1.0' },
    runId: 'fixture1',
    runPrefix: 'spf-fixture1',
    target: 'https://scim.fabrikam.example/scim/v2',
    embedded: false,
    startedAt: '2026-01-01T00:00:00.000Z',
    finishedAt: '2026-01-01T00:00:10.000Z',
    settings: { users: 500, groups: 5, membersPerPatch: 20, incremental: 0, concurrency: 10, rate: 150, dialect: 'legacy', profile: 'entra-default', matchingAttribute: 'userName', seed: 1 },
    verdict: { kind: 'meets', headline: 'Meets the gallery requirement: 139.2 requests/second (at least 25)', reasons: ['The endpoint answered 2 request(s) with 429 Too Many Requests.'] },
    throughput: { requests: 1392, durationMs: 10_000, requestsPerSecond: 139.2, totalRequests: 1900, totalDurationMs: 12_000, toolLimited: false },
    phases: [{ name: 'users', requests: 1000, durationMs: 7000, requestsPerSecond: 142.9 }, { name: 'cleanup', requests: 505, durationMs: 2000, requestsPerSecond: 252.5 }],
    kinds: [
      { kind: 'query', requests: 505, ok: 505, failed: 0, p50Ms: 4.1, p95Ms: 21, p99Ms: 40, maxMs: 80, meanMs: 6 },
      { kind: 'create', requests: 502, ok: 500, failed: 2, p50Ms: 5.3, p95Ms: 25, p99Ms: 50, maxMs: 120, meanMs: 8 },
    ],
    errors: [{ kind: 'create', status: '429', count: 2 }],
    anomalies: [],
    throttling: { responses: 2, withRetryAfter: 2, retryAfterMinS: 1, retryAfterMaxS: 1, pauses: 2, pausedMs: 2000, capped: 0, sentDuringPause: 0, retried: 2, gaveUp: 0, honoured: true },
    schedule: { late: 0, lateByConcurrency: 0, lateByTool: 0, maxLagMs: 0 },
    estimate: { tenantUsers: 50_000, tenantGroups: 500, tenantMemberships: 50_000, requests: 139_200, requestsPerSecond: 139.2, endpointSeconds: 1000, microsoftMinutes: [1005, 8040], text: 'A tenant of 50,000 users …' },
    cleanup: { deleted: 505, leftovers: 0, leftoverIds: [] },
    process: { peakRssMB: 90, cpuSeconds: 3.2, eventLoopUtilization: 0.4 },
    timeline: { binMs: 250, bins },
    histogram: [[1, 2, 10], [2, 4, 400], [4, 8, 900], [8, 16, 300], [16, 32, 120], [32, 64, 40], [64, 128, 5]],
    notices: [],
    sample: [{
      seq: 1,
      startedAt: '2026-01-01T00:00:00.000Z',
      durationMs: 3.2,
      request: { method: 'POST', url: 'https://scim.fabrikam.example/scim/v2/Users', headers: { Authorization: 'Bearer [redacted]' }, body: { userName: '<script>document.title="pwned"</script>' } },
      response: { status: 429, statusText: 'Too Many Requests', headers: { 'retry-after': '1' }, body: { detail: 'Slow down' } },
    }],
  }
}
