// The text of `scim-preflight --help`.
import { EXIT_CODES } from './command-help.ts'

export const HELP = `scim-preflight: plays Microsoft Entra ID's provisioning service against a SCIM 2.0 endpoint.

Usage:
  scim-preflight [run] [options]     run the conformance suite (default command)
  scim-preflight list [--markdown|--json]   print the check catalog (no network)
  scim-preflight diagnose [--url U --token T] [--job-status job.json] [--logs FILE]...
                                     why is an Entra job quarantined? (read-only; see below)
  scim-preflight serve [--port N] [--token T] [--client-id ID --client-secret S [--client-secret-2 S2]]
                      [--wif-public-key PEM | --wif-jwks FILE [--wif-issuer I] [--wif-subject S] [--wif-audience A]]
                      [--fault ID]... [--seed-users N] [--seed-groups N]
                                     run the reference endpoint (with a token endpoint for client credentials,
                                     and for client assertions signed with the key whose public half is given)
  scim-preflight load [options]      replay an initial Entra cycle and measure throughput (see 'load --help')
  scim-preflight cleanup --run spf-<id> | --all-runs [--yes]
                                     delete what killed runs left behind (asks first unless --yes)
  scim-preflight explain FILE [--url U --token T]
                                     explain a real result of Microsoft's validation (Logic App or SCIM Validator)
  scim-preflight --version

Target (flags win over SCIM_* environment variables, which win over .env):
  --url URL             SCIM base URL, e.g. https://api.example.com/scim/v2 (SCIM_BASE_URL).
                        With no SCIM_* setting at all the suite starts its own reference endpoint.
  --token T             bearer token, Entra's "Secret Token" (SCIM_TOKEN)
  --token-url URL --client-id ID --client-secret S [--scope S]
                        OAuth 2.0 client credentials, as Entra gallery apps use (SCIM_TOKEN_URL, …)
  --client-secret-2 S   a second active secret of the same client: both must get working tokens (secret
                        rotation, a gallery requirement; without it the checklist says "not tested") (SCIM_CLIENT_SECRET_2)
  --client-id-2 ID      with --client-secret-2: rotation by a new client id and secret instead (SCIM_CLIENT_ID_2)
  --wif-key PEM --wif-issuer I --wif-subject S [--wif-audience A] [--wif-kid K]
                        workload identity federation: sign Entra's RFC 7523 client assertion (RS256) with this
                        RSA private key, with the issuer and subject your server trusts; audience defaults to
                        the client id, kid to the key's thumbprint. Needs --token-url and --client-id; replaces
                        --client-secret, or is tested beside it (SCIM_WIF_KEY, SCIM_WIF_ISSUER, …).
                        With --built-in, --wif-key generate makes a key pair the built-in endpoint trusts.
  --built-in            run (or load) the built-in reference endpoint on purpose (or SCIM_BASE_URL=built-in);
                        with --client-id and --client-secret it demonstrates OAuth against its token endpoint.
                        A token or client given without a URL is an error, and so is a target variable set but
                        empty, no target at all under CI=true (or TF_BUILD), or an unknown SCIM_* variable in .env
                        or a misspelling of a known one; another program's SCIM_* variable is ignored with a notice.
  --timeout D           per-request limit, default 10s (SCIM_TIMEOUT); D is 10, 10s, 500ms or 2m
  --max-time D          whole-run limit, default 10m (SCIM_MAX_TIME)
  --retries N           retry idempotent requests after 5xx/429, default 0 (a GET or DELETE
                        that gets a 5xx is always re-sent once before the 5xx counts)
  --ca-file PATH        trust this CA to connect (Entra trusts only public CAs: HTTPS then stays unmet, never
                        "Ready for Entra");  --insecure  skip TLS verification (reported)
  --max-body N          largest response body read, in bytes, default 10485760 (SCIM_MAX_BODY_BYTES)
  HTTPS_PROXY, HTTP_PROXY, NO_PROXY   honoured (https targets through a CONNECT tunnel)

What to run:
  --dialect D           legacy | aadOptscim062020 | both (default both)
  --profile P           entra-default | entra-extended | timeclock365 | ./mapping.json (default entra-default)
  --matching-attribute A   userName | externalId | emails[type eq "work"].value
  --only GLOB --skip GLOB  select checks by id, e.g. --only 'create-user/*'
  --no-groups           skip group flows (gallery onboarding requires them)
  --large-group N       build the large group with N members (at least 101; 1000 is Entra's batch test;
                        without it its checks are skipped) (SCIM_LARGE_GROUP)
  --read-only --user U  send only GET requests; query the existing user U
  --strict              every warning (Gallery and RFC only levels) fails the run too (SCIM_STRICT)
  --gallery             before a gallery submission: Gallery-level warnings and unmet gallery requirements
                        (OAuth client credentials, /Schemas, groups, HTTPS, 25 req/s burst) fail the run (SCIM_GALLERY)
  --load-report FILE    the load.json of scim-preflight load: its measured rate goes into the gallery checklist
  --seed N              reproduce a run's test data (SCIM_SEED)
  --checks FILE         your own checks too (defineCheck/defineFlow, .ts or .js); repeat for more files
  --concurrency N       flows at once, default 4; 1 sends one request at a time (SCIM_CONCURRENCY)

Reports:
  --report LIST         console,json,junit,html,har,md (default: all)
  --report-dir DIR      default reports/ (SCIM_REPORT_DIR); each run writes <DIR>/<run id>/, linked as <DIR>/latest
                        (diagnose: latest-diagnose, load: latest-load)
  --keep-reports N      run folders kept in the report folder, newest first, default 20; 0 keeps all (SCIM_KEEP_REPORTS)
  --verbose             console: every check, as it ran (default: causes first, passes counted per flow)
  --waivers FILE        accepted deviations (JSON or YAML)
  --baseline FILE --fail-on-new   compare with an earlier report.json; fail only on regressions

Diagnose (sends only GET requests; needs a target, --job-status or --logs):
  --job-status FILE     the job as Graph returns it (GET …/servicePrincipals/{id}/synchronization/jobs/{jobId})
  --logs FILE           provisioning logs: Graph JSON pages, the portal's JSON or CSV download; repeat for more pages
  --user VALUE          also look up this existing user by the matching attribute and check the answer's shape
  --now DATE            explain the quarantine back-off as of this ISO date (default: now)
Exit codes of diagnose: ${EXIT_CODES.diagnose}

Before any flow one Test Connection query (GET /Users?filter=userName eq "<random>") checks the target: exit 2
with one line when it cannot be reached, refuses the token (or the token endpoint refuses the client), or is not
a SCIM endpoint (with the likely base path when one answers on the same origin), redirects (to a sign-in page), or
speaks plain HTTP to an https:// URL. run, diagnose, load, cleanup alike. Per-command help: scim-preflight <command> --help.

Exit codes: ${EXIT_CODES.run}`
