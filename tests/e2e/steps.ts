/** Steps several browser tests take the same way: signing in, registering a volunteer, Shanghai clock times. */
import type { Page } from '@playwright/test'
import { expect, waitForHydration } from './fixtures'

export async function signIn(page: Page, who: { email: string; password: string }) {
  await page.goto('/login')
  await waitForHydration(page)
  await page.getByLabel('电子邮箱', { exact: true }).fill(who.email)
  await page.getByLabel('密码', { exact: true }).fill(who.password)
  await page.getByRole('button', { name: '登录', exact: true }).click()
  await expect(page).not.toHaveURL(/\/login/)
}

/** Shanghai wall clock (no daylight saving) `minutes` from now: day and HH:MM. */
export function shanghaiIn(minutes: number) {
  const d = new Date(Date.now() + minutes * 60_000 + 8 * 3600_000)
  const pad = (n: number) => String(n).padStart(2, '0')
  return {
    day: `${d.getUTCFullYear()}-${pad(d.getUTCMonth() + 1)}-${pad(d.getUTCDate())}`,
    time: `${pad(d.getUTCHours())}:${pad(d.getUTCMinutes())}`,
  }
}

/** Registers through the form and verifies the email with the code from the dev mailbox. */
export async function registerVolunteer(
  page: Page,
  who: { name: string; email: string; password: string },
  phoneNumber: string,
) {
  await page.goto('/register')
  await waitForHydration(page)
  await page.getByLabel('姓名', { exact: true }).fill(who.name)
  await page.getByLabel('手机号码', { exact: true }).fill(phoneNumber)
  await page.getByLabel('电子邮箱', { exact: true }).fill(who.email)
  await page.getByLabel('密码', { exact: true }).fill(who.password)
  await page.getByLabel('出生日期', { exact: true }).fill('1990-05-12')
  await page.getByRole('checkbox', { name: /我已阅读并同意/ }).check()
  await page.getByRole('button', { name: '注册', exact: true }).click()
  await expect(page.getByRole('heading', { level: 1, name: '验证邮箱' })).toBeVisible()
  const verifyUrl = page.url()
  const mail = page
    .getByRole('row')
    .filter({ hasText: who.email })
    .getByRole('link', { name: /邮箱验证码/ })
    .first()
  await expect(async () => {
    await page.goto('/dev/mail')
    await expect(mail).toBeVisible({ timeout: 1000 })
  }).toPass({ timeout: 20_000 })
  await mail.click()
  const code = (await page.getByRole('main').innerText()).match(/\b\d{8}\b/)?.[0]
  expect(code, 'an 8-digit code in the mail').toBeDefined()
  await page.goto(verifyUrl)
  await page.getByLabel('验证码', { exact: true }).fill(code!)
  await page.getByRole('button', { name: '验证', exact: true }).click()
  await expect(page.getByText('邮箱验证成功')).toBeVisible()
}
