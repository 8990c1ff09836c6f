import { describe, expect, test } from 'vitest'
import { JsonItemSplitter, JsonShapeError } from '../../helpers/diagnose/json-items.ts'

const tricky = [
  { id: 'a', reason: 'Web Response: {"detail":"bad ] } [ {","path":"members[value eq \\"x\\"]"}' },
  { id: 'b', nested: { list: [1, [2, { x: '}' }]], s: 'quote \\" and backslash \\\\' } },
  { id: 'c', unicode: 'Zoë 😀 \u2028 naïve' },
]

function split(text: string, chunkSize: number): { items: unknown[]; end: ReturnType<JsonItemSplitter['end']> } {
  const items: unknown[] = []
  const s = new JsonItemSplitter((t) => items.push(JSON.parse(t)))
  for (let i = 0; i < text.length; i += chunkSize) s.write(text.slice(i, i + chunkSize))
  return { items, end: s.end() }
}

describe('JsonItemSplitter', () => {
  test.each([1, 2, 3, 7, 64, 100_000])(
    'a Graph page split into %i-character chunks yields every entry intact',
    (size) => {
      const text = JSON.stringify(
        { '@odata.context': 'x', value: tricky, '@odata.nextLink': 'https://next?$skiptoken=[1]' },
        null,
        size % 2 ? 2 : 0,
      )
      const { items, end } = split(text, size)
      expect(items).toEqual(tricky)
      expect(end.root).toBe('object')
      expect(end.outer).toEqual({ '@odata.context': 'x', value: [], '@odata.nextLink': 'https://next?$skiptoken=[1]' })
    },
  )

  test('a top-level array with a BOM and pretty-printing', () => {
    const { items, end } = split(`\uFEFF${JSON.stringify(tricky, null, 2)}\n`, 5)
    expect(items).toEqual(tricky)
    expect(end).toEqual({ root: 'array', entries: 3 })
  })

  test('only the "value" array is split; other arrays stay in the page object', () => {
    const { items, end } = split(JSON.stringify({ other: [{ a: 1 }], value: [{ id: 1 }] }), 4)
    expect(items).toEqual([{ id: 1 }])
    expect(end.outer).toEqual({ other: [{ a: 1 }], value: [] })
  })

  test.each([
    ['"just a string"', /not an object or array/],
    ['[1, 2]', /entry 0 is not an object/],
    ['[{"a":1} {"b":2}]', /misplaced/],
    ['[{"a":1},,{"b":2}]', /misplaced/],
    ['[{"a":1},]', /misplaced/],
    ['[{"a":1}', /ends early/],
    ['{"value":[{"a":1}]} x', /after the end/],
    ['{"value":[], "x": }', /JSON/],
    ['   ', /no JSON value/],
  ])('%s is refused', (text, message) => {
    expect(() => split(text, 3)).toThrow(JsonShapeError)
    expect(() => split(text, 3)).toThrow(message)
  })
})
