// Whether dist/ was built from the sources as they are: cli/bin.js asks on every start, so this module loads nothing more
// than it needs (the build itself, with esbuild and child processes, is build.js).
import { existsSync, readFileSync, statSync } from 'node:fs'

const ROOT = new URL('../../', import.meta.url)
export const DIST = new URL('dist/', ROOT)
/** Stands for the bundled dependencies among the build's inputs (absent from an installed package). */
export const LOCK_FILE = 'package-lock.json'

/**
 * The built entry point, or undefined when there is none or when any source it was built from changed after the
 * build began (then bin.js runs the sources through tsx: slower, never stale). A source removed since counts as changed.
 */
export function freshBuild(root = ROOT) {
  let stamp
  try {
    stamp = JSON.parse(readFileSync(new URL('dist/build.json', root), 'utf8'))
  } catch {
    return undefined
  }
  const main = new URL('dist/cli.cjs', root)
  // An installed package has no lock file (npm never packs one), and npm gives its files the time of the install: its
  // dist/ was built from these very sources when it was packed, and nobody edits them in node_modules.
  if (stamp.inputs.includes(LOCK_FILE) && !existsSync(new URL(LOCK_FILE, root)))
    return existsSync(main) ? main : undefined
  for (const file of stamp.inputs) {
    try {
      if (statSync(new URL(file, root)).mtimeMs >= stamp.startedAt) return undefined
    } catch {
      return undefined
    }
  }
  return main
}
