import { mkdirSync } from 'node:fs'
import ExcelJS from 'exceljs'
import { expect, test, waitForHydration } from './fixtures'

const SHOTS = 'test-results/screenshots'
const COORDINATOR = { email: 'coordinator@tongxing.demo', password: 'tongxing-staff-demo' }

test('a coordinator opens the 2021 report, switches to a branch and downloads the XLSX', async ({ page }) => {
  mkdirSync(SHOTS, { recursive: true })
  await page.goto('/login')
  await waitForHydration(page)
  await page.getByLabel('电子邮箱', { exact: true }).fill(COORDINATOR.email)
  await page.getByLabel('密码', { exact: true }).fill(COORDINATOR.password)
  await page.getByRole('button', { name: '登录', exact: true }).click()
  await expect(page).not.toHaveURL(/\/login/)

  await page.getByRole('link', { name: '年度报表' }).first().click()
  await expect(page.getByRole('heading', { level: 1, name: '年度报表' })).toBeVisible()
  await page.getByLabel('选择年份').selectOption('2021')
  await page.getByRole('button', { name: '查看' }).click()
  await expect(page.getByRole('heading', { level: 1, name: '2021年度报表' })).toBeVisible()
  await expect(page.getByText(/开展各类线上线下公益活动500余场，其中，培训71场/)).toBeVisible()
  // Each chart is an image of its own, drawn on the server; the site chart has one bar per site.
  const siteChart = page.locator('figure img[alt="按场馆"]')
  await siteChart.scrollIntoViewIfNeeded()
  await expect
    .poll(() => siteChart.evaluate((img: HTMLImageElement) => (img.complete ? img.naturalWidth : 0)))
    .toBeGreaterThan(0)
  await expect(siteChart).toHaveAttribute('src', '/reports/2021/charts/bySite.svg')
  await page.screenshot({ path: `${SHOTS}/report-2021-desktop.png`, fullPage: true })
  await page.emulateMedia({ media: 'print' })
  await page.screenshot({ path: `${SHOTS}/report-2021-print.png`, fullPage: true })
  await page.emulateMedia({ media: 'screen' })

  await page.getByLabel('场馆').selectOption({ label: '丰财分馆' })
  await page.getByRole('button', { name: '筛选', exact: true }).click()
  await expect(page).toHaveURL(/site=\d+/)
  await expect(siteChart).toHaveAttribute('src', /^\/reports\/2021\/charts\/bySite\.svg\?site=\d+$/)
  const sessions = page.locator('[data-figure="sessions"] dd').first()
  await expect(sessions).toBeVisible()
  const branchSessions = Number((await sessions.textContent())!.replace(/,/g, ''))
  expect(branchSessions).toBeLessThan(512)
  await page.screenshot({ path: `${SHOTS}/report-2021-branch.png`, fullPage: true })

  const download = page.waitForEvent('download')
  await page.getByRole('link', { name: 'Excel（XLSX）' }).click()
  const file = await (await download).path()
  const workbook = new ExcelJS.Workbook()
  await workbook.xlsx.readFile(file)
  expect(workbook.getWorksheet('活动开展')!.getRow(2).getCell(3).value).toBe(branchSessions)
})
