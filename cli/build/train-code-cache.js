// The run the build makes the code caches from (build.js starts it with --built-in and --report-dir): the CLI's
// default run against its built-in endpoint, from the fresh bundles, writing their code caches as it ends. They then
// hold the bytecode of what a run executes: the command line, the flows, the client, the reports.
import { DIST } from './fresh-build.js'
import { requireBundle, saveCodeCaches } from './run-bundle.js'

process.once('exit', saveCodeCaches)
requireBundle(new URL('cli.cjs', DIST))
