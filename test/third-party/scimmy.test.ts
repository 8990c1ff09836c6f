// The full suite against a real third-party implementation: SCIMMY + scimmy-routers on express, with an in-memory
// store for its handlers. The exact set of failing checks is pinned, each with the SCIMMY behaviour behind it;
// where SCIMMY and the suite disagree, RFC 7643/7644 or Entra's documented traffic decided (see each comment).
import { afterAll, beforeAll, describe, expect, test } from 'vitest'
import { runCliReport } from '../self-test/run-cli.ts'
import { ONE_DIALECT_ONLY } from '../../specs/users/shared-claims.ts'
import { PROFILE_ONLY } from '../../specs/profile-only.ts'
import { startScimmyServer, type ScimmyServer } from './scimmy-server.ts'

const BOTH = ['legacy', 'aadOptscim062020'] as const
const each = (id: string, dialects: readonly string[] = BOTH) => dialects.map((d) => `${id} [${d}]`)

// SCIMMY answers 400 to Entra's Add on phoneNumbers[type eq "mobile"].value for a user without a mobile ("does not
// match any values"); RFC 7644 §3.5.2.1 adds a target location that does not exist (noTarget is for replace/remove
// only), so the whole one-PATCH update Entra sends is refused. Sent alone (the suite's isolation), SCIMMY applies each
// of the other five operations, so only the mobile Add fails and the status check is blocked by it.
const MOBILE = 'update-user-multi-valued/adds-missing-mobile-phone'
const MULTI_VALUED = each(MOBILE)

const EXPECTED_FAILURES = [
  // SCIMMY's Filter.match (the matcher its docs use in egress) compares strings case-sensitively, though RFC 7643 §4.1.1 makes userName caseExact false.
  'get-user-by-query/matches-username-case-insensitively',
  ...MULTI_VALUED,
  // SCIMMY refuses the two manager PATCHes Entra sends at run time, in each dialect, and the status check names both: the
  // bare id string on the URN path ("Complex attribute 'manager' expected complex value"; RFC-strict, but it is Entra's
  // traffic, SCIM-SDK #686) and the tutorial's [{"$ref","value"}] on path "manager" (no core attribute "manager"; RFC 7644
  // §3.10 only says clients SHOULD qualify extension attributes). Their read-backs are blocked by it.
  ...each('update-user-manager/responds-200-or-204'),
  // The same strict complex type refuses "" as the manager, the way Microsoft's validation clears it (a Gallery check).
  ...each('update-user-manager/clears-manager-by-replace-with-empty-string'),
  // ...and the manager as a plain id string inside the POST body, as Entra was captured creating a user (directory-scimple #1242).
  ...each('update-user-manager/create-accepts-manager-string'),
  // The reference query Entra sends to check a manager (`id eq "…" and manager eq "<manager id>"`, Microsoft's tutorial,
  // Example 4) is asked after the first manager set SCIMMY applied ({"value": id}): SCIMMY answers it with no user,
  // comparing the complex manager with the id string rather than its value (RFC 7644 §3.4.2.2). The clear by remove is
  // judged on its own 200 and passes.
  ...each('update-user-manager/reference-query-finds-manager'),
  // SCIMMY refuses active "False" (a string: "expected value type 'boolean'"), which legacy Entra sends to disable
  // (Microsoft's compatibility doc). The user was never disabled, so the disable read-backs are blocked, not failed.
  ...each('disable-user/responds-200-or-204', ['legacy']),
  // And the lower-case "false" a customised active expression emits: the very capture of scimmy #86 (labelled wontfix).
  ...each('disable-user/accepts-lower-case-string-booleans', ['legacy']),
  // SCIMMY compares attribute names in PATCH paths with case ("Invalid attribute path 'FamilyName'"), though RFC 7643 §2.1
  // makes them case-insensitive (RFC only: no capture shows Entra sending a capitalised name).
  'update-user-capitalised-paths/applies-capitalised-sub-attributes',
  // SCIMMY declares canonical values for roles.type and refuses Entra's "WindowsAzureActiveDirectoryRole" ("non-canonical
  // value"), in the create body and in the replace of the role set; the Add whose elements carry a role serialised as a
  // JSON string is stored as that string, so no role is granted (Microsoft: Customize attribute mappings; SCIM-SDK #516).
  'update-user-roles/create-stores-role',
  'update-user-roles/adds-stringified-roles',
  'update-user-roles/replace-sets-role-set',
  // SCIMMY answers 400 ("Cannot convert undefined or null to object") to a replace of an enterprise attribute with
  // null; RFC 7643 §2.5 makes null "unassigned". clears-with-null is blocked by it.
  ...each('update-user-empty-values/responds-200-or-204', ['legacy']),
  // scimmy-routers turns startIndex/count into numbers by assigning to req.query, which Express 5 re-parses on each read: both are ignored (count 20, startIndex 1).
  'get-users-paged/honours-count',
  'get-users-paged/echoes-start-index',
  'get-users-paged/total-results-agrees',
  'get-users-paged/returns-each-user-once',
  // Groups are paged by the same routers, so startIndex and count are ignored there too.
  'list-groups/pages-with-start-index-and-count',
  // SCIMMY's User and Group schemas leave externalId out (RFC 7643 §3.1: a common attribute), so Microsoft's
  // Schema_Discoverability_Test, which counts every target attribute but id, would report it missing.
  'schema-discoverability/describes-external-id',
  // The same case-sensitive Filter.match applies to group displayName, which RFC 7643 §4.2 also declares caseExact false.
  'get-group-by-display-name/matches-case-insensitively',
  // SCIMMY appends a member that is already in the group, so it is listed twice; RFC 7644 §3.5.2.1 says no change SHOULD be made.
  ...each('update-group-add-members/adding-existing-member-succeeds'),
  // SCIMMY answers 400 to Entra's membership query `id eq "…" and members eq "…"`: it cannot compare the complex members attribute with a value.
  ...each('update-group-add-members/member-query-finds-group'),
  // The test server rejects a bad token through scimmy-routers' authenticate hook, which answers 401 without a WWW-Authenticate challenge (RFC 6750 §3).
  'authentication/invalid-token-answer-has-www-authenticate',
].sort()

describe('against SCIMMY (scimmy + scimmy-routers on express)', () => {
  let server: ScimmyServer
  beforeAll(async () => {
    server = await startScimmyServer(`scimmy-${Math.random().toString(36).slice(2)}-token`)
  })
  afterAll(async () => {
    await server?.close()
  })

  test('exactly the known checks fail, and every resource the run created is deleted', async () => {
    // The large group is built when asked for: 200 members (two batches of Add) prove the batching as 1,000 would.
    const run = await runCliReport(['--strict', '--seed', '7', '--large-group', '200'], 'console,json', {
      SCIM_BASE_URL: server.url,
      SCIM_TOKEN: server.token,
      COLUMNS: '',
    })
    const failed = [
      ...new Set(
        run.report.checks
          .filter((c) => c.outcome === 'failed')
          .map((c) => (c.dialect ? `${c.id} [${c.dialect}]` : c.id)),
      ),
    ].sort()
    expect(failed).toEqual(EXPECTED_FAILURES)
    // The multi-valued failure names the refused operation, found by sending each operation alone.
    for (const c of run.report.checks.filter((c) => c.id === MOBILE)) {
      expect(c.message).toMatch(/Diagnosis by isolation/)
      expect(c.message).toMatch(
        /does not apply (Add|add) phoneNumbers\[type eq "mobile"\]\.value even when it is sent alone/,
      )
    }
    expect(
      run.report.checks
        .filter((c) => c.id === 'update-user-multi-valued/responds-200-or-204')
        .map((c) => [c.outcome, c.blockedBy]),
    ).toEqual([
      ['blocked', MOBILE],
      ['blocked', MOBILE],
    ])
    // What a refused PATCH keeps from being judged is blocked by the check that failed on it, never failed.
    const blockedBy = (id: string, dialect: string) =>
      run.report.checks.find((c) => c.id === id && c.dialect === dialect)?.blockedBy
    for (const id of ['disable-user/get-returns-disabled-user', 'disable-user/filter-returns-disabled-user']) {
      expect(blockedBy(id, 'legacy')).toBe('disable-user/responds-200-or-204')
    }
    expect(blockedBy('update-user-empty-values/clears-with-null', 'legacy')).toBe(
      'update-user-empty-values/responds-200-or-204',
    )
    // Only the OAuth checks are skipped: this server authenticates with a secret token.
    // (and the shapes one dialect sends, skipped in the other, and what only a mapping that adds it sends)
    expect(
      run.report.checks
        .filter(
          (c) =>
            c.outcome === 'skipped' &&
            !c.id.startsWith('authentication/') &&
            !ONE_DIALECT_ONLY.includes(c.id) &&
            !PROFILE_ONLY.includes(c.id),
        )
        .map((c) => c.id),
    ).toEqual([])
    // One defect, one cause: 30 failed checks give 15 causes, each titled by what SCIMMY did, with its error text whole
    // beside the title. A refused write is diagnosed by varying one factor: SCIMMY's strict complex manager (a string in
    // the POST, the bare id and "" in PATCH) is one cause, named by the form it accepts ({"value": …}); the canonical
    // roles.type (POST and PATCH) is one, found by leaving roles out; paging (count and startIndex ignored by
    // scimmy-routers) is one over its five checks.
    const failures = (run.report.causes ?? []).filter((c) => c.level === 'failure')
    expect(run.report.causeSummary).toBe('15 causes (30 failed checks)')
    // A user that is not created ranks first: the manager as a plain id string (Entra's captured create), refused in the
    // POST and in PATCH alike.
    expect(failures[0]!.title).toBe(
      'Refuses a manager sent as a string (a bare id, or "" to clear it) but accepts {"value": …}',
    )
    expect(failures[0]!.serverMessage).toMatch(
      /^Complex attribute 'manager' expected complex value but found type 'string'/,
    )
    expect(failures[0]!.checks.map((c) => c.id)).toEqual(
      expect.arrayContaining([
        'update-user-manager/create-accepts-manager-string',
        'update-user-manager/responds-200-or-204',
        'update-user-manager/clears-manager-by-replace-with-empty-string',
      ]),
    )
    expect(failures.find((c) => c.checks.some((x) => x.id === 'disable-user/responds-200-or-204'))!.title).toBe(
      'Refuses the string "True"/"False" Entra\'s default dialect sends for active but accepts a JSON boolean',
    )
    expect(
      failures
        .find((c) => c.checks.some((x) => x.id === 'update-user-roles/create-stores-role'))!
        .checks.map((c) => c.id),
    ).toEqual(['update-user-roles/create-stores-role', 'update-user-roles/replace-sets-role-set'])
    expect(failures.filter((c) => c.checks.some((x) => /^(get-users-paged|list-groups)\//.test(x.id)))).toHaveLength(1)
    // No title is cut inside a word or repeats the server's text; a failure and a warning never share a headline.
    expect(new Set(run.report.causes!.map((c) => c.title)).size).toBe(run.report.causes!.length)
    expect(run.report.leftovers).toEqual([])
    expect(run.code).toBe(1)
    // Where a CI log ends: the verdict, then the first thing to fix (the worst cause's fix); without a terminal (COLUMNS
    // empty, stdout a pipe) every line of the report fits 100 columns.
    const out = run.stdout.trimEnd().split('\n')
    // The report proper starts after the lines the run prints before it starts ("Run <id>: …").
    const report = out.slice(out.findIndex((l) => l.startsWith('Run ')) + 1)
    expect(report.filter((l) => [...l].length > 100)).toEqual([])
    const fixAt = out.findLastIndex((l) => l.startsWith('Fix first: '))
    const joined = (ls: string[]) => ls.map((l) => l.trim()).join(' ')
    expect(joined(out.slice(out.lastIndexOf('') + 1, fixAt))).toBe(run.report.verdict.headline.replace(/\s+/g, ' '))
    expect(joined(out.slice(fixAt))).toBe(
      `Fix first: ${run.report.causes!.find((c) => c.level === 'failure')!.fix}`.replace(/\s+/g, ' '),
    )
  })
})
