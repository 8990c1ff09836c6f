// Every check diagnose tells an engineer to run (`npx scim-preflight --only '<id>'`) exists in the catalog.
import { describe, expect, test } from 'vitest'
import { allReproducers } from '../../helpers/diagnose/index.ts'
import { PROBE_REPRODUCERS } from '../../helpers/diagnose/probe-checks.ts'
import { catalog } from '../../specs/catalog.ts'

describe('reproducer check ids of the Entra code table and the diagnose probes', () => {
  test('each is in the catalog', () => {
    const ids = [...allReproducers().map((r) => r.checkId), ...Object.values(PROBE_REPRODUCERS)]
    const missing = [...new Set(ids)].filter((id) => !(id in catalog))
    expect(missing).toEqual([])
  })
})
