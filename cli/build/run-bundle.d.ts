// Types for cli/build/run-bundle.js (plain JavaScript, loaded by bin.js without a TypeScript loader).
import type { Script } from 'node:vm'
/** The code cache file of a bundle. */
export function cacheFileOf(bundle: string): string
/** The bundle compiled with its code cache when V8 accepts it. */
export function compileBundle(bundleUrl: URL): { file: string; script: Script; cacheUsed: boolean }
/** The bundle's exports, running it the first time. */
export function requireBundle(bundleUrl: URL): unknown
/** Writes the code cache of every bundle loaded so far. */
export function saveCodeCaches(): void
