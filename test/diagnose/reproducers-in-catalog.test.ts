// Every check diagnose tells an engineer to run (`npx scim-preflight --only '<id>'`) exists in the catalog.
import { describe, expect, test } from 'vitest'
import { allReproducers } from '../../helpers/diagnose/index.ts'
import { PROBE_REPRODUCERS } from '../../helpers/diagnose/probe-checks.ts'
import { catalog } from '../../specs/catalog.ts'

// Ids other branches are adding while this one is written (groups, users, load). Once a branch is merged its
// ids are in the catalog and the second test fails: delete them from this list then.
const PENDING_ON_OTHER_BRANCHES = new Set([
  'update-user-manager/returns-manager-as-object',
  'update-group-remove-members/keeps-other-members',
  'get-group/excludes-members',
  'update-user-single-valued/responds-200-or-204',
  'load/sustains-25-rps',
])

describe('reproducer check ids of the Entra code table and the diagnose probes', () => {
  test('each is in the catalog, or pending on another branch', () => {
    const ids = [...allReproducers().map((r) => r.checkId), ...Object.values(PROBE_REPRODUCERS)]
    const missing = [...new Set(ids)].filter((id) => !(id in catalog) && !PENDING_ON_OTHER_BRANCHES.has(id))
    expect(missing).toEqual([])
  })

  test('the pending list names only ids still missing from the catalog', () => {
    const merged = [...PENDING_ON_OTHER_BRANCHES].filter((id) => id in catalog)
    expect(merged, 'now in the catalog: remove from PENDING_ON_OTHER_BRANCHES').toEqual([])
  })
})
