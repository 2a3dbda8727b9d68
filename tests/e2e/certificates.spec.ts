import { execFileSync } from 'node:child_process'
import { mkdirSync } from 'node:fs'
import { expect, test, waitForHydration } from './fixtures'

const SHOTS = 'test-results/screenshots'

test.describe('service-record certificates', () => {
  test('the demo volunteer requests a certificate for 2021, downloads it and opens its verification page', async ({
    page,
  }) => {
    await page.goto('/login?redirectTo=%2Fme%2Fcertificates')
    await page.getByLabel('电子邮箱', { exact: true }).fill('volunteer@tongxing.demo')
    await page.getByLabel('密码', { exact: true }).fill('tongxing-volunteer-demo')
    await page.getByRole('button', { name: '登录', exact: true }).click()
    await expect(page).toHaveURL(/\/me\/certificates$/)
    await waitForHydration(page)

    await page.getByLabel('开始日期', { exact: true }).fill('2021-01-01')
    await page.getByLabel('结束日期', { exact: true }).fill('2021-12-31')
    await page.getByRole('button', { name: '出具证明', exact: true }).click()
    const item = page
      .getByRole('listitem')
      .filter({ hasText: /GLTS-\d{4}-\d{6}/ })
      .first()
    await expect(item).toBeVisible()
    await expect(item).toContainText('2021年1月1日 至 2021年12月31日')
    const number = (await item.innerText()).match(/GLTS-\d{4}-\d{6}/)![0]

    const downloading = page.waitForEvent('download')
    await item.getByRole('link', { name: '下载 PDF', exact: true }).click()
    const download = await downloading
    expect(download.suggestedFilename()).toBe(`${number}.pdf`)
    mkdirSync(SHOTS, { recursive: true })
    const pdf = `${SHOTS}/certificate.pdf`
    await download.saveAs(pdf)

    const text = execFileSync('pdftotext', ['-layout', pdf, '-'], { encoding: 'utf8' }).replace(/\s+/g, '')
    expect(text).toContain(number)
    expect(text).toContain('志愿服务记录证明')
    execFileSync('pdftoppm', [
      '-png',
      '-r',
      '150',
      '-f',
      '1',
      '-l',
      '1',
      '-singlefile',
      pdf,
      `${SHOTS}/certificate-page-1`,
    ])
    const url = execFileSync(
      'zbarimg',
      ['--quiet', '--raw', '-Sdisable', '-Sqrcode.enable', `${SHOTS}/certificate-page-1.png`],
      {
        encoding: 'utf8',
      },
    ).trim()
    expect(url).toMatch(/\/certificates\/verify\/[A-Za-z0-9_-]{43}$/)

    await page.goto(new URL(url).pathname)
    await expect(page.getByRole('heading', { level: 1, name: '志愿服务记录证明核验' })).toBeVisible()
    await expect(page.getByRole('status')).toHaveText('此证明有效')
    await expect(page.getByText(number)).toHaveCount(0)
    await page.screenshot({ path: `${SHOTS}/certificate-verify.png`, fullPage: true })
  })
})
