#!/usr/bin/env node
// Runs the CLI compiled into dist/ (built at install and by `npm test`); when that build is missing or older than
// any of its sources, runs the TypeScript through tsx instead, so an edited checkout never runs stale code.
import { freshBuild } from './build/fresh-build.js'
import { requireBundle } from './build/run-bundle.js'

const built = freshBuild()
if (built) {
  requireBundle(built)
} else {
  const { register } = await import('tsx/esm/api')
  register()
  await import('./main.ts')
}
