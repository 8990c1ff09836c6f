// The floors of the product code, bottom first: a file may import from its own folder and from the floors below it,
// never from a floor above (nor from another folder of its own floor). The README's layout table lists the same order.
import { readdirSync, readFileSync, statSync } from 'node:fs'
import { join, posix, relative } from 'node:path'

export const FLOORS: readonly (readonly string[])[] = [
  ['helpers/model'], // types and pure data: the exchange, the dialect, check info and references, the result model, check keys
  ['helpers/entra'], // what Entra sends, as data (below the client, so it sends nothing): bodies, PATCH shapes, profiles, attribute types
  ['helpers/client'], // the recording SCIM client, OAuth requests, proxy, redaction
  ['helpers/config'], // the one reader of flags, the environment and .env
  ['helpers/connect'], // opening the target: credential, preflight, gallery probes
  ['helpers/result'], // causes, verdict, waivers, baseline diff
  ['helpers/suite'], // the runner: flow context, assertions, consequences
  ['helpers/steps'], // flow steps: the requests a flow makes together with their checks, isolation
  ['helpers/load', 'helpers/diagnose', 'helpers/cleanup'], // the other commands' own logic
  ['helpers/report'], // one renderer per format, and the writer
  ['specs'], // the conformance flows and their catalog
  ['server'], // the reference endpoint and its faults
  ['helpers/custom'], // vendors' own checks, flows and faults (scim-preflight/checks), and the --checks loader
  ['helpers/validation', 'helpers/vitest'], // Microsoft's validation predicted and explained; the suite in a vendor's vitest
  ['cli'], // the commands
]

export interface Import {
  from: string
  to: string
}

/** The folder (room) of a repository path: its entry in FLOORS, or undefined when it is not product code. */
export function roomOf(path: string): { room: string; floor: number } | undefined {
  let best: { room: string; floor: number } | undefined
  FLOORS.forEach((rooms, floor) => {
    for (const room of rooms)
      if ((path === room || path.startsWith(`${room}/`)) && (!best || room.length > best.room.length))
        best = { room, floor }
  })
  return best
}

const SPECIFIER =
  /(?:^|[\s;])(?:import|export)\s[^'"`;]*?from\s*['"](\.{1,2}\/[^'"]+)['"]|import\(\s*['"](\.{1,2}\/[^'"]+)['"]\s*\)|^import\s+['"](\.{1,2}\/[^'"]+)['"]/gm

/** Every relative import of the product code's source files, as repository paths. */
export function readImports(root: string): Import[] {
  const files: string[] = []
  const walk = (dir: string): void => {
    for (const name of readdirSync(join(root, dir))) {
      const path = posix.join(dir, name)
      if (statSync(join(root, path)).isDirectory()) walk(path)
      else if (/\.(ts|js|mjs)$/.test(name)) files.push(path)
    }
  }
  for (const top of new Set(FLOORS.flat().map((room) => room.split('/')[0]!))) walk(top)
  const imports: Import[] = []
  for (const from of files) {
    const text = readFileSync(join(root, from), 'utf8')
    for (const m of text.matchAll(SPECIFIER)) {
      const spec = m[1] ?? m[2] ?? m[3]!
      imports.push({ from, to: posix.normalize(posix.join(posix.dirname(from), spec)) })
    }
  }
  return imports
}

/** Imports that point to a higher floor, or sideways to another folder of the same floor. */
export function upwardImports(imports: readonly Import[]): string[] {
  const wrong: string[] = []
  for (const { from, to } of imports) {
    const a = roomOf(from)
    const b = roomOf(to)
    if (!a || !b || a.room === b.room) continue
    if (b.floor > a.floor) wrong.push(`${from} imports ${to}: ${b.room} is above ${a.room}`)
    else if (b.floor === a.floor) wrong.push(`${from} imports ${to}: ${b.room} is beside ${a.room} on the same floor`)
  }
  return wrong
}

/** Import circles between files, each as the files it goes through (Tarjan's strongly connected components). */
export function importCircles(imports: readonly Import[]): string[][] {
  const next = new Map<string, string[]>()
  for (const { from, to } of imports) next.set(from, [...(next.get(from) ?? []), to])
  const index = new Map<string, number>()
  const low = new Map<string, number>()
  const stack: string[] = []
  const onStack = new Set<string>()
  const circles: string[][] = []
  let counter = 0
  const visit = (v: string): void => {
    index.set(v, counter)
    low.set(v, counter++)
    stack.push(v)
    onStack.add(v)
    for (const w of next.get(v) ?? []) {
      if (!index.has(w)) {
        visit(w)
        low.set(v, Math.min(low.get(v)!, low.get(w)!))
      } else if (onStack.has(w)) low.set(v, Math.min(low.get(v)!, index.get(w)!))
    }
    if (low.get(v) === index.get(v)) {
      const component: string[] = []
      let w: string
      do {
        w = stack.pop()!
        onStack.delete(w)
        component.push(w)
      } while (w !== v)
      if (component.length > 1) circles.push(component.sort())
    }
  }
  for (const v of next.keys()) if (!index.has(v)) visit(v)
  return circles
}

export const repositoryRoot = relative(process.cwd(), join(import.meta.dirname, '../..')) || '.'
