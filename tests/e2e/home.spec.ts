import { mkdirSync } from 'node:fs'
import { expect, test, waitForHydration } from './fixtures'

test.describe('a visitor on the home page', () => {
  test('sees upcoming activities and open shifts in Chinese', async ({ page }) => {
    const response = await page.goto('/')
    expect(response?.status()).toBe(200)
    await expect(page.locator('html')).toHaveAttribute('lang', 'zh-CN')
    await expect(page).toHaveTitle('同行 · 鼓楼图书馆')
    await expect(page.getByRole('heading', { level: 2, name: '近期活动' })).toBeVisible()
    const activities = page.getByRole('region', { name: '近期活动' }).getByRole('article')
    expect(await activities.count()).toBeGreaterThan(0)
    const shifts = page.getByRole('region', { name: '开放报名的志愿岗位' }).getByRole('listitem')
    expect(await shifts.count()).toBeGreaterThan(0)
    await expect(page.getByRole('region', { name: /年度回顾/ })).toContainText('场')
  })

  test('switches to English and back, and the choice sticks across pages', async ({ page }) => {
    await page.goto('/')
    await waitForHydration(page)
    await page.getByRole('button', { name: 'Switch to English' }).click()
    await expect(page.locator('html')).toHaveAttribute('lang', 'en')
    await expect(page.getByRole('heading', { level: 2, name: 'Upcoming activities' })).toBeVisible()
    await page.getByRole('navigation', { name: 'Main navigation' }).getByRole('link', { name: 'Activities' }).click()
    await expect(page.getByRole('heading', { level: 1, name: 'Activities' })).toBeVisible()
    await expect(page).toHaveTitle('Activities · Tongxing · Gulou Library')
    await page.getByRole('button', { name: '切换到中文' }).click()
    await expect(page.locator('html')).toHaveAttribute('lang', 'zh-CN')
    await expect(page).toHaveURL(/\/activities$/)
    await expect(page.getByRole('heading', { level: 1, name: '活动' })).toBeVisible()
  })

  test('reads well on a 375 px phone screen', async ({ page }) => {
    await page.setViewportSize({ width: 375, height: 812 })
    await page.goto('/')
    await expect(page.getByRole('heading', { level: 2, name: '近期活动' })).toBeVisible()
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth)
    expect(overflow, 'no sideways scrolling').toBeLessThanOrEqual(0)
    mkdirSync('test-results/screenshots', { recursive: true })
    await page.screenshot({ path: 'test-results/screenshots/home-phone-375.png', fullPage: true })
  })

  test('can skip to the content with the keyboard', async ({ page }) => {
    await page.goto('/')
    await page.keyboard.press('Tab')
    const skip = page.getByRole('link', { name: '跳到主要内容' })
    await expect(skip).toBeFocused()
    await page.keyboard.press('Enter')
    await expect(page).toHaveURL(/#main$/)
  })
})

test.describe('activities', () => {
  test('filter by type shows only that type', async ({ page }) => {
    await page.goto('/activities')
    await waitForHydration(page)
    await page.getByLabel('活动类型').selectOption('lecture')
    await page.getByRole('button', { name: '筛选' }).click()
    await expect(page).toHaveURL(/type=lecture/)
    // The URL changes before the new list renders: wait (retrying) until only lectures are left.
    const cards = page.getByRole('article')
    await expect(cards.filter({ hasNotText: '讲座' })).toHaveCount(0)
    await expect(cards.first()).toContainText('讲座')
  })
})

test.describe('errors', () => {
  test('an unknown address shows a translated 404 page without internals', async ({ page }) => {
    const response = await page.goto('/no-such-page')
    expect(response?.status()).toBe(404)
    await expect(page.getByRole('heading', { level: 1, name: '页面不存在' })).toBeVisible()
    await expect(page.locator('body')).not.toContainText('node_modules')
    await expect(page.getByRole('link', { name: '返回首页' })).toBeVisible()
  })
})
