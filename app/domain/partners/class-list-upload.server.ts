/**
 * An uploaded class list (CSV or XLSX) turned into the text of the class-list
 * box, so the contact sees and can correct every row. XLSX goes through
 * exceljs; formula cells and non-text junk are refused.
 */
import ExcelJS from 'exceljs'
import { DomainError } from '~/domain/errors'
import { looksBinary, looksLikeFormula } from './class-list'
import { UPLOAD_LIMITS } from './limits'

const P = 'partners.classList.'
const refuse = (code: string, params?: Record<string, number>) =>
  new DomainError('rule', `${P}${code}`, { field: 'classList', params })

const XLSX_MAGIC = [0x50, 0x4b, 0x03, 0x04]

function decodeText(bytes: Uint8Array): string {
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(bytes)
  } catch {
    // Excel on Chinese Windows saves CSV in GB18030.
    return new TextDecoder('gb18030').decode(bytes)
  }
}

function cellText(cell: ExcelJS.Cell): string {
  if (cell.type === ExcelJS.ValueType.Formula || cell.type === ExcelJS.ValueType.SharedString) {
    if (cell.type === ExcelJS.ValueType.Formula) throw refuse('formula')
  }
  const value = cell.value
  if (value === null || value === undefined) return ''
  if (typeof value === 'string') return value
  if (typeof value === 'number') return String(value)
  if (typeof value === 'object' && 'richText' in value) return value.richText.map((r) => r.text).join('')
  if (typeof value === 'object' && ('formula' in value || 'sharedFormula' in value)) throw refuse('formula')
  return String(cell.text ?? '')
}

async function xlsxRows(bytes: Uint8Array): Promise<string[][]> {
  const workbook = new ExcelJS.Workbook()
  try {
    await workbook.xlsx.load(Buffer.from(bytes) as unknown as ArrayBuffer)
  } catch {
    throw refuse('unreadable')
  }
  const sheet = workbook.worksheets[0]
  if (!sheet) throw refuse('empty')
  if (sheet.actualRowCount > UPLOAD_LIMITS.maxRows + 1) throw refuse('tooManyRows', { max: UPLOAD_LIMITS.maxRows })
  const rows: string[][] = []
  sheet.eachRow({ includeEmpty: true }, (row) => {
    const cells: string[] = []
    for (let c = 1; c <= Math.min(row.cellCount, 10); c++) cells.push(cellText(row.getCell(c)).trim())
    rows.push(cells)
  })
  return rows
}

/** The uploaded file as class-list text (tab-separated rows). */
export async function uploadedClassListText(file: File): Promise<string> {
  if (file.size > UPLOAD_LIMITS.maxBytes) throw refuse('tooLarge', { kb: UPLOAD_LIMITS.maxBytes / 1000 })
  const bytes = new Uint8Array(await file.arrayBuffer())
  if (XLSX_MAGIC.every((b, i) => bytes[i] === b)) {
    const rows = await xlsxRows(bytes)
    for (const row of rows) if (row.some(looksLikeFormula)) throw refuse('formula')
    return rows.map((r) => r.join('\t')).join('\n')
  }
  const text = decodeText(bytes)
  if (looksBinary(text)) throw refuse('binary')
  return text.replace(/^\ufeff/, '')
}
