// The text of `scim-preflight <command> --help` (and `scim-preflight help <command>`) for the commands other than
// run (HELP, help.ts), load (LOAD_HELP, load.ts) and explain (EXPLAIN_HELP, explain.ts): what the command does, its
// flags, its exit codes. The command names and each command's exit codes are written here once.

/** Every command, in the order the help and the errors name them. */
export const COMMAND_NAMES = ['run', 'list', 'serve', 'diagnose', 'load', 'cleanup', 'explain'] as const
export type CommandName = (typeof COMMAND_NAMES)[number]

/** "commands are run, list, …": what an unknown command or a stray argument is told. */
export const COMMANDS_ARE = `commands are ${COMMAND_NAMES.join(', ')}; run 'scim-preflight --help'`

/** What each command's exit status means, as its --help says it (and the general help, for run and diagnose). */
export const EXIT_CODES = {
  run: `0 no check failed (an "Entra breaks" check always fails; Gallery with --gallery; every level with --strict);
1 a check failed, a gallery requirement is unmet under --gallery, --max-time stopped the run, or no check was judged; 2 usage error,
unreachable target, refused credential, not a SCIM endpoint, or a report folder that cannot be written.`,
  list: `0 printed; 2 usage error.`,
  serve: `0 stopped; 2 usage error or the port cannot be used.`,
  diagnose: `0 no likely cause in the provisioning logs read (nor in the probes and job status, when
given); 1 a likely cause was found; 2 usage error, unreadable input, a refused credential, or not a SCIM endpoint;
3 inconclusive: nothing found, but without --logs the write failures most quarantines come from were not seen.`,
  load: `0 the endpoint carried the cycle at 25 requests/second or more (or the run was inconclusive because
the tool could not keep up, which the report says); 1 it did not; 2 usage error, unreachable target, refused
credential or not a SCIM endpoint.`,
  explain: `0 no failure is the endpoint's (nothing failed, only setup mistakes or Microsoft's false positives, or
every defect passes now); 1 a defect stands, a failure cannot be judged, or every test was skipped; 2 usage error or a
file of neither kind.`,
  cleanup: `0 everything found was deleted, and the search covered every resource; 1 something could not
be deleted, or part of the server could not be searched (it says which); 2 usage error, unreachable target,
refused credential, or not deleting without --yes.`,
} as const satisfies Partial<Record<CommandName, string>>

export const LIST_HELP = `scim-preflight list: prints the check catalog (no network): every check's id, level and evidence.

Usage: scim-preflight list [--markdown | --json]

  --markdown            a Markdown table (id, level, what it checks, why)
  --json                the catalog as JSON

Exit codes: ${EXIT_CODES.list}`

export const SERVE_HELP = `scim-preflight serve: runs the reference endpoint, a SCIM 2.0 server that behaves as Entra expects, optionally
with faults (each breaks the checks it declares), for demos, trials and your own tests.

Usage: scim-preflight serve [--port N] [--host H] [--token T] [--client-id ID --client-secret S [--client-secret-2 S2]]
                            [--wif-public-key PEM | --wif-jwks FILE [--wif-issuer I] [--wif-subject S] [--wif-audience A]]
                            [--fault ID]...

  --port N              port to listen on, default 8080 (SCIM_SERVE_PORT); 0 picks a free one
  --host H              address to listen on, default 127.0.0.1
  --token T             the bearer token it accepts, default preflight-local-token (SCIM_TOKEN)
  --client-id ID --client-secret S
                        also serve an OAuth 2.0 token endpoint (client credentials) at /oauth2/token
  --client-secret-2 S2  a second secret the token endpoint also accepts (secret rotation)
  --client-id-2 ID2     the second secret belongs to this second client id (rotation by a new client id and secret)
  --wif-public-key PEM  accept signed client assertions (workload identity federation) verified with this public
                        key, for the issuer, subject and audience given (defaults: the demo issuer and subject, the client id)
  --wif-jwks FILE       the same with a key set (a JWKS file, {"keys": [...]}, as Entra's tenant publishes): the key
                        is the one the assertion's kid names (the run sends --wif-kid, default the key's thumbprint)
  --fault ID            misbehave as fault ID (repeat for more); --list-faults prints them all
  --seed-users N --seed-groups N   start with N users and groups that no run created

The base URL, token and token endpoint are printed on start; stop with Ctrl-C.
Exit codes: ${EXIT_CODES.serve}`

export const DIAGNOSE_HELP = `scim-preflight diagnose: why is an Entra provisioning job quarantined or failing? Reads the job's status and its
provisioning logs, and probes the endpoint with GET requests only (read-only: nothing is created or changed).

Usage: scim-preflight diagnose [--url URL --token T] [--job-status job.json] [--logs FILE]...

  --job-status FILE     the job as Graph returns it (GET …/servicePrincipals/{id}/synchronization/jobs/{jobId})
  --logs FILE           provisioning logs: Graph JSON pages, the portal's JSON or CSV download; repeat for more pages
  --url URL --token T   the endpoint to probe (SCIM_BASE_URL, SCIM_TOKEN); or --token-url, --client-id,
                        --client-secret for OAuth. --timeout, --ca-file, --insecure as for the suite
  --user VALUE          also look up this existing user by the matching attribute and check the answer's shape
  --matching-attribute A, --profile P   as for the suite
  --now DATE            explain the quarantine back-off as of this ISO date (default: now)
  --report LIST         console,json,junit,html,har,md (default all), --report-dir DIR (default reports/;
                        the run's folder is linked as latest-diagnose), --keep-reports N as for the suite

Exit codes: ${EXIT_CODES.diagnose}`

export const CLEANUP_HELP = `scim-preflight cleanup: deletes what runs killed outright (SIGKILL, a lost CI runner) left on a server: the users
and groups whose userName, displayName or externalId starts with a run prefix (spf-<run id>-). Nothing else.

Usage: scim-preflight cleanup --run spf-<run id> | --all-runs [--yes] [--url URL --token T]

  --run spf-<id>        one run's leftovers (the prefix a run prints, and its report names)
  --all-runs            every scim-preflight run's leftovers
  --yes, -y             delete without asking (needed without a terminal, as in CI)
  --url URL --token T   the target (SCIM_BASE_URL, SCIM_TOKEN), or client credentials, TLS and proxy as for the suite

It searches with sw filters, checks that a filter finds a resource it can see, and otherwise pages through every
resource.
Exit codes: ${EXIT_CODES.cleanup}`
