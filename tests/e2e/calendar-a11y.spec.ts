import AxeBuilder from '@axe-core/playwright'
import { expect, test, waitForHydration } from './fixtures'

const VIEWPORTS = [
  { name: 'phone', width: 390, height: 844 },
  { name: 'desktop', width: 1280, height: 800 },
] as const

/** Each view and the element that shows it has rendered (the list is ours, rendered on the server). */
const VIEWS = {
  month: '.rbc-month-view',
  week: '.rbc-time-view',
  day: '.rbc-time-view',
  agenda: '.rbc-agenda-view',
  list: '#shift-list-heading',
} as const

/**
 * The calendar page has no serious or critical axe violations in any view, at
 * phone and desktop width: react-big-calendar's grid is checked, not excluded.
 */
test.describe('the shift calendar is accessible', () => {
  for (const viewport of VIEWPORTS) {
    for (const [view, selector] of Object.entries(VIEWS)) {
      test(`${view} view at ${viewport.name} width`, async ({ page }) => {
        test.setTimeout(120_000)
        await page.setViewportSize({ width: viewport.width, height: viewport.height })
        await page.goto(`/shifts?view=${view}`)
        await waitForHydration(page)
        await expect(page.locator(selector)).toBeAttached()
        const results = await new AxeBuilder({ page }).analyze()
        const serious = results.violations
          .filter((violation) => violation.impact === 'serious' || violation.impact === 'critical')
          .map((violation) => {
            const targets = violation.nodes.slice(0, 3).map((node) => node.target.join(' '))
            return `${violation.id} (${violation.impact}) ×${violation.nodes.length}: ${targets.join(' | ')}`
          })
        expect(serious).toEqual([])
      })
    }
  }
})
