import { mkdirSync } from 'node:fs'
import { expect, test, waitForHydration } from './fixtures'

test.describe('a new volunteer on a phone', () => {
  test.use({ viewport: { width: 375, height: 812 } })

  test('registers in Chinese, verifies the email with the mailed code, signs out and in again', async ({ page }) => {
    const email = `xiaolin.${Date.now()}@example.com`
    const password = '我爱鼓楼图书馆 2026'

    await page.goto('/')
    await page.getByRole('link', { name: '注册', exact: true }).click()
    await expect(page.getByRole('heading', { level: 1, name: '注册志愿者' })).toBeVisible()
    await waitForHydration(page)

    // A first try with a bad phone number: the error shows next to the field and nothing typed is lost.
    await page.getByLabel('姓名', { exact: true }).fill('林小雨')
    await page.getByLabel('手机号码', { exact: true }).fill('12345')
    await page.getByLabel('电子邮箱', { exact: true }).fill(email)
    await page.getByLabel('密码', { exact: true }).fill(password)
    await page.getByLabel('出生日期', { exact: true }).fill('2001-04-23')
    await page.getByRole('checkbox', { name: /我已阅读并同意/ }).check()
    await page.getByRole('button', { name: '注册', exact: true }).click()
    await expect(page.getByText('请填写 11 位中国大陆手机号码')).toBeVisible()
    await expect(page.getByLabel('姓名', { exact: true })).toHaveValue('林小雨')

    await page.getByLabel('手机号码', { exact: true }).fill('138 1234 5678')
    await page.getByRole('button', { name: '注册', exact: true }).click()
    await expect(page.getByRole('heading', { level: 1, name: '验证邮箱' })).toBeVisible()
    await expect(page.getByText(email)).toBeVisible()
    mkdirSync('test-results/screenshots', { recursive: true })
    await page.screenshot({ path: 'test-results/screenshots/verify-email-phone-375.png', fullPage: true })

    // Read the code from the mail the app sent (captured to files when no SMTP server is set).
    const verifyUrl = page.url()
    const mail = page
      .getByRole('row')
      .filter({ hasText: email })
      .getByRole('link', { name: /邮箱验证码/ })
    await expect(async () => {
      await page.goto('/dev/mail')
      await expect(mail).toBeVisible({ timeout: 1000 })
    }).toPass({ timeout: 20_000 })
    await mail.click()
    await expect(page.getByText(email).first()).toBeVisible()
    const code = (await page.getByRole('main').innerText()).match(/\b\d{8}\b/)?.[0]
    expect(code, 'an 8-digit code in the mail').toBeDefined()

    await page.goto(verifyUrl)
    await page.getByLabel('验证码', { exact: true }).fill(code!)
    await page.getByRole('button', { name: '验证', exact: true }).click()
    await expect(page.getByText('邮箱验证成功')).toBeVisible()
    await expect(page.getByRole('heading', { level: 1, name: '我的资料' })).toBeVisible()

    await page.getByRole('button', { name: '退出', exact: true }).click()
    await expect(page.getByText('您已退出登录')).toBeVisible()
    await page.goto('/me')
    await expect(page).toHaveURL(/\/login\?redirectTo=%2Fme$/)

    await page.getByLabel('电子邮箱', { exact: true }).fill(email)
    await page.getByLabel('密码', { exact: true }).fill(password)
    await page.getByRole('button', { name: '登录', exact: true }).click()
    await expect(page).toHaveURL(/\/me$/)
    await expect(page.getByLabel('姓名', { exact: true })).toHaveValue('林小雨')
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth)
    expect(overflow, 'no sideways scrolling').toBeLessThanOrEqual(0)
    await page.screenshot({ path: 'test-results/screenshots/my-profile-phone-375.png', fullPage: true })
  })

  test('signs in as the demo admin and manages accounts', async ({ page }) => {
    await page.goto('/login')
    await page.getByLabel('电子邮箱', { exact: true }).fill('admin@tongxing.demo')
    await page.getByLabel('密码', { exact: true }).fill('tongxing-admin-demo')
    await page.getByRole('button', { name: '登录', exact: true }).click()
    await page.getByRole('link', { name: '账号管理', exact: true }).click()
    await expect(page.getByRole('heading', { level: 1, name: '账号管理' })).toBeVisible()
    await page.getByLabel('搜索姓名或邮箱', { exact: true }).fill('volunteer@tongxing')
    await page.getByRole('button', { name: '筛选', exact: true }).click()
    await expect(page.getByText('volunteer@tongxing.demo')).toBeVisible()
    await expect(page.getByRole('main').getByRole('listitem')).toHaveCount(1)
  })
})
