// The kill matrix: every check is broken by at least one fault, and every fault file is registered.
import { readdirSync } from 'node:fs'
import { describe, expect, test } from 'vitest'
import { faults } from '../../server/faults/index.ts'
import { catalog } from '../../specs/catalog.ts'

describe('coverage of the catalog by faults', () => {
  test('every check id is broken by at least one fault', () => {
    const broken = new Set(faults.flatMap((f) => f.breaks))
    expect(Object.keys(catalog).filter((id) => !broken.has(id as never))).toEqual([])
  })

  test('every fault names only ids of the catalog', () => {
    const unknown = faults.flatMap((f) => f.breaks.filter((id) => !(id in catalog)).map((id) => `${f.id}: ${id}`))
    expect(unknown).toEqual([])
  })

  test('every file in server/faults is registered, with an id equal to its file name', () => {
    const files = readdirSync(new URL('../../server/faults/', import.meta.url))
      .filter((f) => f.endsWith('.ts') && !['define-fault.ts', 'index.ts', 'match.ts'].includes(f))
      .map((f) => f.replace(/\.ts$/, ''))
      .sort()
    expect(faults.map((f) => f.id).sort()).toEqual(files)
  })
})
