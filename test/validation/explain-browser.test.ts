// explanation.html in a real headless Chromium, as the run report is proven (test/report/html-browser.test.ts): it loads
// offline with no error and no request but itself, the verdict is the first heading, the first fix leads to the first
// defect on a laptop and a phone without scrolling, Microsoft's text stays text, and every test is one click away.
import { mkdtempSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { pathToFileURL } from 'node:url'
import { chromium, type Browser } from 'playwright-core'
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest'
import { browserRequired, browserSkipNote, CHROMIUM, pageOpener } from '../browser.ts'
import { renderExplanationHtml } from '../../helpers/validation/explain-html.ts'
import { brokenSetup, mixed } from './explanations.ts'

const skipNote = browserSkipNote()

describe('explanation.html in Chromium', () => {
  let browser: Browser
  const dir = mkdtempSync(join(tmpdir(), 'scim-preflight-explain-html-'))
  const page = (name: string, text: string): string => {
    const file = join(dir, name)
    writeFileSync(file, text)
    return pathToFileURL(file).href
  }
  let defectUrl: string

  beforeEach((ctx) => {
    if (skipNote) ctx.skip(skipNote)
  })
  beforeAll(async () => {
    if (skipNote) return
    const missing = browserRequired()
    if (missing) throw new Error(missing)
    defectUrl = page('defect.html', renderExplanationHtml(mixed()))
    browser = await chromium.launch({
      executablePath: CHROMIUM,
      args: ['--headless', '--no-sandbox', '--disable-gpu', '--no-first-run', '--disable-background-networking'],
    })
  }, 60_000)
  afterAll(async () => {
    await browser?.close()
  })

  const openPage = pageOpener(() => browser)
  /** The page on `url`, after checking it asked for nothing but the file. */
  async function open(url: string, viewport?: { width: number; height: number }) {
    const { page, errors, requests, done } = await openPage(url, viewport)
    expect(requests).toEqual([url])
    return { p: page, errors, done }
  }

  it('loads with no error, the verdict first, the file text only as text', async () => {
    const { p, errors, done } = await open(defectUrl)
    expect(errors).toEqual([])
    expect(await p.locator('h1, h2, h3').first().textContent()).toContain(
      "2 failures of Microsoft's Logic App validation are defects of the endpoint",
    )
    expect(await p.locator('#first-failure q.server').textContent()).toContain('<script>alert(1)</script>')
    expect(await p.evaluate(() => document.querySelectorAll('script').length)).toBe(0)
    await done()
  })

  for (const [device, viewport] of [
    ['a 1280×900 window', { width: 1280, height: 900 }],
    ['a phone (390×844)', { width: 390, height: 844 }],
  ] as const) {
    it(`shows the first defect and its fix without scrolling in ${device}, and no sideways scroll`, async () => {
      const { p, done } = await open(defectUrl, viewport)
      const title = await p.locator('#first-failure .title').boundingBox()
      const fix = p.locator('#first-failure dd').nth(2)
      expect(await fix.textContent()).toContain('""')
      const box = await fix.boundingBox()
      expect(title!.y + title!.height).toBeLessThanOrEqual(viewport.height)
      expect(box!.y + box!.height).toBeLessThanOrEqual(viewport.height)
      expect(await p.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(viewport.width)
      await done()
    })
  }

  it('keeps every test folded until clicked; a setup mistake is its own group', async () => {
    const { p, done } = await open(page('setup.html', renderExplanationHtml(brokenSetup())))
    const row = p.locator('#tests tr', { hasText: 'SCIM_User_Create_Test' })
    expect(await row.isVisible()).toBe(false)
    await p.locator('#tests summary').click()
    expect(await row.isVisible()).toBe(true)
    expect(await p.locator('#setup h2').textContent()).toBe('Setup mistakes of the run (1)')
    await done()
  })
})
