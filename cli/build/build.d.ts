// Types for cli/build/build.js (plain JavaScript, run by node without a TypeScript loader).
export { DIST, freshBuild } from './fresh-build.js'
/** Builds dist/; returns how many source files went in and whether the code cache was made. */
export function build(): Promise<{ inputs: number; codeCache: boolean }>
/** `text` with every character beyond ASCII as a \u escape. */
export function escapeNonAscii(text: string): string
