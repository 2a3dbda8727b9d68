import { appendFileSync, mkdirSync } from 'node:fs'
import AxeBuilder from '@axe-core/playwright'
import { test as base, expect, type Page } from '@playwright/test'
import { hasChromium } from './chromium'

/** Phone first, then the desktop: every page is checked at both. */
export const A11Y_WIDTHS = [
  { name: 'phone', width: 390, height: 844 },
  { name: 'desktop', width: 1280, height: 800 },
] as const

const checked = new WeakMap<Page, Set<string>>()
const pageKey = (page: Page) => {
  const url = new URL(page.url())
  return url.pathname + url.search
}
/** The page a URL shows, whatever record: `/shifts/1965` and `/shifts/12` are one page to axe. */
const pageKind = (key: string) => key.replace(/\/[^/?]*\d[^/?]*/g, '/:id')
// Pages already checked in this run (one worker): a page a test only passed through is revisited once per run, not per test.
const kindsChecked = new Set<string>()

/**
 * Runs axe-core on the page as it is now, at phone and desktop width (the
 * viewport is restored afterwards); serious and critical violations fail the
 * test (softly, so one run lists every page). Call it wherever a page reaches
 * a state worth checking; pages a test only passes through are checked after it.
 */
export async function checkA11y(page: Page) {
  const key = pageKey(page)
  checked.get(page)?.add(key)
  kindsChecked.add(pageKind(key))
  const restore = page.viewportSize()
  await page.waitForLoadState('load')
  for (const size of A11Y_WIDTHS) {
    await page.setViewportSize({ width: size.width, height: size.height })
    // Mail HTML is shown in frames sandboxed without scripts (the dev mailbox): axe cannot run inside one and waits forever.
    const results = await new AxeBuilder({ page })
      .withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'])
      .exclude('iframe[sandbox]')
      .analyze()
    const serious = results.violations
      .filter((v) => v.impact === 'serious' || v.impact === 'critical')
      .map((v) => `${v.id} (${v.impact}): ${v.nodes.map((n) => n.target.join(' ')).join(' | ')}`)
    expect.soft(serious, `axe at ${size.name} width on ${key}`).toEqual([])
    mkdirSync('test-results', { recursive: true })
    appendFileSync('test-results/a11y-pages.txt', `${key}\t${size.name}\t${serious.length}\n`)
  }
  if (restore) await page.setViewportSize(restore)
}

/**
 * Every page test: accessibility-checked (above); skipped (with the reason) when Chromium is missing outside
 * CI, failing in CI; and failing on any uncaught page error or console error.
 */
export const test = base.extend<{ pageErrors: string[]; a11y: void }>({
  // Every page the test's page navigated to gets checkA11y: the final state in place, the rest revisited in the same context.
  a11y: [
    async ({ page }, use) => {
      const visited = new Set<string>()
      checked.set(page, new Set())
      page.on('framenavigated', (frame) => {
        if (frame === page.mainFrame() && frame.url().startsWith('http')) visited.add(pageKey(page))
      })
      await use()
      const done = checked.get(page)!
      if (!page.isClosed() && page.url().startsWith('http') && !done.has(pageKey(page))) await checkA11y(page)
      for (const key of visited) {
        if (done.has(key) || kindsChecked.has(pageKind(key))) continue
        const again = await page.context().newPage()
        checked.set(again, done)
        await again.goto(key)
        await checkA11y(again)
        await again.close()
      }
    },
    // Axe takes seconds a page on this machine: the checks after the test get their own time.
    { auto: true, timeout: 180_000 },
  ],
  pageErrors: [
    async ({ page }, use) => {
      const errors: string[] = []
      page.on('pageerror', (error) => errors.push(error.message))
      page.on('console', (message) => {
        // A page that is itself a 404 or 403 logs its own status; that is the page under test, not a fault.
        const ownStatus = message.location().url === page.url() && /^Failed to load resource/.test(message.text())
        // The dev mailbox shows mail HTML in a frame sandboxed without scripts, on purpose; Chromium reports each blocked attempt.
        const sandboxedMail = /^Blocked script execution in 'about:srcdoc'/.test(message.text())
        if (message.type() === 'error' && !ownStatus && !sandboxedMail) errors.push(message.text())
      })
      await use(errors)
      expect(errors, 'errors in the browser console').toEqual([])
    },
    { auto: true },
  ],
})

test.beforeAll(() => {
  if (!hasChromium && process.env.CI === 'true') throw new Error('Chromium is missing: apt-get install -y chromium')
})
test.skip(!hasChromium, 'Chromium not installed: apt-get install -y chromium fonts-noto-cjk')

export { expect }

/** Waits until React has hydrated the page, so clicks reach its handlers. */
export async function waitForHydration(page: Page) {
  await page.waitForFunction(() => '__remixRouter' in window)
}
