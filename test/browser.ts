// The browser the HTML report tests drive: Debian's chromium. Missing here, those tests are skipped with a note that
// the summary line repeats; under CI=true a missing browser fails them, so CI never passes without running them.
import { existsSync } from 'node:fs'
import type { Browser, ConsoleMessage, Page, Request } from 'playwright-core'

type Viewport = { width: number; height: number }

// CHROMIUM_PATH: a browser installed elsewhere.
export const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium'

/** The skip note when the browser tests cannot run on this machine; undefined when they run (always under CI). */
export function browserSkipNote(): string | undefined {
  if (existsSync(CHROMIUM) || process.env.CI === 'true') return undefined
  return `${CHROMIUM} is missing (apt-get install -y chromium)`
}

/** Under CI, the reason a missing browser fails the run; undefined when it is there. */
export function browserRequired(): string | undefined {
  return existsSync(CHROMIUM)
    ? undefined
    : `CI=true and ${CHROMIUM} is missing: the HTML report is proven only in a real browser (apt-get install -y chromium)`
}

/** A page opened on a URL, with what it logged as errors and every request it made; `done` when the test is through. */
export interface OpenedPage {
  page: Page
  errors: string[]
  requests: string[]
  done: () => Promise<void>
}

/** Navigates `page` to `url`, counting the errors it logs and the requests it makes from then on; `detach` stops counting. */
async function openOn(page: Page, url: string): Promise<Omit<OpenedPage, 'done'> & { detach: () => void }> {
  const errors: string[] = []
  const requests: string[] = []
  const onConsole = (m: ConsoleMessage) => {
    if (m.type() === 'error') errors.push(m.text())
  }
  const onError = (e: Error) => errors.push(String(e))
  const onRequest = (r: Request) => requests.push(r.url())
  page.on('console', onConsole)
  page.on('pageerror', onError)
  page.on('request', onRequest)
  const detach = () => {
    page.off('console', onConsole)
    page.off('pageerror', onError)
    page.off('request', onRequest)
  }
  await page.goto(url, { waitUntil: 'load' })
  return { page, errors, requests, detach }
}

/**
 * `open(url, viewport)` for one test file: a new document for each test, its errors and requests counted from the
 * navigation on. A window's viewport reuses one page, navigated afresh: Chromium spends about a second of CPU setting
 * up a page (a renderer process) and a fifth of that on a navigation. A phone's (narrower than 600 px) gets a page of
 * its own, since touch and pixel ratio are fixed when a page is made, closed by `done`.
 */
export function pageOpener(browser: () => Browser): (url: string, viewport?: Viewport) => Promise<OpenedPage> {
  let window: Page | undefined
  // The window's counting of the previous test stops when the next one opens it (or at that test's `done`).
  let detachWindow = (): void => undefined
  return async (url, viewport = { width: 1280, height: 900 }) => {
    if (viewport.width < 600) {
      const phone = await browser().newPage({ viewport, isMobile: true, hasTouch: true, deviceScaleFactor: 2 })
      const opened = await openOn(phone, url)
      return { ...opened, done: () => phone.close() }
    }
    detachWindow()
    if (!window || window.isClosed()) window = await browser().newPage({ viewport })
    await window.setViewportSize(viewport)
    await window.emulateMedia({ colorScheme: 'light' })
    await window.goto('about:blank')
    const opened = await openOn(window, url)
    detachWindow = opened.detach
    return { ...opened, done: async () => opened.detach() }
  }
}
