// Files that ship beside the code (schemas, profiles, package.json) are found from the package root, so one path
// works from the TypeScript sources and from the bundle in dist/ that install builds (its files sit one level down).
import { existsSync } from 'node:fs'
import { dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'

let root: string | undefined

/** The folder holding scim-preflight's package.json. */
export function packageRoot(): string {
  if (root) return root
  let dir = dirname(fileURLToPath(import.meta.url))
  while (!existsSync(join(dir, 'package.json'))) {
    const up = dirname(dir)
    if (up === dir) throw new Error(`no package.json above ${fileURLToPath(import.meta.url)}`)
    dir = up
  }
  return (root = dir)
}

/** An absolute path inside the package, e.g. packageFile('schemas', 'user.schema.json'). */
export function packageFile(...parts: string[]): string {
  return join(packageRoot(), ...parts)
}
