// The report folder keeps the newest N run folders; only folders scim-preflight wrote are removed, and never the
// runs a latest link names.
import { mkdirSync, mkdtempSync, readdirSync, symlinkSync, utimesSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { pruneReports } from '../../helpers/report/prune.ts'

function reportDir(runs: number): string {
  const dir = mkdtempSync(join(tmpdir(), 'spf-prune-'))
  for (let i = 0; i < runs; i++) {
    const run = join(dir, `0000000${i.toString(16)}`.slice(-8))
    mkdirSync(run)
    writeFileSync(join(run, 'report.json'), '{}')
    // Oldest first: run 0 is the oldest.
    const t = new Date(Date.UTC(2026, 0, 1, 0, i))
    utimesSync(join(run, 'report.json'), t, t)
    utimesSync(run, t, t)
  }
  return dir
}

describe('pruneReports', () => {
  it('keeps the newest N run folders and removes the rest', async () => {
    const dir = reportDir(6)
    const removed = await pruneReports(dir, 4)
    expect(removed.map((p) => p.slice(dir.length + 1)).sort()).toEqual(['00000000', '00000001'])
    expect(readdirSync(dir).sort()).toEqual(['00000002', '00000003', '00000004', '00000005'])
  })

  it('0 keeps everything; a folder with other files, another name, or a latest link pointing at it stays', async () => {
    const dir = reportDir(5)
    expect(await pruneReports(dir, 0)).toEqual([])
    writeFileSync(join(dir, '00000000', 'my-notes.txt'), 'mine')
    mkdirSync(join(dir, 'project-tests'))
    symlinkSync('00000001', join(dir, 'latest-diagnose'))
    await pruneReports(dir, 1)
    expect(readdirSync(dir).sort()).toEqual(['00000000', '00000001', '00000004', 'latest-diagnose', 'project-tests'])
  })
})
