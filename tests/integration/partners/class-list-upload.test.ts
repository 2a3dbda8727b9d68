/**
 * The class list uploaded as XLSX (built here with exceljs) over HTTP on both
 * databases: a header row and numeric cells become the request's class lines;
 * a formula cell or a bad count is refused with a message, no request is made,
 * and the form keeps what the contact typed.
 */
import ExcelJS from 'exceljs'
import { afterAll, beforeAll, expect, it } from 'vitest'
import { startTestApp, type TestApp } from '../../support/app'
import { describeEachDialect } from '../../support/databases'
import type { HttpClient } from '../../support/http-client'
import { idFromLocation, partnerWorld, type PartnerWorld } from './helpers'

const XLSX_TYPE = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet'

async function workbook(rows: ExcelJS.CellValue[][]): Promise<Blob> {
  const book = new ExcelJS.Workbook()
  const sheet = book.addWorksheet('班级')
  for (const row of rows) sheet.addRow(row)
  return new Blob([await book.xlsx.writeBuffer()], { type: XLSX_TYPE })
}

function upload(client: HttpClient, file: Blob, fields: Record<string, string> = {}) {
  const form = new FormData()
  for (const [k, v] of Object.entries({ loanLimit: '40', loanPeriodDays: '30', classList: '', ...fields }))
    form.set(k, v)
  form.set('file', file, 'classes.xlsx')
  return client.request('/partner/card-requests/new', {
    method: 'POST',
    body: form,
    headers: { origin: client.origin },
  })
}

describeEachDialect('class list upload (XLSX)', (dialect) => {
  let app: TestApp
  let w: PartnerWorld

  beforeAll(async () => {
    app = await startTestApp(dialect)
    w = await partnerWorld(app)
  }, 120_000)

  afterAll(async () => {
    await app?.close()
  })

  const requestsOf = (org: number) =>
    app.database.db.selectFrom('card_request').select('id').where('partner_organisation_id', '=', org).execute()

  it('turns the sheet into class lines, header row skipped, numbers read as numbers', async () => {
    const file = await workbook([
      ['班级', '卡数', '负责老师'],
      ['四年级(1)班', 3, '周老师'],
      ['四年级(2)班', 2, { richText: [{ text: '吴' }, { text: '老师' }] }],
      ['四年级(3)班', 1, null],
    ])
    const response = await upload(w.a, file, { note: '用于班级图书角' })
    expect(response.status).toBe(302)
    const id = idFromLocation(response)
    const lines = await app.database.db
      .selectFrom('card_request_line')
      .select(['line_no', 'class_name', 'card_count', 'teacher_name'])
      .where('card_request_id', '=', id)
      .orderBy('line_no')
      .execute()
    expect(lines.map((l) => [l.class_name, Number(l.card_count), l.teacher_name])).toEqual([
      ['四年级(1)班', 3, '周老师'],
      ['四年级(2)班', 2, '吴老师'],
      ['四年级(3)班', 1, null],
    ])
    const request = await app.database.db
      .selectFrom('card_request')
      .select(['partner_organisation_id', 'note'])
      .where('id', '=', id)
      .executeTakeFirstOrThrow()
    expect(request.partner_organisation_id).toBe(w.orgA)
    expect(request.note).toBe('用于班级图书角')
  })

  it('refuses a formula cell and a bad count with a message, making no request and keeping the form', async () => {
    const before = (await requestsOf(w.orgB)).length
    const formula = await workbook([
      ['五年级(1)班', 2, '陈老师'],
      ['五年级(2)班', { formula: '1+1', result: 2 }, '孙老师'],
    ])
    const refused = await upload(w.b, formula, { note: '备注保留' })
    expect(refused.status).toBe(400)
    const html = await refused.text()
    expect(html).toContain('不接受公式')
    expect(html).toContain('备注保留')

    const badCount = await upload(w.b, await workbook([['五年级(1)班', 0, '陈老师']]))
    expect(badCount.status).toBe(400)
    const page = await badCount.text()
    expect(page).toContain('卡数应为 1 到')
    // The sheet's rows land in the text box for the contact to correct.
    expect(page).toContain('五年级(1)班')
    expect((await requestsOf(w.orgB)).length).toBe(before)
  })
})
