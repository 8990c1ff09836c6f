// The layout is a promise: imports go one way, down the floors, and never in a circle.
import { describe, expect, test } from 'vitest'
import { FLOORS, importCircles, readImports, repositoryRoot, roomOf, upwardImports } from './floors.ts'

describe('the product code', () => {
  const imports = readImports(repositoryRoot)

  test('imports only from its own folder or a lower floor', () => {
    expect(imports.length).toBeGreaterThan(500)
    expect(upwardImports(imports)).toEqual([])
  })

  test('has no import circle', () => {
    expect(importCircles(imports)).toEqual([])
  })

  test('lives in a folder that has a floor (a new folder is placed in FLOORS and the README)', () => {
    const unplaced = [...new Set(imports.flatMap(({ from, to }) => [from, to]))].filter(
      (p) => /^(helpers|specs|server|cli)\//.test(p) && !roomOf(p),
    )
    expect(unplaced).toEqual([])
  })
})

describe('the floor test itself', () => {
  test('fails on an import that points up a floor', () => {
    expect(upwardImports([{ from: 'helpers/model/result.ts', to: 'helpers/suite/flow.ts' }])).toEqual([
      'helpers/model/result.ts imports helpers/suite/flow.ts: helpers/suite is above helpers/model',
    ])
  })

  test('fails on an import sideways to another folder of the same floor', () => {
    expect(upwardImports([{ from: 'helpers/load/cycle.ts', to: 'helpers/diagnose/index.ts' }])).toHaveLength(1)
  })

  test('lets a floor import its own folder and any floor below', () => {
    expect(
      upwardImports([
        { from: 'cli/run.ts', to: 'helpers/model/result.ts' },
        { from: 'helpers/suite/run-suite.ts', to: 'helpers/suite/flow.ts' },
      ]),
    ).toEqual([])
  })

  test('finds a circle', () => {
    expect(
      importCircles([
        { from: 'a.ts', to: 'b.ts' },
        { from: 'b.ts', to: 'c.ts' },
        { from: 'c.ts', to: 'a.ts' },
      ]),
    ).toEqual([['a.ts', 'b.ts', 'c.ts']])
  })

  test('names each floor once', () => {
    const rooms = FLOORS.flat()
    expect(new Set(rooms).size).toBe(rooms.length)
  })
})
