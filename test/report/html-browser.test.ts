// The HTML report in a real headless Chromium: loads offline without errors, verdict first, failing request two clicks away.
import { existsSync, mkdirSync, mkdtempSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join, resolve } from 'node:path'
import { pathToFileURL } from 'node:url'
import { chromium, type Browser } from 'playwright-core'
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest'
import { browserRequired, browserSkipNote, CHROMIUM, pageOpener } from '../browser.ts'
import { renderHtml } from '../../helpers/report/html.ts'
import { cleanRun, mixedRun } from './fixtures.ts'
import { failingRun } from './failing-fixture.ts'

const ARTIFACTS = resolve(import.meta.dirname, '../../test-artifacts')
const skipNote = browserSkipNote()

describe('report.html in Chromium', () => {
  let browser: Browser
  let url: string
  const dir = mkdtempSync(join(tmpdir(), 'scim-preflight-html-'))

  beforeEach((ctx) => {
    if (skipNote) ctx.skip(skipNote)
  })
  beforeAll(async () => {
    mkdirSync(ARTIFACTS, { recursive: true })
    if (skipNote) return
    const missing = browserRequired()
    if (missing) throw new Error(missing)
    const file = join(dir, 'report.html')
    writeFileSync(file, renderHtml(mixedRun()))
    url = pathToFileURL(file).href
    browser = await chromium.launch({
      executablePath: CHROMIUM,
      args: [
        '--headless',
        '--no-sandbox',
        '--disable-gpu',
        '--disable-quic',
        '--no-first-run',
        '--disable-background-networking',
        '--disable-component-update',
        '--disable-sync',
      ],
    })
  }, 60_000)
  afterAll(async () => {
    await browser?.close()
  })

  const openPage = pageOpener(() => browser)
  const open = (target = url) => openPage(target)

  it('loads with no console errors and no request but the file itself', async () => {
    const { page, errors, requests } = await open()
    expect(errors).toEqual([])
    expect(requests).toEqual([url])
    expect(await page.title()).toContain('Entra provisioning will fail: Create User')
  })

  it('shows the verdict as the first heading and the server-sent <script> only as text', async () => {
    const { page } = await open()
    const first = page.locator('h1, h2, h3, h4').first()
    expect(await first.textContent()).toContain('Entra provisioning will fail: Create User')
    expect(await page.evaluate(() => document.title)).not.toBe('pwned')
    await page.locator('#check-update-group-remove-members-value-filter > summary').click()
    await expect
      .poll(() => page.locator('#check-update-group-remove-members-value-filter pre', { hasText: '<script>' }).count())
      .toBe(1)
  })

  it('shows the failing request after clicking the failed check', async () => {
    const { page } = await open()
    const check = page.locator('#check-update-user-replace-single-valued--legacy')
    const line = check.locator('.reqline').first()
    expect(await line.isVisible()).toBe(false)
    await check.locator('> summary').click()
    expect(await line.isVisible()).toBe(true)
    expect(await line.textContent()).toContain(
      'PATCH https://scim.fabrikam.example/scim/v2/Users/2819c223-7f76-453a-919d-413861904646 → 400 Bad Request',
    )
  })

  it('opens the failing checks of a flow from its matrix cell', async () => {
    const { page } = await open()
    await page.locator('#matrix a[href="#flow-update-user-single-valued-properties--legacy"]').click()
    const line = page.locator('#check-update-user-replace-single-valued--legacy .reqline').first()
    await expect.poll(() => line.isVisible()).toBe(true)
    // Passing checks stay closed so the failure stands out.
    expect(
      await page.locator('#check-update-user-replace-single-valued--aadoptscim062020').getAttribute('open'),
    ).toBeNull()
  })

  it('opens a failed check straight from the "To fix" list', async () => {
    const { page } = await open()
    await page.locator('#to-fix a[href="#check-create-user-returns-id"]').click()
    const line = page.locator('#check-create-user-returns-id .reqline').first()
    await expect.poll(() => line.isVisible()).toBe(true)
    expect(await line.textContent()).toContain('POST https://scim.fabrikam.example/scim/v2/Users → 201 Created')
  })

  // The order of importance on screen: the first cause that fails the run is seen without scrolling, on a laptop and
  // on a phone, above the folded gallery checklist and prediction.
  for (const [device, viewport] of [
    ['a 1280×900 window', { width: 1280, height: 900 }],
    ['a phone (390×844)', { width: 390, height: 844 }],
  ] as const) {
    it(`shows the first cause without scrolling in ${device}`, async () => {
      const file = join(dir, 'failing.html')
      writeFileSync(file, renderHtml(failingRun()))
      const { page, done } = await openPage(pathToFileURL(file).href, viewport)
      const title = await page.locator('#cause-1 .title').boundingBox()
      const fix = await page.locator('#cause-1 dd').first().boundingBox()
      expect(title, 'the first cause is rendered').not.toBeNull()
      // The cause's headline and its first fact (the server's words or the fix) sit inside the first screen.
      expect(title!.y).toBeGreaterThan(0)
      expect(
        title!.y + title!.height,
        `first cause ends at ${Math.round(title!.y + title!.height)} px of ${viewport.height}`,
      ).toBeLessThanOrEqual(viewport.height)
      expect(fix!.y + fix!.height).toBeLessThanOrEqual(viewport.height)
      // The first fix is in the banner, and nothing on the page is wider than the screen.
      expect(await page.locator('#first-fix').isVisible()).toBe(true)
      expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(viewport.width)
      await page.screenshot({ path: join(ARTIFACTS, `report-first-screen-${viewport.width}.png`) })
      // The checklist and the prediction are folded: their one-line summaries show, their rows do not until opened.
      const checklist = page.locator('#gallery-checklist')
      expect(await checklist.getAttribute('open')).toBeNull()
      const row = checklist.locator('.gallery-items > li').first()
      expect(await row.isVisible()).toBe(false)
      await checklist.locator('> summary').click()
      expect(await row.isVisible()).toBe(true)
      expect(await page.locator('#prediction-logic-app tbody tr').first().isVisible()).toBe(false)
      await done()
    })
  }

  it('saves screenshots of the failing and the clean report', async () => {
    mkdirSync(ARTIFACTS, { recursive: true })
    const { page } = await open()
    await page.screenshot({ path: join(ARTIFACTS, 'report.png'), fullPage: true })
    await page.locator('#to-fix a[href="#check-update-group-remove-members-value-filter"]').click()
    await page.screenshot({ path: join(ARTIFACTS, 'report-failure-open.png') })

    const clean = join(dir, 'clean.html')
    writeFileSync(clean, renderHtml(cleanRun()))
    const { page: p2, errors } = await open(pathToFileURL(clean).href)
    await p2.emulateMedia({ colorScheme: 'dark' })
    await p2.screenshot({ path: join(ARTIFACTS, 'report-clean-dark.png'), fullPage: true })
    expect(errors).toEqual([])
    expect(await p2.locator('h1').textContent()).toContain('Ready for Entra')
    expect(existsSync(join(ARTIFACTS, 'report.png'))).toBe(true)
  })
})
