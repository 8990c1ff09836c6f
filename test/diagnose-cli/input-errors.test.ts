// Bad input to `diagnose` is one line on stderr naming the problem, exit 2, and no stack trace.
import { mkdtemp, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, test } from 'vitest'
import { runCli } from '../self-test/run-cli.ts'

let dir: string
const file = (name: string): string => join(dir, name)

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'diagnose-input-'))
  await writeFile(file('notes.txt'), 'the job broke again on Tuesday')
  await writeFile(file('other.json'), '{"displayName":"not a log"}')
  await writeFile(file('truncated.json'), '{"value":[{"id":"1","provisioningStatusInfo":{"status":"fail')
  await writeFile(file('empty.json'), '')
  await writeFile(
    file('graph-error.json'),
    '{"error":{"code":"Authorization_RequestDenied","message":"Insufficient privileges"}}',
  )
})
afterAll(async () => {
  await rm(dir, { recursive: true, force: true })
})

describe('diagnose: one line, exit 2', () => {
  test.each([
    [
      'nothing to look at',
      () => [],
      /needs something to look at: a target \(--url and --token\), --job-status job\.json, or --logs FILE/,
    ],
    ['a log file that is prose', () => ['--logs', file('notes.txt')], /notes\.txt: is neither JSON nor a CSV/],
    ['a JSON file that is not logs', () => ['--logs', file('other.json')], /other\.json: .*no "value" array/],
    ['a truncated log file', () => ['--logs', file('truncated.json')], /truncated\.json: malformed JSON/],
    ['an empty log file', () => ['--logs', file('empty.json')], /empty\.json: is empty/],
    ['a missing log file', () => ['--logs', file('missing.json')], /missing\.json: cannot be read \(ENOENT\)/],
    [
      'a job status that is not a job',
      () => ['--job-status', file('other.json')],
      /other\.json: has no "status" object/,
    ],
    [
      'a Graph error saved as the job status',
      () => ['--job-status', file('graph-error.json')],
      /is a Graph error response/,
    ],
    ['--logs without a file', () => ['--logs'], /--logs needs a value/],
    ['--user without a target', () => ['--user', 'a@b.example', '--logs', file('notes.txt')], /--user needs a target/],
    [
      '--now that is not a date',
      () => ['--now', 'Tuesday', '--logs', file('notes.txt')],
      /--now 'Tuesday' is not a date/,
    ],
    ['a target without a token', () => ['--url', 'https://scim.example.com/scim'], /needs a token/],
    ['an unknown flag', () => ['--since', '2d'], /unknown flag --since/],
  ])('%s', async (_name, args, message) => {
    const r = await runCli(['diagnose', ...args()])
    expect(r.stderr).toMatch(message)
    expect(r.stderr.trim().split('\n')).toHaveLength(1)
    expect(r.stderr).not.toMatch(/\n\s+at /)
    expect(r.code).toBe(2)
  })
})
