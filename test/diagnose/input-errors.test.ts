import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, test } from 'vitest'
import { DiagnoseInputError, readJobStatus, readProvisioningLogs } from '../../helpers/diagnose/index.ts'
import { summary } from './graph-shapes.ts'

let dir: string
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'diagnose-bad-'))
  await mkdir(join(dir, 'a-directory'))
})
afterAll(async () => {
  await rm(dir, { recursive: true, force: true })
})

async function failure(run: () => Promise<unknown>): Promise<DiagnoseInputError> {
  try {
    await run()
  } catch (e) {
    if (e instanceof DiagnoseInputError) return e
    throw e
  }
  throw new Error('expected a DiagnoseInputError')
}

const good = JSON.stringify(summary({ n: 1, status: 'failure', errorCode: 'Timeout', reason: 'slow' }))

describe('unreadable log files give one clear line naming the file', () => {
  test.each([
    ['empty.json', '', /is empty/],
    ['blank.json', '  \n\t ', /only whitespace/],
    ['truncated.json', `{"value":[${good}`, /malformed JSON \(the file ends early/],
    ['broken-entry.json', `{"value":[{"provisioningAction": create}]}`, /malformed JSON in entry 0/],
    ['garbage-after.json', `{"value":[${good}]} }`, /malformed JSON/],
    ['not-logs-array.json', '[{"userName":"ada"}]', /entry 0 is not a provisioningObjectSummary/],
    ['no-value.json', '{"users":[]}', /no "value" array/],
    [
      'graph-error.json',
      '{"error":{"code":"Authorization_RequestDenied","message":"Insufficient privileges"}}',
      /Graph error response/,
    ],
    ['scalar.json', '42', /neither JSON nor a CSV|not an object or array/],
    ['empty-page.json', '{"value":[]}', /contains no provisioning events/],
    ['notes.txt', 'hello there\nthis is not a log\n', /neither JSON nor a CSV/],
    ['users.csv', 'userName,email\nada,ada@contoso.example\n', /CSV header has no provisioning-log columns/],
    ['unclosed.csv', 'Status,Provisioning Action,Error Code\nFailure,create,"Timeout\n', /malformed CSV/],
    ['utf16.json', Buffer.from([0xff, 0xfe, 0x7b, 0x00]), /UTF-16/],
    ['binary.bin', Buffer.from([0x50, 0x4b, 0x03, 0x04, 0x00, 0x00]), /binary/],
  ])('%s', async (name, content, message) => {
    const path = join(dir, name)
    await writeFile(path, content)
    const e = await failure(() => readProvisioningLogs(path))
    expect(e.message).toMatch(message)
    expect(e.message.startsWith(`${path}: `)).toBe(true)
    expect(e.message).not.toContain('\n')
    expect(e.file).toBe(path)
  })

  test('a missing file and a directory', async () => {
    expect((await failure(() => readProvisioningLogs(join(dir, 'nope.json')))).message).toMatch(
      /cannot be read \(ENOENT\)/,
    )
    expect((await failure(() => readProvisioningLogs(join(dir, 'a-directory')))).message).toMatch(/is a directory/)
    expect((await failure(() => readProvisioningLogs([]))).message).toMatch(/no provisioning-log file given/)
  })
})

describe('unreadable job-status files', () => {
  test.each([
    ['job-empty.json', '', /is empty/],
    ['job-broken.json', '{"status": {', /malformed JSON/],
    ['job-array.json', '[1,2]', /not a synchronizationJob/],
    ['job-no-status.json', '{"id":"scim.1","templateId":"scim"}', /no "status" object/],
    ['job-graph-error.json', '{"error":{"code":"Request_ResourceNotFound"}}', /Graph error response/],
    ['job-no-code.json', '{"status":{"quarantine":null}}', /no status\.code/],
    [
      'job-bad-date.json',
      '{"status":{"code":"Quarantine","quarantine":{"reason":"Unknown","seriesBegan":"yesterday"}}}',
      /seriesBegan is not a date/,
    ],
  ])('%s', async (name, content, message) => {
    const path = join(dir, name)
    await writeFile(path, content)
    const e = await failure(() => readJobStatus(path, { now: new Date('2026-10-02T00:00:00Z') }))
    expect(e.message).toMatch(message)
    expect(e.message.startsWith(`${path}: `)).toBe(true)
    expect(e.message).not.toContain('\n')
  })

  test('a missing job file', async () => {
    const e = await failure(() => readJobStatus(join(dir, 'none.json'), { now: new Date() }))
    expect(e.message).toMatch(/cannot be read \(ENOENT\)/)
  })
})
