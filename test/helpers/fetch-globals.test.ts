// axios loads with Node's fetch globals hidden (helpers/client/fetch-globals.ts), so a run does not pay for undici:
// they must be back, untouched, for anything else; hiding twice or restoring twice must do no harm.
import { spawnSync } from 'node:child_process'
import { describe, expect, test } from 'vitest'
import { axios } from '../../helpers/client/axios.ts'
import { hideFetchGlobals, restoreFetchGlobals } from '../../helpers/client/fetch-globals.ts'

describe('the fetch globals around axios', () => {
  test('are back after axios loaded, and axios works without them', () => {
    expect(typeof globalThis.fetch).toBe('function')
    expect(typeof globalThis.FormData).toBe('function')
    expect(typeof globalThis.Request).toBe('function')
    expect(typeof axios.create).toBe('function')
  })

  test('hiding is undone exactly, even when asked twice', () => {
    const before = Object.getOwnPropertyDescriptor(globalThis, 'Headers')
    hideFetchGlobals()
    hideFetchGlobals()
    restoreFetchGlobals()
    restoreFetchGlobals()
    expect(Object.getOwnPropertyDescriptor(globalThis, 'Headers')).toEqual(before)
  })

  test('loading the client does not load undici', () => {
    // A fresh process: in this one vitest may have touched them already. Node's lazy getters are still in place after
    // the client loaded, so undici was never built.
    const script = `
      await import(${JSON.stringify(new URL('../../helpers/client/scim-client.ts', import.meta.url).href)})
      const lazy = ['FormData', 'Headers', 'Request', 'Response'].map((k) => typeof Object.getOwnPropertyDescriptor(globalThis, k).get)
      process.stdout.write(lazy.join(' '))`
    const r = spawnSync(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', script], {
      encoding: 'utf8',
    })
    expect(r.stderr).toBe('')
    expect(r.stdout).toBe('function function function function')
  })
})
