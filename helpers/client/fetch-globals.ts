// Node defines FormData, Headers, Request and Response as getters that load its fetch implementation (undici) on first
// touch: about 35 ms, a tenth of a run's start. axios touches them while it loads, to choose among adapters the tool
// does not use (its requests go through node:http), so they are hidden for that moment (axios.ts). fetch itself is a
// plain function that loads undici only when called.
const NAMES = ['FormData', 'Headers', 'Request', 'Response'] as const
let hidden: Map<string, PropertyDescriptor> | undefined

export function hideFetchGlobals(): void {
  if (hidden) return
  hidden = new Map()
  for (const name of NAMES) {
    const d = Object.getOwnPropertyDescriptor(globalThis, name)
    // Only Node's untouched lazy getters: a value already loaded (or set by someone else) costs nothing to keep.
    if (!d?.get || !d.configurable) continue
    hidden.set(name, d)
    Object.defineProperty(globalThis, name, { value: undefined, configurable: true, writable: true })
  }
}

export function restoreFetchGlobals(): void {
  for (const [name, d] of hidden ?? []) Object.defineProperty(globalThis, name, d)
  hidden = undefined
}
