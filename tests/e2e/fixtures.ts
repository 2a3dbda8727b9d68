import { test as base, expect, type Page } from '@playwright/test'
import { hasChromium } from './chromium'

/**
 * Every page test: skipped (with the reason) when Chromium is missing outside
 * CI, failing in CI; and failing on any uncaught page error or console error.
 */
export const test = base.extend<{ pageErrors: string[] }>({
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
