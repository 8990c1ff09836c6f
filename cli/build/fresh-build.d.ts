// Types for cli/build/fresh-build.js (plain JavaScript, so bin.js can load it without a TypeScript loader).
export const DIST: URL
export const LOCK_FILE: string
/** The built entry point, or undefined when dist/ is missing or older than a source it was built from. */
export function freshBuild(root?: URL): URL | undefined
