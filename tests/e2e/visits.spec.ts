import { mkdirSync } from 'node:fs'
import type { Browser, Page } from '@playwright/test'
import { checkA11y, expect, test, waitForHydration } from './fixtures'
import { registerVolunteer, shanghaiIn, signIn } from './steps'

const SHOTS = 'test-results/screenshots'
const PASSWORDS = { coordinator: 'tongxing-staff-demo', partner: 'tongxing-partner-demo' }
const COORDINATOR = { email: 'coordinator@tongxing.demo', password: PASSWORDS.coordinator }
const NURSING_HOME = '九里街道敬老院'
/** The seed gives every partner organisation one contact, numbered in db/seed/library-2021.ts's PARTNERS order: 九里街道敬老院 is the 11th. */
const HOME_CONTACT = { email: 'partner11@tongxing.demo', password: PASSWORDS.partner }
const run = Date.now().toString(36)
/** Volunteers who register in this test: the seeded ones already hold shifts that may overlap today's. */
const LEAD = { email: `lead.${run}@example.com`, password: '鼓楼图书馆领队志愿 2026', name: '吴思远' }
const READER = { email: `reader.${run}@example.com`, password: '鼓楼图书馆读报志愿 2026', name: '周晓岚' }

/** A browser of its own (phone width), with its page errors collected. */
async function phone(browser: Browser) {
  const context = await browser.newContext({ viewport: { width: 390, height: 844 } })
  const page = await context.newPage()
  const errors: string[] = []
  page.on('pageerror', (error) => errors.push(error.message))
  return { page, context, errors }
}

async function signUp(page: Page, shiftId: string) {
  await page.goto(`/shifts/${shiftId}`)
  await waitForHydration(page)
  const button = page.getByRole('button', { name: '报名', exact: true })
  await expect(button, await page.getByRole('main').innerText()).toBeVisible()
  await button.click()
  await expect(page.getByRole('button', { name: '取消报名', exact: true })).toBeVisible()
}

test.describe('an outreach visit on a phone', () => {
  test.use({ viewport: { width: 390, height: 844 } })

  test('a coordinator plans a nursing-home visit, two volunteers sign up, the team lead takes the roll and files the outcome; the board and the home’s contact see it', async ({
    page,
    browser,
  }) => {
    test.setTimeout(360_000)
    mkdirSync(SHOTS, { recursive: true })
    // The visit and its team shifts lie within the next hour and must stay on today's date.
    test.skip(shanghaiIn(75).day !== shanghaiIn(0).day, 'too close to midnight in Shanghai')

    const lead = await phone(browser)
    const reader = await phone(browser)
    const digits = String(Date.now()).slice(-7)
    await registerVolunteer(lead.page, LEAD, `1391${digits}`)
    await registerVolunteer(reader.page, READER, `1392${digits}`)

    // The visit starts in a minute, so its outcome may be filed soon; the team's shifts start later (still inside the
    // 30-minute check-in window), so sign-ups stay open meanwhile and the test never waits for minutes.
    const visitStart = shanghaiIn(1)
    const shiftStart = shanghaiIn(12)
    const end = shanghaiIn(60)
    const title = `我来读报给您听 ${run}`
    await signIn(page, COORDINATOR)
    await page.goto('/staff/activities/new')
    await waitForHydration(page)
    const form = page.locator('form#new-activity')
    await form.getByLabel('活动名称', { exact: true }).fill(title)
    await form.getByLabel('活动类型', { exact: true }).selectOption({ label: '特殊群体关爱' })
    await form.getByLabel('合作单位（外出服务）', { exact: true }).selectOption({ label: NURSING_HOME })
    await form.getByLabel('开始日期', { exact: true }).fill(visitStart.day)
    await form.getByLabel('开始时间', { exact: true }).fill(visitStart.time)
    await form.getByLabel('结束时间', { exact: true }).fill(end.time)
    await form.getByRole('button', { name: '创建活动', exact: true }).click()
    await expect(page).toHaveURL(/\/staff\/activities\/\d+$/)
    const visitId = page.url().match(/\/staff\/activities\/(\d+)$/)![1]

    await page.getByRole('link', { name: '外出服务安排', exact: true }).click()
    await expect(page).toHaveURL(new RegExp(`/staff/visits/${visitId}$`))
    await waitForHydration(page)
    await expect(page.getByRole('heading', { level: 1, name: title })).toBeVisible()
    const plan = page.locator('form#visit-plan')
    await plan.getByLabel('服务目的', { exact: true }).fill('为老人读报，陪伴聊天')
    await plan.getByLabel('集合地点', { exact: true }).fill('总馆东门')
    await plan.getByRole('button', { name: '保存安排', exact: true }).click()
    await expect(page.getByText('服务安排已保存。', { exact: true })).toBeVisible()

    // A team of three: one team lead, two readers.
    const team = page.locator('form#visit-team')
    for (const [role, capacity] of [
      ['领队', '1'],
      ['朗读', '2'],
    ] as const) {
      await team.getByLabel('岗位', { exact: true }).selectOption({ label: role })
      await team.getByLabel('人数', { exact: true }).fill(capacity)
      await team.getByLabel('开始时间（默认同活动）', { exact: true }).fill(shiftStart.time)
      await team.getByRole('button', { name: '添加岗位', exact: true }).click()
      await expect(page.getByText('岗位已添加，志愿者可以报名。', { exact: true })).toBeVisible()
      await waitForHydration(page)
    }
    await expect(page.getByRole('heading', { level: 2, name: '服务队伍 · 0/3 人' })).toBeVisible()
    const shiftOf = async (role: string) => {
      const href = await page
        .getByRole('listitem')
        .filter({ hasText: `${role} · ` })
        .getByRole('link', { name: '报名页', exact: true })
        .getAttribute('href')
      const id = href?.match(/\/staff\/shifts\/(\d+)$/)?.[1]
      expect(id, `the ${role} shift's link`).toBeDefined()
      return id!
    }
    const leadShift = await shiftOf('领队')
    const readerShift = await shiftOf('朗读')

    // Two volunteers sign up through the normal pages.
    await signUp(lead.page, leadShift)
    await checkA11y(lead.page)
    await signUp(reader.page, readerShift)

    // The nursing home's contact sees the coming visit, its purpose and the team lead.
    const partner = await phone(browser)
    await signIn(partner.page, HOME_CONTACT)
    await partner.page.goto('/partner')
    const coming = partner.page.getByRole('listitem').filter({ hasText: title })
    await expect(coming).toBeVisible()
    await expect(coming.getByText('为老人读报，陪伴聊天', { exact: true })).toBeVisible()
    await expect(coming.getByText(`领队：${LEAD.name}`)).toBeVisible()
    await checkA11y(partner.page)
    expect(partner.errors).toEqual([])
    await partner.context.close()

    // The team lead, on a phone: the roster with phones, and the roll call already open (30 minutes before).
    await lead.page.goto(`/visits/${visitId}/team`)
    await waitForHydration(lead.page)
    await expect(lead.page.getByRole('heading', { level: 1, name: `领队：${title}` })).toBeVisible()
    await expect(lead.page.getByText('集合地点：总馆东门', { exact: true })).toBeVisible()
    await expect(lead.page.getByRole('link', { name: `1392${digits}`, exact: true })).toBeVisible()
    await lead.page.getByRole('checkbox', { name: LEAD.name }).check()
    await lead.page.getByRole('checkbox', { name: READER.name }).check()
    await lead.page.getByRole('button', { name: '确认点名', exact: true }).click()
    await expect(lead.page.getByText('点名完成：到场 2 人，缺席 0 人。', { exact: true })).toBeVisible()
    await expect(lead.page.getByRole('checkbox', { name: `${READER.name}(已到场)`, exact: true })).toBeChecked()
    await lead.page.screenshot({ path: `${SHOTS}/visit-team-lead-roster-phone.png`, fullPage: true })
    await checkA11y(lead.page)

    // The outcome opens once the visit has started: at most a minute from its planning.
    const startsAt = Date.parse(`${visitStart.day}T${visitStart.time}:00+08:00`)
    await lead.page.waitForTimeout(Math.max(0, startsAt - Date.now()) + 1_000)
    await lead.page.reload()
    await lead.page.getByRole('link', { name: '登记成效', exact: true }).click()
    await expect(lead.page.getByRole('heading', { level: 1, name: `登记成效：${title}` })).toBeVisible()
    await waitForHydration(lead.page)
    await lead.page.getByLabel('参加人次', { exact: true }).fill('28')
    await lead.page.getByLabel('老年人', { exact: true }).fill('28')
    await lead.page.getByLabel('赠送/送达图书（册）', { exact: true }).fill('15')
    await lead.page.getByLabel('备注', { exact: true }).fill('老人们很开心，下次想听戏曲报道')
    await lead.page.screenshot({ path: `${SHOTS}/visit-outcome-phone.png`, fullPage: true })
    await checkA11y(lead.page)
    await lead.page.getByRole('button', { name: '提交成效', exact: true }).click()
    await expect(lead.page.getByText('成效已登记。谢谢！', { exact: true })).toBeVisible()
    await expect(lead.page.getByText('成效已经登记过了。', { exact: true })).toBeVisible()
    expect(lead.errors).toEqual([])
    expect(reader.errors).toEqual([])
    await lead.context.close()
    await reader.context.close()

    // The coordinator's board, on the desktop: the visit filed, its team full enough (2 of 3).
    await page.setViewportSize({ width: 1280, height: 800 })
    await page.goto('/staff/visits')
    const card = page.getByRole('listitem').filter({ has: page.getByRole('link', { name: title, exact: true }) })
    await expect(card.getByText('已登记成效', { exact: true })).toBeVisible()
    await expect(card.getByText('队伍 2/3')).toBeVisible()
    await expect(card.getByText('缺 1 人', { exact: true })).toBeVisible()
    await page.screenshot({ path: `${SHOTS}/visits-board-desktop.png`, fullPage: true })
  })
})
