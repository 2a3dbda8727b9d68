/** The issued card numbers by class, as CSV (BOM for Excel, formulas escaped) or XLSX. */
import { stringify } from 'csv-stringify/sync'
import ExcelJS from 'exceljs'

export interface CardExportRow {
  className: string | null
  cardNumber: string
}

const guard = (v: string) => (/^[=+\-@＝＋－＠\t\r]/.test(v) ? `'${v}` : v)

export function cardsCsv(header: [string, string], rows: readonly CardExportRow[]): string {
  return stringify(
    rows.map((r) => [r.className ?? '', r.cardNumber]),
    { bom: true, header: true, columns: header, escape_formulas: true },
  )
}

export async function cardsXlsx(sheetName: string, header: [string, string], rows: readonly CardExportRow[]) {
  const workbook = new ExcelJS.Workbook()
  const sheet = workbook.addWorksheet(sheetName.slice(0, 31))
  sheet.addRow(header)
  for (const r of rows) sheet.addRow([guard(r.className ?? ''), guard(r.cardNumber)])
  sheet.getColumn(1).width = 20
  sheet.getColumn(2).width = 16
  return Buffer.from(await workbook.xlsx.writeBuffer())
}
