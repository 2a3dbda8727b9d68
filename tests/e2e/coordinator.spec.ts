import { mkdirSync } from 'node:fs'
import type { Browser } from '@playwright/test'
import { checkA11y, expect, test, waitForHydration } from './fixtures'
import { registerVolunteer, shanghaiIn, signIn } from './steps'

const SHOTS = 'test-results/screenshots'
const COORDINATOR = { email: 'coordinator@tongxing.demo', password: 'tongxing-staff-demo' }
/** A volunteer who registers in this test: the seeded ones already hold shifts that may overlap today's. */
const VOLUNTEER = {
  email: `zhou.${Date.now().toString(36)}@example.com`,
  password: '鼓楼图书馆读报志愿 2026',
  name: '周晓岚',
}

async function newVolunteerPage(browser: Browser) {
  const context = await browser.newContext()
  const page = await context.newPage()
  const errors: string[] = []
  page.on('pageerror', (error) => errors.push(error.message))
  return { page, context, errors }
}

test.describe('a coordinator', () => {
  test('plans a weekly roster, takes the roll, approves hours, and the volunteer sees them', async ({
    page,
    browser,
  }) => {
    test.setTimeout(300_000)
    mkdirSync(SHOTS, { recursive: true })
    // The one-off shift below starts in two minutes and must stay on today's date.
    test.skip(shanghaiIn(5).day !== shanghaiIn(0).day, 'too close to midnight in Shanghai')

    await signIn(page, COORDINATOR)
    await page.getByRole('link', { name: '排班', exact: true }).click()
    await expect(page.getByRole('heading', { level: 1, name: '排班与缺口', exact: true })).toBeVisible()
    await page.screenshot({ path: `${SHOTS}/coordinator-gaps.png`, fullPage: true })

    // A weekly series: every Wednesday for four weeks, starting a week from now.
    await page.getByRole('link', { name: '新建班次或每周排班', exact: true }).click()
    await waitForHydration(page)
    const form = page.locator('form#new-shift')
    await form.getByRole('radio', { name: '每周排班', exact: true }).check()
    await form.getByLabel('馆舍', { exact: true }).selectOption({ label: '丰财分馆' })
    await form.getByLabel('岗位', { exact: true }).selectOption({ label: '导读' })
    await form.getByLabel('首次日期', { exact: true }).fill(shanghaiIn(7 * 24 * 60).day)
    await form.getByLabel('结束日期', { exact: true }).fill(shanghaiIn(34 * 24 * 60).day)
    await form.getByLabel('每周的哪一天', { exact: true }).selectOption({ label: '周三' })
    await form.getByLabel('开始时间', { exact: true }).fill('14:00')
    await form.getByLabel('结束时间', { exact: true }).fill('16:30')
    await form.getByLabel('人数', { exact: true }).fill('2')
    await form.getByRole('button', { name: '创建', exact: true }).click()
    const created = page.getByText(/已生成 \d+ 个班次。/)
    await expect(created).toBeVisible()
    const count = Number((await created.innerText()).match(/已生成 (\d+) 个班次/)![1])
    expect(count).toBeGreaterThanOrEqual(3)
    await page.screenshot({ path: `${SHOTS}/coordinator-series-created.png`, fullPage: true })
    await page.getByRole('status').getByRole('link').first().click()
    await expect(page.getByRole('heading', { level: 1 })).toHaveText('班次名单 · 导读')
    await expect(page.getByText('14:00–16:30 · 丰财分馆')).toBeVisible()
    await expect(page.getByText('还没有人报名。')).toBeVisible()
    await page.screenshot({ path: `${SHOTS}/coordinator-series-roster.png`, fullPage: true })

    // A one-off shift starting in two minutes, one minute long.
    const title = `读报志愿 ${Date.now().toString(36)}`
    const start = shanghaiIn(3)
    const end = shanghaiIn(4)
    await page.goto('/staff/shifts/new')
    await waitForHydration(page)
    await form.getByRole('radio', { name: '单次班次', exact: true }).check()
    await form.getByLabel('馆舍', { exact: true }).selectOption({ label: '丰财分馆' })
    await form.getByLabel('标题（可选）', { exact: true }).fill(title)
    await form.getByLabel('日期', { exact: true }).fill(start.day)
    await form.getByLabel('开始时间', { exact: true }).fill(start.time)
    await form.getByLabel('结束时间', { exact: true }).fill(end.time)
    await form.getByLabel('人数', { exact: true }).fill('2')
    await form.getByRole('button', { name: '创建', exact: true }).click()
    await expect(page.getByText('已创建班次。', { exact: true })).toBeVisible()
    const rosterUrl = page.url().replace(/\?.*$/, '')
    const shiftId = rosterUrl.match(/\/staff\/shifts\/(\d+)$/)![1]

    // A new volunteer registers and signs up on the shift's own page.
    const volunteer = await newVolunteerPage(browser)
    await registerVolunteer(volunteer.page, VOLUNTEER, `139${String(Date.now()).slice(-8)}`)
    await volunteer.page.goto(`/shifts/${shiftId}`)
    const signUp = volunteer.page.getByRole('button', { name: '报名', exact: true })
    await expect(signUp, await volunteer.page.getByRole('main').innerText()).toBeVisible()
    await signUp.click()
    await expect(volunteer.page.getByRole('button', { name: '取消报名', exact: true })).toBeVisible()
    // The volunteer's browser is not the fixture's page: its pages are checked here.
    await checkA11y(volunteer.page)

    // The coordinator sees them on the roster, with their phone.
    await page.goto(rosterUrl)
    const row = page.getByRole('listitem', { name: VOLUNTEER.name, exact: true })
    await expect(row).toBeVisible()
    await expect(row.getByText(/电话: 1\d{10}/)).toBeVisible()

    // Once the shift is over: roll call, a longer time with a reason, approval.
    const endsAt = Date.parse(`${end.day}T${end.time}:00+08:00`)
    await page.waitForTimeout(Math.max(0, endsAt - Date.now()) + 2_000)
    await page.goto(rosterUrl)
    await waitForHydration(page)
    const rollCall = page.getByRole('region', { name: '点名', exact: true })
    await rollCall.getByRole('checkbox', { name: VOLUNTEER.name, exact: true }).check()
    await rollCall.getByRole('button', { name: '确认点名', exact: true }).click()
    await expect(page.getByText('点名完成：到场 1 人，缺席 0 人。', { exact: true })).toBeVisible()

    const override = row.locator('form').filter({ has: page.getByRole('button', { name: '调整', exact: true }) })
    await override.getByLabel('分钟', { exact: true }).fill('180')
    await override.getByLabel('原因', { exact: true }).fill('活动结束后留下整理报刊')
    await override.getByRole('button', { name: '调整', exact: true }).click()
    await expect(page.getByText('已调整时长，待审核。', { exact: true })).toBeVisible()
    await expect(row.getByText('180 分钟 · 待审核')).toBeVisible()

    const approve = page.getByRole('region', { name: '审核时长', exact: true })
    await expect(approve.getByRole('checkbox', { name: `${VOLUNTEER.name} · 180 分钟`, exact: true })).toBeChecked()
    await approve.getByRole('button', { name: '批准选中的时长', exact: true }).click()
    await expect(page.getByText('已批准 1 条时长。', { exact: true })).toBeVisible()
    await expect(row.getByText('180 分钟 · 已批准')).toBeVisible()
    await expect(row.getByText('由 ', { exact: false })).toBeVisible()
    await page.screenshot({ path: `${SHOTS}/coordinator-hours-approved.png`, fullPage: true })

    // The volunteer sees the approved hours under "my shifts".
    await volunteer.page.goto('/me/shifts')
    const past = volunteer.page.getByRole('region', { name: '已结束', exact: true })
    // "My shifts" names a shift by role and place; its link tells it apart.
    const mine = past.getByRole('listitem').filter({ has: volunteer.page.locator(`a[href="/shifts/${shiftId}"]`) })
    await expect(mine.getByText('3 小时', { exact: true })).toBeVisible()
    await expect(mine.getByText('时长已确认', { exact: true })).toBeVisible()
    await volunteer.page.screenshot({ path: `${SHOTS}/volunteer-approved-hours.png`, fullPage: true })
    await checkA11y(volunteer.page)
    expect(volunteer.errors).toEqual([])
    await volunteer.context.close()
  })
})
