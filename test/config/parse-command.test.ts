// The command line and `.env`, parsed in-process: every message a user can get from helpers/config is one line
// that names what is wrong and how to fix it, and the settings that are fine come out typed.
import { existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, describe, expect, test } from 'vitest'
import { parseCommand, type Command } from '../../helpers/config/command.ts'
import { closest, SCIM_VARIABLES } from '../../helpers/config/variables.ts'
import { HELP } from '../../helpers/config/help.ts'
import { LOAD_HELP } from '../../helpers/config/load.ts'
import { CLEANUP_HELP, DIAGNOSE_HELP, EXIT_CODES, LIST_HELP, SERVE_HELP } from '../../helpers/config/command-help.ts'
import { EXPLAIN_HELP } from '../../helpers/config/explain.ts'
import { UsageError } from '../../helpers/model/errors.ts'

const folders: string[] = []
afterAll(() => {
  for (const f of folders) rmSync(f, { recursive: true, force: true })
})

/** A fresh working folder, with a `.env` holding `dotEnv` when given. */
function workdir(dotEnv?: string): string {
  const dir = mkdtempSync(join(tmpdir(), 'spf-config-'))
  folders.push(dir)
  if (dotEnv !== undefined) writeFileSync(join(dir, '.env'), dotEnv)
  return dir
}

const TARGET = ['--url', 'https://api.example.com/scim/v2', '--token', 'tok']

function parse(argv: string[], env: Record<string, string> = {}, cwd = workdir()): Command {
  return parseCommand(argv, env, cwd)
}

/** The UsageError message parsing throws (fails when it parses). */
function refusal(argv: string[], env: Record<string, string> = {}, cwd = workdir()): string {
  try {
    parse(argv, env, cwd)
  } catch (err) {
    expect(err).toBeInstanceOf(UsageError)
    const message = (err as Error).message
    expect(message.split('\n')).toHaveLength(1)
    return message
  }
  throw new Error(`parsed without an error: ${argv.join(' ')}`)
}

describe('flags', () => {
  test.each([
    ['an unknown flag', ['--colour'], /^unknown flag --colour: run 'scim-preflight --help'/],
    ['a flag without its value', ['--seed'], /^--seed needs a value/],
    ['a positional argument after a command', ['run', 'extra'], /^unexpected argument 'extra': commands are run, list/],
    ['a value for a boolean flag', ['--strict=yes'], /--strict.*run 'scim-preflight --help'$/],
    ['an unknown command', ['frobnicate'], /^unknown command 'frobnicate'/],
    ['a seed that is not a number', ['--seed', 'abc'], /^--seed 'abc' must be a whole number of at least 0$/],
    [
      'a large group below one PATCH batch',
      ['--large-group', '100'],
      /^--large-group '100' must be a whole number of at least 101$/,
    ],
    ['a duration without a number', ['--timeout', 'soon'], /^--timeout 'soon' is not a duration: give seconds \(10\)/],
    ['a zero duration', ['--max-time', '0s'], /^--max-time '0s' is not a duration/],
    ['a retry count that is not a number', ['--retries', 'x'], /^--retries 'x' must be a whole number/],
    ['a body limit below 1 KB', ['--max-body', '10'], /^--max-body '10' must be a whole number of at least 1024$/],
    [
      'an unknown dialect',
      ['--dialect', 'v2'],
      /^--dialect 'v2' is not a PATCH dialect: use legacy, aadOptscim062020 or both$/,
    ],
    [
      'an unknown matching attribute',
      ['--matching-attribute', 'mail'],
      /^--matching-attribute 'mail' is not an attribute Entra matches on/,
    ],
    ['an unknown report format', ['--report', 'pdf'], /^--report 'pdf' is not a report format/],
    ['an empty report list', ['--report', ','], /^--report needs at least one of console/],
    ['--user without --read-only', ['--user', 'x'], /^--user goes with --read-only/],
  ])('%s', (_name, argv, message) => {
    expect(refusal(argv)).toMatch(message)
  })

  test('booleans from the environment must be true or false', () => {
    expect(refusal([], { SCIM_STRICT: 'maybe' })).toBe("SCIM_STRICT 'maybe' must be true or false")
    expect(refusal([], { SCIM_INSECURE: '2' })).toBe("SCIM_INSECURE '2' must be true or false")
  })
})

describe('the target', () => {
  test.each([
    [
      'a malformed URL',
      ['--url', 'not a url', '--token', 't'],
      /^--url 'not a url' is not a valid URL: give the full SCIM base URL/,
    ],
    [
      'another scheme',
      ['--url', 'ftp://example.com/scim', '--token', 't'],
      /^--url 'ftp:\/\/example.com\/scim' must start with https:\/\//,
    ],
    [
      'credentials in the URL',
      ['--url', 'https://u:p@example.com/scim', '--token', 't'],
      /^--url must not carry credentials/,
    ],
    ['a URL without a token', ['--url', 'https://example.com/scim'], /^a target URL needs a token/],
    [
      'client credentials without a token URL',
      ['--url', 'https://example.com/scim', '--client-id', 'a', '--client-secret', 'b'],
      /^OAuth client credentials need all three/,
    ],
    [
      'a client id without a secret',
      ['--url', 'https://example.com/scim', '--token-url', 'https://example.com/t', '--client-id', 'a'],
      /^OAuth client credentials need all three/,
    ],
    [
      'a malformed token URL',
      ['--url', 'https://example.com/scim', '--token-url', 'token', '--client-id', 'a', '--client-secret', 'b'],
      /^--token-url 'token' is not a valid URL/,
    ],
    [
      'a token URL with another scheme',
      ['--url', 'https://example.com/scim', '--token-url', 'ftp://x/t', '--client-id', 'a', '--client-secret', 'b'],
      /^--token-url 'ftp:\/\/x\/t' must start with https:\/\//,
    ],
    [
      'a token URL with credentials',
      [
        '--url',
        'https://example.com/scim',
        '--token-url',
        'https://a:b@x/t',
        '--client-id',
        'a',
        '--client-secret',
        'b',
      ],
      /^--token-url must not carry credentials/,
    ],
  ])('%s', (_name, argv, message) => {
    expect(refusal(argv)).toMatch(message)
  })

  test('SCIM_BASE_URL is validated under its own name', () => {
    expect(refusal([], { SCIM_BASE_URL: 'http//broken', SCIM_TOKEN: 'x' })).toMatch(
      /^SCIM_BASE_URL 'http\/\/broken' is not a valid URL/,
    )
  })

  test('proxy settings must be http:// proxies', () => {
    expect(refusal(TARGET, { HTTPS_PROXY: 'socks5://127.0.0.1:1080' })).toMatch(
      /^HTTPS_PROXY 'socks5:\/\/127.0.0.1:1080' must be an http:\/\/ proxy/,
    )
    expect(refusal(TARGET, { http_proxy: 'http://[::1' })).toMatch(/^HTTP_PROXY 'http:\/\/\[::1' is not a proxy URL/)
  })
})

describe('a credential without a base URL is an error, never the built-in endpoint', () => {
  test.each([
    [
      '--token',
      ['--token', 'x'],
      {},
      /^--token was given without a base URL: set SCIM_BASE_URL or pass --url \(or pass --built-in/,
    ],
    ['SCIM_TOKEN', [], { SCIM_TOKEN: 'x' }, /^SCIM_TOKEN was given without a base URL/],
    [
      'client id and secret',
      ['--client-id', 'a', '--client-secret', 'b'],
      {},
      /^--client-id, --client-secret were given without a base URL/,
    ],
    ['a token URL', [], { SCIM_TOKEN_URL: 'https://x/t' }, /^SCIM_TOKEN_URL was given without a base URL/],
    ['a scope', ['--scope', 's'], {}, /^--scope was given without a base URL/],
  ])('%s', (_name, argv, env, message) => {
    expect(refusal(argv as string[], env as Record<string, string>)).toMatch(message)
  })

  test('load says the same', () => {
    expect(refusal(['load', '--token', 'x'])).toMatch(/^--token was given without a base URL/)
  })

  test('diagnose and cleanup take no --built-in', () => {
    expect(refusal(['diagnose', '--token', 'x', '--logs', 'f.json'])).toMatch(
      /^--token was given without a base URL: set SCIM_BASE_URL or pass --url$/,
    )
    expect(refusal(['diagnose', '--built-in'])).toMatch(/^unknown flag --built-in/)
    expect(refusal(['cleanup', '--all-runs'], { SCIM_BASE_URL: 'built-in' })).toMatch(
      /^SCIM_BASE_URL=built-in goes with run and load/,
    )
  })

  test('the explicit choice: --built-in or SCIM_BASE_URL=built-in, with a client for the OAuth demo', () => {
    for (const [argv, env] of [
      [['--built-in', '--client-id', 'a', '--client-secret', 'b'], {}],
      [['--client-id', 'a', '--client-secret', 'b'], { SCIM_BASE_URL: 'built-in' }],
    ] as const) {
      const command = parse([...argv], env)
      expect(command.kind).toBe('run')
      if (command.kind !== 'run') return
      expect(command.config.baseUrl).toBeUndefined()
      expect(command.config.oauth).toEqual({ clientId: 'a', clientSecret: 'b', scope: undefined })
    }
    expect(parse(['load', '--built-in', '--client-id', 'a', '--client-secret', 'b']).kind).toBe('load')
  })

  test('the built-in endpoint makes its own token and serves its own token endpoint', () => {
    expect(refusal(['--built-in', '--token', 'x'])).toMatch(
      /^--token goes with --url: the built-in reference endpoint makes its own token/,
    )
    expect(refusal(['--built-in', '--token-url', 'https://x/t', '--client-id', 'a', '--client-secret', 'b'])).toMatch(
      /^--token-url goes with --url/,
    )
    expect(refusal(['--built-in', ...TARGET])).toMatch(/^--built-in and --url contradict each other/)
  })

  test("no SCIM_* at all still runs the built-in endpoint (the README's first command)", () => {
    const command = parse([])
    expect(command.kind).toBe('run')
    if (command.kind === 'run') expect(command.config.baseUrl).toBeUndefined()
  })
})

describe('SCIM_* variables: a typo is an error naming the closest known one', () => {
  test('in the environment', () => {
    expect(refusal([], { SCIM_BASEURL: 'https://api.example.com/scim/v2', SCIM_TOKEN: 'x' })).toBe(
      `unknown variable SCIM_BASEURL in the environment: did you mean SCIM_BASE_URL? (scim-preflight reads ${SCIM_VARIABLES.length} SCIM_* variables; see .env.example)`,
    )
  })

  test('in .env, even when empty', () => {
    expect(refusal([], {}, workdir('SCIM_TOKN=\n'))).toMatch(
      /^unknown variable SCIM_TOKN in \.env: did you mean SCIM_TOKEN\?/,
    )
  })

  test('for every command that reads the environment, but not for --help or --version', () => {
    for (const argv of [['load'], ['diagnose', '--logs', 'x'], ['cleanup', '--all-runs'], ['serve'], ['list']]) {
      expect(refusal(argv, { SCIM_CLIENTID: 'a' })).toMatch(/did you mean SCIM_CLIENT_ID\?/)
    }
    expect(parse(['--help'], { SCIM_CLIENTID: 'a' }).kind).toBe('help')
    expect(parse(['load', '--help'], { SCIM_CLIENTID: 'a' }).kind).toBe('help')
    expect(parse(['--version'], { SCIM_CLIENTID: 'a' }).kind).toBe('version')
  })

  test('closest names', () => {
    expect(closest('SCIM_BASEURL')).toBe('SCIM_BASE_URL')
    expect(closest('SCIM_SECRET')).toBe('SCIM_CLIENT_SECRET')
    expect(closest('scim_reportdir')).toBe('SCIM_REPORT_DIR')
    expect(closest('SCIM_URL')).toBe('SCIM_BASE_URL')
  })

  test('every variable .env.example lists is one scim-preflight reads, and the other way round', async () => {
    const { readFileSync } = await import('node:fs')
    const example = readFileSync(new URL('../../.env.example', import.meta.url), 'utf8')
    const listed = [...example.matchAll(/^(SCIM_[A-Z0-9_]+)=/gm)].map((m) => m[1]).sort()
    expect(listed).toEqual([...SCIM_VARIABLES].sort())
  })

  test('.env under the environment: the process wins', () => {
    const command = parse(
      [],
      { SCIM_TOKEN: 'from-env' },
      workdir('SCIM_BASE_URL=https://api.example.com/scim/v2\nSCIM_TOKEN=from-file\n'),
    )
    expect(command.kind === 'run' && command.config.token).toBe('from-env')
  })
})

describe('what a CI job with a missing secret gives is an error, never the built-in endpoint', () => {
  test.each([
    [
      'SCIM_BASE_URL and SCIM_TOKEN set but empty',
      [],
      { SCIM_BASE_URL: '', SCIM_TOKEN: '' },
      /^SCIM_BASE_URL is set but empty \(in CI: a secret or variable that is not defined for this job\): give it a value, or unset it/,
    ],
    [
      'a URL with an empty token',
      [],
      { SCIM_BASE_URL: 'https://api.example.com/scim/v2', SCIM_TOKEN: '' },
      /^SCIM_TOKEN is set but empty/,
    ],
    ['blank, not just empty', [], { SCIM_BASE_URL: ' ' }, /^SCIM_BASE_URL is set but empty/],
    ['an empty client secret', [], { SCIM_CLIENT_SECRET: '' }, /^SCIM_CLIENT_SECRET is set but empty/],
    ['load', ['load'], { SCIM_BASE_URL: '' }, /^SCIM_BASE_URL is set but empty/],
    ['cleanup', ['cleanup', '--all-runs'], { SCIM_TOKEN: '' }, /^SCIM_TOKEN is set but empty/],
    [
      'CI=true with no target',
      [],
      { CI: 'true' },
      /^no target in CI \(CI=true\): set SCIM_BASE_URL and SCIM_TOKEN \(or pass --url and --token\), or pass --built-in/,
    ],
    ['Azure Pipelines with no target', ['load'], { TF_BUILD: 'True' }, /^no target in CI \(TF_BUILD=True\)/],
  ])('%s', (_name, argv, env, message) => {
    expect(refusal(argv as string[], env as Record<string, string>)).toMatch(message)
  })

  test('a flag that gives the value instead, --built-in in CI, and empty values in .env (the copied example) are fine', () => {
    expect(parse(TARGET, { SCIM_BASE_URL: '', SCIM_TOKEN: '' }).kind).toBe('run')
    expect(parse(['--built-in'], { SCIM_BASE_URL: '', CI: 'true' }).kind).toBe('run')
    expect(parse(['load', '--built-in'], { CI: '1' }).kind).toBe('load')
    expect(parse([], { SCIM_BASE_URL: 'built-in', CI: 'true' }).kind).toBe('run')
    expect(parse([], { CI: 'false' }).kind).toBe('run')
    const command = parse([], {}, workdir('SCIM_BASE_URL=\nSCIM_TOKEN=\n'))
    expect(command.kind === 'run' && command.config.baseUrl).toBeUndefined()
  })
})

describe('SCIM_* variables that are not ours', () => {
  test('every variable a help text names is one scim-preflight reads (SCIM_CONCURRENCY among them)', () => {
    const named = new Set(
      [HELP, LOAD_HELP, LIST_HELP, SERVE_HELP, DIAGNOSE_HELP, CLEANUP_HELP].flatMap((t) =>
        [...t.matchAll(/\bSCIM_[A-Z_]+[A-Z]\b/g)].map((m) => m[0]),
      ),
    )
    expect([...named].filter((n) => !(SCIM_VARIABLES as readonly string[]).includes(n))).toEqual([])
    const command = parse([], { SCIM_CONCURRENCY: '2' })
    expect(command.kind === 'run' && command.config.concurrency).toBe(2)
  })

  test("another program's variable in the environment is ignored with a notice; in .env, or a near miss, it stops", () => {
    const notices: string[] = []
    expect(parseCommand([], { SCIM_ENABLED: 'true', SCIM_API_KEY: 'k' }, workdir(), notices).kind).toBe('run')
    expect(notices).toEqual([
      'notice: ignoring SCIM_API_KEY, SCIM_ENABLED in the environment (not variables scim-preflight reads; see .env.example)',
    ])
    expect(refusal([], {}, workdir('SCIM_ENABLED=true\n'))).toMatch(/^unknown variable SCIM_ENABLED in \.env/)
    expect(refusal([], { SCIM_TOKN: 'x' })).toMatch(
      /^unknown variable SCIM_TOKN in the environment: did you mean SCIM_TOKEN\?/,
    )
    expect(refusal([], { SCIM_SECRET: 'x' })).toMatch(/did you mean SCIM_CLIENT_SECRET\?/)
  })
})

describe('help for each command', () => {
  test.each([
    [['list', '--help'], LIST_HELP],
    [['serve', '--help'], SERVE_HELP],
    [['diagnose', '-h'], DIAGNOSE_HELP],
    [['cleanup', '--help'], CLEANUP_HELP],
    [['load', '--help'], LOAD_HELP],
    [['run', '--help'], HELP],
    [['help', 'cleanup'], CLEANUP_HELP],
    [['explain', '--help'], EXPLAIN_HELP],
    [['help', 'explain'], EXPLAIN_HELP],
    [['help', 'diagnose'], DIAGNOSE_HELP],
    [['help'], HELP],
  ])('%j', (argv, text) => {
    expect(parse(argv)).toEqual({ kind: 'help', text })
    const command = argv.find((a) => !a.startsWith('-') && a !== 'help' && a !== 'run')
    expect(text.split('\n')[0]).toMatch(new RegExp(`^scim-preflight${command ? ` ${command}` : ''}[: ]`))
  })

  test('help for a name that is no command is one line, exit 2, naming the commands', () => {
    expect(refusal(['help', 'nosuch'])).toBe(
      "unknown command 'nosuch': commands are run, list, serve, diagnose, load, cleanup, explain; run 'scim-preflight --help'",
    )
  })

  test("each command's exit codes are written once: its --help and the general help say the same", () => {
    expect(DIAGNOSE_HELP).toContain(`Exit codes: ${EXIT_CODES.diagnose}`)
    expect(HELP).toContain(`Exit codes of diagnose: ${EXIT_CODES.diagnose}`)
    expect(EXIT_CODES.diagnose).toMatch(/\b3 inconclusive\b/)
    expect(HELP).toContain(`Exit codes: ${EXIT_CODES.run}`)
    expect(LOAD_HELP).toContain(`Exit codes: ${EXIT_CODES.load}`)
    expect(CLEANUP_HELP).toContain(`Exit codes: ${EXIT_CODES.cleanup}`)
  })
})

describe('report folders', () => {
  test('20 kept by default; --keep-reports and SCIM_KEEP_REPORTS change it, 0 keeps all', () => {
    const keep = (argv: string[], env: Record<string, string> = {}) => {
      const c = parse(argv, env)
      return c.kind === 'run' || c.kind === 'load' || c.kind === 'diagnose' ? c.config.keepReports : undefined
    }
    expect(keep([])).toBe(20)
    expect(keep(['--keep-reports', '3'])).toBe(3)
    expect(keep(['load'], { SCIM_KEEP_REPORTS: '0' })).toBe(0)
    expect(keep(['diagnose', '--logs', 'x', '--keep-reports', '5'])).toBe(5)
    expect(refusal(['--keep-reports', 'all'])).toMatch(/^--keep-reports 'all' must be a whole number of at least 0$/)
  })
})

describe('the report folder is checked before the run', () => {
  test('a path below a file: one line, naming the file', () => {
    const dir = workdir()
    writeFileSync(join(dir, 'taken'), '')
    for (const argv of [
      ['--report-dir', 'taken/reports'],
      ['diagnose', '--logs', 'x', '--report-dir', 'taken/reports'],
      ['load', '--report-dir', 'taken/reports'],
    ]) {
      expect(refusal(argv, {}, dir)).toMatch(
        new RegExp(
          `^--report-dir 'taken/reports' cannot be used: ${dir}/taken is a file, not a folder; give a folder you can write to with --report-dir$`,
        ),
      )
    }
    expect(refusal([], { SCIM_REPORT_DIR: 'taken' }, dir)).toMatch(/^SCIM_REPORT_DIR 'taken' cannot be used/)
  })

  test('a folder that does not exist yet is fine (it is created), and console-only runs write nothing', () => {
    const dir = workdir()
    mkdirSync(join(dir, 'a'))
    expect(parse(['--report-dir', 'a/b/c'], {}, dir).kind).toBe('run')
    writeFileSync(join(dir, 'file'), '')
    expect(parse(['--report', 'console', '--report-dir', 'file/x'], {}, dir).kind).toBe('run')
  })

  test.skipIf(process.getuid?.() === 0)('a folder without write permission', async () => {
    const { chmodSync } = await import('node:fs')
    const dir = workdir()
    mkdirSync(join(dir, 'locked'))
    chmodSync(join(dir, 'locked'), 0o555)
    expect(refusal(['--report-dir', 'locked/out'], {}, dir)).toMatch(
      /^--report-dir 'locked\/out' is not writable \(EACCES on /,
    )
  })

  // Root passes every permission check, yet /proc takes no folders (and Node's recursive mkdir never returns there):
  // the check writes for real, so this is found before the run instead of hanging after it.
  test.skipIf(!existsSync('/proc/self'))('a file system that takes no folders, even for root', () => {
    expect(refusal(['--report-dir', '/proc/scim-preflight-reports'], {}, workdir())).toMatch(
      /^--report-dir '\/proc\/scim-preflight-reports' is not writable \(ENOENT on \/proc\)/,
    )
  })
})

describe('per command', () => {
  test.each([
    ['cleanup without a target', ['cleanup', '--all-runs'], /^cleanup needs the target: pass --url and --token/],
    ['cleanup without --run or --all-runs', ['cleanup', ...TARGET], /^cleanup needs exactly one of --run/],
    [
      'cleanup with both',
      ['cleanup', '--run', 'spf-1a2b3c4d', '--all-runs', ...TARGET],
      /^cleanup needs exactly one of --run/,
    ],
    [
      'cleanup with a malformed run prefix',
      ['cleanup', '--run', 'nope', ...TARGET],
      /^--run 'nope' is not a run prefix/,
    ],
    ['diagnose with nothing to look at', ['diagnose'], /^diagnose needs something to look at/],
    ['diagnose --user without a target', ['diagnose', '--logs', 'x', '--user', 'u'], /^--user needs a target to query/],
    ['diagnose --now that is not a date', ['diagnose', '--logs', 'x', '--now', 'soon'], /^--now 'soon' is not a date/],
    ['load --rate that is not a number', ['load', '--rate', 'fast'], /^--rate 'fast' must be a positive number/],
    [
      'load --rate beyond one process',
      ['load', '--rate', '1000000'],
      /^--rate 1000000 is beyond what one scim-preflight process can schedule/,
    ],
    [
      'load --incremental outside 0..1',
      ['load', '--incremental', '1.5'],
      /^--incremental '1.5' must be a share between 0 and 1/,
    ],
    [
      'load --dialect both',
      ['load', '--dialect', 'both'],
      /^--dialect 'both' is not a PATCH dialect: use legacy or aadOptscim062020/,
    ],
    [
      'load --members-per-patch above 100',
      ['load', '--members-per-patch', '101'],
      /^--members-per-patch 101 is above 100/,
    ],
    [
      'load --concurrency above the limit',
      ['load', '--concurrency', '5000'],
      /^--concurrency 5000 is above 1024 connections/,
    ],
    ['load --report html5', ['load', '--report', 'html5'], /^--report 'html5' is not a load report format/],
    ['load --users 0', ['load', '--users', '0'], /^--users '0' must be a whole number of at least 1/],
    [
      'load --users -5 (a negative number, not a flag)',
      ['load', '--users', '-5'],
      /^--users '-5' must be a whole number of at least 1$/,
    ],
    ['--seed -1', ['--seed', '-1'], /^--seed '-1' must be a whole number of at least 0$/],
    [
      'serve with a client id but no secret',
      ['serve', '--client-id', 'a'],
      /^serve needs both --client-id and --client-secret/,
    ],
    ['serve on a port that is not a number', ['serve', '--port', 'http'], /^--port 'http' must be a whole number/],
  ])('%s', (_name, argv, message) => {
    expect(refusal(argv)).toMatch(message)
  })

  test('flags win over the environment', () => {
    const command = parse(['--timeout', '2s'], {
      SCIM_TIMEOUT: '30s',
      SCIM_BASE_URL: 'https://api.example.com/scim/v2/',
      SCIM_TOKEN: 't',
    })
    expect(command.kind).toBe('run')
    if (command.kind !== 'run') return
    expect(command.config.timeoutMs).toBe(2000)
    expect(command.config.baseUrl).toBe('https://api.example.com/scim/v2')
  })
})
