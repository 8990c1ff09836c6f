// load.html in a real headless Chromium: offline, no console errors, verdict first, the three SVG charts drawn.
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join, resolve } from 'node:path'
import { pathToFileURL } from 'node:url'
import { chromium, type Browser } from 'playwright-core'
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest'
import { browserRequired, browserSkipNote, CHROMIUM } from '../browser.ts'
import { renderLoadHtml } from '../../helpers/report/load-html.ts'
import { throttledRun } from './fixtures.ts'

const ARTIFACTS = resolve(import.meta.dirname, '../../test-artifacts')
const skipNote = browserSkipNote()

describe('load.html in Chromium', () => {
  let browser: Browser
  let url: string

  beforeEach((ctx) => {
    if (skipNote) ctx.skip(skipNote)
  })
  beforeAll(async () => {
    if (skipNote) return
    const missing = browserRequired()
    if (missing) throw new Error(missing)
    const file = join(mkdtempSync(join(tmpdir(), 'spf-load-html-')), 'load.html')
    writeFileSync(file, renderLoadHtml(throttledRun()))
    url = pathToFileURL(file).href
    browser = await chromium.launch({
      executablePath: CHROMIUM,
      args: [
        '--headless',
        '--no-sandbox',
        '--disable-gpu',
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

  it('loads offline without errors, verdict first, charts drawn, server text shown only as text', async () => {
    const page = await browser.newPage({ viewport: { width: 1200, height: 900 } })
    const errors: string[] = []
    const requests: string[] = []
    page.on('console', (m) => m.type() === 'error' && errors.push(m.text()))
    page.on('pageerror', (e) => errors.push(String(e)))
    page.on('request', (r) => requests.push(r.url()))
    await page.goto(url, { waitUntil: 'load' })
    expect(errors).toEqual([])
    expect(requests).toEqual([url])
    expect(await page.locator('h1, h2').first().textContent()).toContain('Meets the gallery requirement')
    expect(await page.locator('svg.chart').count()).toBe(3)
    expect(await page.locator('svg.chart path.line').count()).toBe(3)
    expect(await page.locator('svg.chart rect.bar').count()).toBeGreaterThan(40)
    const box = await page.locator('svg.chart').first().boundingBox()
    expect(box!.width).toBeGreaterThan(600)
    expect(await page.locator('#throttling').textContent()).toContain('Retry-After was honoured')
    expect(await page.evaluate(() => document.title)).not.toBe('pwned')
    mkdirSync(ARTIFACTS, { recursive: true })
    await page.screenshot({ path: join(ARTIFACTS, 'load-report.png'), fullPage: true })
    await page.close()
  })
})
