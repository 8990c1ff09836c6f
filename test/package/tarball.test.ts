// The package as someone outside a clone installs it: the packed tarball into an empty folder, from the npm cache
// that `npm ci` filled (--prefer-offline: the registry only for what the cache lacks), then its command runs the
// suite against its built-in endpoint, from the dist/ it shipped with (no TypeScript loader), and writes a report.
import { execFile } from 'node:child_process'
import { existsSync, mkdtempSync, readFileSync, readdirSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { beforeAll, describe, expect, test } from 'vitest'
import type { RunResult } from '../../helpers/model/result.ts'
import { CI_VARIABLES } from '../self-test/run-cli.ts'
import { packTarball } from './pack.ts'

const app = mkdtempSync(join(tmpdir(), 'spf-installed-'))
const pkg = join(app, 'node_modules', 'scim-preflight')

function run(
  file: string,
  args: string[],
  opts: { cwd?: string } = {},
): Promise<{ code: number; stdout: string; stderr: string }> {
  const env = Object.fromEntries(
    Object.entries(process.env).filter(
      ([k]) => !k.startsWith('SCIM_') && !CI_VARIABLES.includes(k) && !/^npm_/i.test(k),
    ),
  )
  return new Promise((resolve) => {
    execFile(
      file,
      args,
      { cwd: opts.cwd ?? app, env: { ...env, NO_COLOR: '1' }, timeout: 170_000, maxBuffer: 16 * 1024 * 1024 },
      (err, stdout, stderr) => {
        resolve({
          code: err ? (typeof (err as { code?: unknown }).code === 'number' ? (err as { code: number }).code : 1) : 0,
          stdout,
          stderr,
        })
      },
    )
  })
}

beforeAll(async () => {
  const tarball = packTarball()
  const installed = await run('npm', [
    'install',
    '--prefer-offline',
    '--no-audit',
    '--no-fund',
    '--loglevel=error',
    tarball,
  ])
  if (installed.code !== 0) throw new Error(`npm install of the tarball failed: ${installed.stderr}`)
}, 170_000)

describe('the packed tarball, installed into an empty folder', () => {
  test("ships what runs and what the README and the action name, and nothing of the project's own tests", () => {
    const files = readdirSync(pkg)
    for (const f of [
      'LICENSE',
      'README.md',
      'package.json',
      'action.yml',
      '.env.example',
      'cli',
      'dist',
      'helpers',
      'server',
      'specs',
      'schemas',
      'profiles',
      'action',
    ])
      expect(files, f).toContain(f)
    for (const f of ['test', 'bench', 'node_modules', 'reports']) expect(files, f).not.toContain(f)
    expect(existsSync(join(pkg, 'dist', 'cli.cjs'))).toBe(true)
    const manifest = JSON.parse(readFileSync(join(pkg, 'package.json'), 'utf8')) as {
      license: string
      engines: { node: string }
      bin: Record<string, string>
      exports: Record<string, string>
    }
    expect(manifest).toMatchObject({
      license: 'MIT',
      engines: { node: '>=20' },
      bin: { 'scim-preflight': 'cli/bin.js' },
    })
    expect(readFileSync(join(pkg, 'LICENSE'), 'utf8')).toMatch(/^MIT License/)
  })

  test('its exports resolve from the folder that installed it', async () => {
    const r = await run(process.execPath, [
      '--input-type=module',
      '-e',
      "import { createRequire } from 'node:module'; const require = createRequire(process.cwd() + '/'); console.log(require.resolve('scim-preflight/report.schema.json'), require('scim-preflight/package.json').version)",
    ])
    expect(r.stderr).toBe('')
    expect(r.stdout.trim()).toMatch(new RegExp(`^${pkg}/helpers/report/report\\.schema\\.json \\d+\\.\\d+\\.\\d+$`))
  })

  test('npx scim-preflight runs the suite against its built-in endpoint from the dist/ it shipped', async () => {
    const fresh = await run(process.execPath, [
      '--input-type=module',
      '-e',
      `import { freshBuild } from ${JSON.stringify(join(pkg, 'cli', 'build', 'fresh-build.js'))}; console.log(freshBuild()?.pathname ?? 'stale')`,
    ])
    expect(fresh.stdout.trim()).toBe(join(pkg, 'dist', 'cli.cjs'))
    // The code caches the build made ship beside the bundles, and this Node takes them (npm gives every file one time).
    const cached = await run(process.execPath, [
      '--input-type=module',
      '-e',
      `import { compileBundle } from ${JSON.stringify(join(pkg, 'cli', 'build', 'run-bundle.js'))}; for (const f of ['cli.cjs', 'commands.cjs']) console.log(f, compileBundle(new URL(f, ${JSON.stringify(`file://${pkg}/dist/`)})).cacheUsed)`,
    ])
    expect(cached.stdout.trim().split('\n')).toEqual(['cli.cjs true', 'commands.cjs true'])
    const r = await run(join(app, 'node_modules', '.bin', 'scim-preflight'), [
      '--built-in',
      '--only',
      'create-user/*',
      '--report',
      'console,json',
      '--report-dir',
      'out',
    ])
    expect(r.stderr).toBe('')
    expect(r.code).toBe(0)
    expect(r.stdout).toMatch(
      /^No SCIM_BASE_URL set: running against the built-in reference endpoint at http:\/\/127\.0\.0\.1:\d+\/scim\/v2/,
    )
    const report = JSON.parse(readFileSync(join(app, 'out', 'latest', 'report.json'), 'utf8')) as RunResult
    expect(report.run.embedded).toBe(true)
    expect(report.counts.failed).toBe(0)
    expect(report.counts.passed).toBeGreaterThan(0)
    const version = await run(join(app, 'node_modules', '.bin', 'scim-preflight'), ['--version'])
    expect(version.stdout.trim()).toMatch(/^scim-preflight \d+\.\d+\.\d+$/)
  })
})
