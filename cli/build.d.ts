// Types for cli/build.js (plain JavaScript, so bin.js can load it without a TypeScript loader).
export const DIST: URL
/** The built entry point, or undefined when dist/ is missing or older than a source it was built from. */
export function freshBuild(root?: URL): URL | undefined
/** Builds dist/; returns how many source files went in and whether the code cache was made. */
export function build(): Promise<{ inputs: number; codeCache: boolean }>
/** `text` with every character beyond ASCII as a \u escape. */
export function escapeNonAscii(text: string): string
