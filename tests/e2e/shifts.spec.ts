import { mkdirSync } from 'node:fs'
import { checkA11y, expect, test, waitForHydration } from './fixtures'

test.describe('the shift calendar', () => {
  test('a volunteer on a 375 px phone finds a shift in the agenda, signs up and sees it under my shifts', async ({
    page,
  }) => {
    await page.setViewportSize({ width: 375, height: 812 })
    await page.goto('/login?redirectTo=%2Fshifts')
    await page.getByLabel('电子邮箱', { exact: true }).fill('volunteer@tongxing.demo')
    await page.getByLabel('密码', { exact: true }).fill('tongxing-volunteer-demo')
    await page.getByRole('button', { name: '登录', exact: true }).click()
    await expect(page).toHaveURL(/\/shifts$/)
    await expect(page.getByRole('heading', { level: 1, name: '志愿岗位日历', exact: true })).toBeVisible()
    await waitForHydration(page)

    // Only shifts this volunteer may take, through the same rule the sign-up uses.
    await page.getByRole('checkbox', { name: '只看我能报名的岗位', exact: true }).check()
    await page.getByRole('button', { name: '筛选', exact: true }).click()
    await expect(page).toHaveURL(/can=1/)

    // On a phone the calendar opens in the agenda view, in Chinese.
    const agenda = page.locator('.rbc-agenda-view')
    await expect(agenda).toBeVisible()
    await expect(page.locator('.rbc-toolbar button.rbc-active')).toHaveText('日程')
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth)
    expect(overflow, 'no sideways scrolling').toBeLessThanOrEqual(0)
    mkdirSync('test-results/screenshots', { recursive: true })
    await page.screenshot({ path: 'test-results/screenshots/calendar-phone-375.png', fullPage: true })

    const first = agenda.getByRole('link').first()
    const label = (await first.innerText()).split(' · ').slice(0, 2).join(' · ')
    await first.click()
    await expect(page).toHaveURL(/\/shifts\/\d+(\?.*)?$/)
    const shiftPath = new URL(page.url()).pathname
    await expect(page.getByRole('heading', { level: 1 })).toHaveText(label)
    await expect(
      page
        .getByText('请携带')
        .or(page.getByText('报名要求', { exact: true }))
        .first(),
    ).toBeVisible()
    await waitForHydration(page)

    const signUp = page.getByRole('button', { name: /^(报名|加入候补)$/ })
    await signUp.click()
    await expect(page.getByText(/报名成功|您已进入候补/)).toBeVisible()
    await expect(page.getByRole('button', { name: '取消报名', exact: true })).toBeVisible()

    await page.goto('/me/shifts')
    await expect(page.getByRole('heading', { level: 1, name: '我的岗位', exact: true })).toBeVisible()
    const upcoming = page.getByRole('region', { name: '即将开始', exact: true })
    await expect(upcoming.locator(`a[href="${shiftPath}"]`)).toHaveText(label)
  })

  test('shows the month view on a desktop and the list without JavaScript', async ({ page, browser }) => {
    await page.setViewportSize({ width: 1280, height: 1000 })
    await page.goto('/shifts?view=month')
    await waitForHydration(page)
    await expect(page.locator('.rbc-month-view')).toBeVisible()
    // Weeks start on Monday, in Chinese.
    await expect(page.locator('.rbc-month-header .rbc-header').first()).toContainText('周一')
    await expect(page.locator('.rbc-month-view .rbc-event').first()).toBeVisible()
    mkdirSync('test-results/screenshots', { recursive: true })
    await page.screenshot({ path: 'test-results/screenshots/calendar-desktop.png', fullPage: true })

    const context = await browser.newContext({ javaScriptEnabled: false })
    const plain = await context.newPage()
    await plain.goto(page.url().replace(/\/shifts.*$/, '/shifts?view=list&role=lending_desk'))
    const items = plain.getByRole('region', { name: '岗位列表', exact: true }).getByRole('listitem')
    expect(await items.count()).toBeGreaterThan(0)
    await expect(items.filter({ hasNotText: '借还服务' })).toHaveCount(0)
    // axe needs scripts: the same server-rendered list is checked in the scripted page.
    const listUrl = plain.url()
    await context.close()
    await page.goto(listUrl)
    await checkA11y(page)
  })
})
