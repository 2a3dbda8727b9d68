import { mkdirSync, readdirSync, readFileSync } from 'node:fs'
import path from 'node:path'
import type { Page } from '@playwright/test'
import { expect, test, waitForHydration } from './fixtures'
import { signIn } from './steps'

const TEACHER = { email: 'partner@tongxing.demo', password: 'tongxing-partner-demo' }
const COORDINATOR = { email: 'coordinator@tongxing.demo', password: 'tongxing-staff-demo' }
const MAIL_DIR = 'test-results/e2e/mail'
const SHOTS = 'test-results/screenshots'

async function signOut(page: Page) {
  await page.getByRole('button', { name: '退出', exact: true }).click()
  await expect(page.getByText('您已退出登录')).toBeVisible()
}

/** The newest captured mail whose subject matches. */
function newestMail(subject: RegExp): { to: string; subject: string; text: string } | undefined {
  const mails = readdirSync(MAIL_DIR)
    .filter((name) => name.endsWith('.json'))
    .sort()
    .map(
      (name) =>
        JSON.parse(readFileSync(path.join(MAIL_DIR, name), 'utf8')) as { to: string; subject: string; text: string },
    )
  return mails.filter((m) => subject.test(m.subject)).at(-1)
}

test.describe('a partner school on a phone', () => {
  test.use({ viewport: { width: 375, height: 812 } })
  test.beforeAll(() => mkdirSync(SHOTS, { recursive: true }))

  test('a teacher requests cards for three classes by pasting a list; the coordinator approves and issues; the teacher sees the numbers', async ({
    page,
  }) => {
    await signIn(page, TEACHER)
    await expect(page).toHaveURL(/\/partner$/)
    await expect(page.getByRole('heading', { level: 1, name: '合作单位服务' })).toBeVisible()
    await page.screenshot({ path: `${SHOTS}/partner-portal-375.png`, fullPage: true })

    await page.getByRole('link', { name: '申请大容量借阅卡' }).click()
    await waitForHydration(page)
    await page.getByLabel('班级名单').fill('四年级(1)班\t1\t周老师\n四年级(2)班\t1\t吴老师\n四年级(3)班\t1\t郑老师')
    await page.getByLabel('每卡可借册数').fill('40')
    await page.getByLabel('借期（天）').fill('30')
    await page.screenshot({ path: `${SHOTS}/partner-card-request-375.png`, fullPage: true })
    await page.getByRole('button', { name: '提交申请' }).click()
    await expect(page.getByText('申请已提交')).toBeVisible()
    await expect(page.getByText('已提交', { exact: true })).toBeVisible()
    const requestUrl = page.url()
    const id = requestUrl.split('/').at(-1)!
    await signOut(page)

    await signIn(page, COORDINATOR)
    await page.goto(`/staff/card-requests/${id}`)
    await waitForHydration(page)
    await page.getByRole('button', { name: '通过', exact: true }).click()
    await expect(page.getByText('已通过，已邮件通知申请人')).toBeVisible()
    await page.getByRole('button', { name: '发卡', exact: true }).click()
    await expect(page.getByText('已发卡 3 张')).toBeVisible()
    await signOut(page)

    await signIn(page, TEACHER)
    await page.goto(requestUrl)
    const numbers = page.getByTestId('card-numbers').getByRole('listitem')
    await expect(numbers).toHaveCount(3)
    await expect(numbers.first()).toContainText(/GL\d{8}/)
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth)
    expect(overflow, 'no sideways scrolling').toBeLessThanOrEqual(0)
    await page.screenshot({ path: `${SHOTS}/partner-cards-issued-375.png`, fullPage: true })
  })

  test('a contact confirms a delivery through the mailed link, without signing in', async ({ page }) => {
    await signIn(page, COORDINATOR)
    await page.goto('/staff/books')
    await page.getByRole('link').filter({ hasText: '陕西商洛杏坪村小学' }).filter({ hasText: '备货中' }).first().click()
    await waitForHydration(page)
    await page.getByLabel('由志愿服务队随队送达').check()
    await page.getByRole('button', { name: '标记为已寄出' }).click()
    await expect(page.getByText('已寄出，签收链接已发给收件单位')).toBeVisible()
    await signOut(page)

    let link: string | undefined
    await expect(async () => {
      link = /https?:\/\/\S+\/receipts\/[a-z2-7]{52}/.exec(newestMail(/陕西商洛杏坪村小学/)?.text ?? '')?.[0]
      expect(link).toBeDefined()
    }).toPass({ timeout: 20_000 })

    await page.goto(new URL(link!).pathname)
    await waitForHydration(page)
    await expect(page.getByRole('heading', { level: 1, name: '图书签收确认' })).toBeVisible()
    await page.getByLabel('实际收到册数').fill('798')
    await page.getByLabel('签收人姓名').fill('杏坪村小学 刘老师')
    await page.getByLabel('备注（如有短缺或破损请说明）').fill('两本在路上淋湿了')
    await page.getByLabel('有破损').check()
    await page.screenshot({ path: `${SHOTS}/receipt-form-375.png`, fullPage: true })
    await page.getByRole('button', { name: '确认签收' }).click()
    await expect(page.getByText('签收已确认，谢谢！')).toBeVisible()
    await expect(page.getByTestId('receipt-state')).toContainText('已经确认签收过了')
    await page.screenshot({ path: `${SHOTS}/receipt-done-375.png`, fullPage: true })
  })
})
