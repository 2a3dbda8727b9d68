/**
 * A class list for a card request, pasted or uploaded: one row per class
 * (class name, number of cards, teacher in charge), separated by tabs (pasted
 * from a spreadsheet) or commas (CSV, quotes as RFC 4180). Pure: the server
 * parses and validates, the page shows every row's error. Formulas and binary
 * junk are refused with a clear message, never stored.
 */
import { CARD_LIMITS, TEXT_LIMITS, UPLOAD_LIMITS } from './limits'

export interface ClassLine {
  className: string
  cardCount: number
  teacherName: string | null
}

export interface RowError {
  /** 1-based row of the list as the contact sees it. */
  row: number
  code: string
  params?: Record<string, string | number>
}

export type ClassListResult = { ok: true; lines: ClassLine[] } | { ok: false; lines: ClassLine[]; errors: RowError[] }

const P = 'partners.classList.'

/** Text a spreadsheet would run as a formula (also the full-width forms Chinese IMEs type). */
export function looksLikeFormula(cell: string): boolean {
  return /^[=+\-@＝＋－＠\t\r]/.test(cell)
}

/** Control characters other than tab and line breaks, or U+FFFD from a failed decode: not a text list. */
export function looksBinary(text: string): boolean {
  // eslint-disable-next-line no-control-regex
  return /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f\ufffd]/.test(text)
}

/** Splits text into rows of cells: tab-separated when the text has tabs, else comma (also ，) with quotes. */
export function splitRows(text: string): string[][] {
  const body = text.replace(/^\ufeff/, '').replace(/\r\n?/g, '\n')
  const tabbed = body.includes('\t')
  const rows: string[][] = []
  let row: string[] = []
  let cell = ''
  let quoted = false
  let atCellStart = true
  for (let i = 0; i < body.length; i++) {
    const c = body[i]!
    if (quoted) {
      if (c === '"' && body[i + 1] === '"') {
        cell += '"'
        i++
      } else if (c === '"') quoted = false
      else cell += c
      continue
    }
    if (c === '"' && atCellStart && !tabbed) {
      quoted = true
      atCellStart = false
    } else if (c === '\n') {
      row.push(cell)
      rows.push(row)
      row = []
      cell = ''
      atCellStart = true
    } else if (tabbed ? c === '\t' : c === ',' || c === '，') {
      row.push(cell)
      cell = ''
      atCellStart = true
    } else {
      cell += c
      atCellStart = false
    }
  }
  row.push(cell)
  rows.push(row)
  return rows.map((r) => r.map((v) => v.trim()))
}

const isBlank = (row: string[]) => row.every((c) => c === '')
const HEADER = /^(班级|班级名称|class|class name)$/i

/** Validates rows of cells (from text or a worksheet) into class lines, with every row's errors. */
export function validateRows(rows: string[][]): ClassListResult {
  const lines: ClassLine[] = []
  const errors: RowError[] = []
  const numbered = rows.map((cells, i) => ({ cells, row: i + 1 })).filter((r) => !isBlank(r.cells))
  if (numbered[0] && HEADER.test(numbered[0].cells[0] ?? '')) numbered.shift()
  if (numbered.length === 0) return { ok: false, lines, errors: [{ row: 0, code: `${P}empty` }] }
  if (numbered.length > UPLOAD_LIMITS.maxRows)
    return { ok: false, lines, errors: [{ row: 0, code: `${P}tooManyRows`, params: { max: UPLOAD_LIMITS.maxRows } }] }
  const seen = new Set<string>()
  for (const { cells, row } of numbered) {
    const [className = '', count = '', teacher = '', ...rest] = cells
    const before = errors.length
    if ([className, teacher].some(looksLikeFormula)) errors.push({ row, code: `${P}formula` })
    else if (className === '') errors.push({ row, code: `${P}classMissing` })
    else if (className.length > TEXT_LIMITS.className)
      errors.push({ row, code: `${P}classTooLong`, params: { max: TEXT_LIMITS.className } })
    else if (seen.has(className)) errors.push({ row, code: `${P}duplicate`, params: { name: className } })
    if (!/^\d{1,4}$/.test(count) || Number(count) < 1 || Number(count) > CARD_LIMITS.maxCardsPerClass)
      errors.push({ row, code: `${P}badCount`, params: { max: CARD_LIMITS.maxCardsPerClass } })
    if (teacher.length > TEXT_LIMITS.teacherName)
      errors.push({ row, code: `${P}teacherTooLong`, params: { max: TEXT_LIMITS.teacherName } })
    if (rest.some((c) => c !== '')) errors.push({ row, code: `${P}extraColumns` })
    seen.add(className)
    if (errors.length === before) lines.push({ className, cardCount: Number(count), teacherName: teacher || null })
  }
  return errors.length ? { ok: false, lines, errors } : { ok: true, lines }
}

export function parseClassList(text: string): ClassListResult {
  if (text.length > UPLOAD_LIMITS.maxBytes)
    return {
      ok: false,
      lines: [],
      errors: [{ row: 0, code: `${P}tooLarge`, params: { kb: UPLOAD_LIMITS.maxBytes / 1000 } }],
    }
  if (looksBinary(text)) return { ok: false, lines: [], errors: [{ row: 0, code: `${P}binary` }] }
  return validateRows(splitRows(text))
}

/** Lines back to tab-separated text: an upload lands in the text box, where the contact can still edit it. */
export function classListText(lines: readonly ClassLine[]): string {
  return lines.map((l) => [l.className, l.cardCount, l.teacherName ?? ''].join('\t')).join('\n')
}
