import {
  existsSync,
  lstatSync,
  mkdtempSync,
  readFileSync,
  readlinkSync,
  rmSync,
  writeFileSync,
  mkdirSync,
} from 'node:fs'
import { tmpdir } from 'node:os'
import { join, resolve } from 'node:path'
import { describe, expect, it } from 'vitest'
import { writeReports } from '../../helpers/report/write.ts'
import { cleanRun, mixedRun } from './fixtures.ts'

const tmp = () => mkdtempSync(join(tmpdir(), 'scim-preflight-write-'))

describe('writeReports', () => {
  it('writes every file format into <dir>/<runId>/ and points latest at it', async () => {
    const dir = tmp()
    const run = mixedRun()
    const paths = await writeReports(run, { dir, formats: ['console', 'json', 'junit', 'html', 'har', 'md'] })
    const out = join(dir, run.run.runId)
    expect(paths).toEqual(
      ['report.json', 'junit.xml', 'report.html', 'exchanges.har', 'summary.md'].map((f) => join(out, f)),
    )
    for (const p of paths) expect(readFileSync(p, 'utf8').length).toBeGreaterThan(100)
    expect(lstatSync(join(dir, 'latest')).isSymbolicLink()).toBe(true)
    expect(readlinkSync(join(dir, 'latest'))).toBe(run.run.runId)
    expect(existsSync(join(dir, 'latest', 'report.html'))).toBe(true)
  })

  it('points $schema at the shipped schema, relative to the report', async () => {
    const dir = tmp()
    const run = mixedRun()
    await writeReports(run, { dir, formats: ['json'] })
    const out = join(dir, run.run.runId)
    const ref = JSON.parse(readFileSync(join(out, 'report.json'), 'utf8')).$schema as string
    expect(existsSync(resolve(out, ref))).toBe(true)
    expect(ref.endsWith('helpers/report/report.schema.json')).toBe(true)
  })

  it('moves latest to the newest run', async () => {
    const dir = tmp()
    await writeReports(cleanRun(), { dir, formats: ['md'] })
    await writeReports(mixedRun(), { dir, formats: ['md'] })
    expect(readlinkSync(join(dir, 'latest'))).toBe(mixedRun().run.runId)
  })

  it('falls back to latest.txt when latest cannot be a symlink', async () => {
    const dir = tmp()
    mkdirSync(join(dir, 'latest', 'in-the-way'), { recursive: true })
    const paths = await writeReports(mixedRun(), { dir, formats: ['json'] })
    expect(paths.at(-1)).toBe(join(dir, 'latest.txt'))
    expect(readFileSync(join(dir, 'latest.txt'), 'utf8')).toBe(`${mixedRun().run.runId}\n`)
  })

  it('appends the Markdown summary to the GitHub step summary file', async () => {
    const dir = tmp()
    const summary = join(dir, 'step-summary.md')
    writeFileSync(summary, '# Earlier step\n')
    const paths = await writeReports(mixedRun(), { dir, formats: ['json'], githubStepSummary: summary })
    expect(paths).toContain(summary)
    const text = readFileSync(summary, 'utf8')
    expect(text.startsWith('# Earlier step\n## ❌ Entra provisioning will fail: Create User')).toBe(true)
  })

  it('writes nothing to disk for console only', async () => {
    const dir = tmp()
    rmSync(dir, { recursive: true })
    expect(await writeReports(mixedRun(), { dir, formats: ['console'] })).toEqual([])
    expect(existsSync(dir)).toBe(false)
  })

  it('refuses a run id that is not a plain folder name', async () => {
    const run = mixedRun()
    run.run.runId = '../escape'
    await expect(writeReports(run, { dir: tmp(), formats: ['json'] })).rejects.toThrow(/not usable as a folder name/)
  })
})
