/**
 * The report as files: XLSX (one sheet per section, streamed), CSV (UTF-8 with
 * BOM) and an A4 PDF with a Chinese font. All honour the page's filters and
 * carry counts only: no beneficiary and no per-volunteer names.
 */
import { createRequire } from 'node:module'
import { PassThrough, type Readable } from 'node:stream'
import { stringify } from 'csv-stringify'
import ExcelJS from 'exceljs'
import type { TFunction } from 'i18next'
import PDFDocument from 'pdfkit'
import type { Report } from './model'
import { figureDefinition, figureName, labelText, sectionName, tableName } from './present'
import { summarySentences } from './sentences'
import { figureLines, guardText, tableLines } from './tabular'

export interface ExportContext {
  t: TFunction
  locale: string
}

function periodLine(report: Report, t: TFunction) {
  return t('reports.period', { from: report.scope.from, to: report.scope.to })
}

const COLUMNS = ['section', 'name', 'label', 'measure', 'value', 'definition'] as const

/** CSV: one line per figure, then one per table cell; numbers stay numbers. */
export function reportCsv(report: Report, { t, locale }: ExportContext): Readable {
  const csv = stringify({ bom: true, escape_formulas: true })
  csv.write([t('reports.yearTitle', { year: report.scope.year }), periodLine(report, t)])
  csv.write(COLUMNS.map((c) => t(`reports.column.${c}`)))
  for (const f of figureLines(report, t)) csv.write([f.section, f.name, '', '', f.value, f.definition])
  for (const l of tableLines(report, t, locale)) csv.write([l.section, l.table, l.label, l.measure, l.value, ''])
  csv.end()
  return csv
}

/** XLSX: streamed into the response; a sheet per section, numbers as numbers, the period as dates. */
export function reportXlsx(report: Report, { t, locale }: ExportContext): Readable {
  const out = new PassThrough()
  const workbook = new ExcelJS.stream.xlsx.WorkbookWriter({ stream: out, useStyles: true })
  const from = new Date(`${report.scope.from}T00:00:00Z`)
  const to = new Date(`${report.scope.to}T00:00:00Z`)
  void (async () => {
    for (const s of report.sections) {
      const sheet = workbook.addWorksheet(sectionName(s, t).slice(0, 31))
      sheet.columns = [
        { key: 'a', width: 36 },
        { key: 'b', width: 28 },
        { key: 'c', width: 14 },
        { key: 'd', width: 60 },
      ]
      const period = sheet.addRow([t('reports.from'), from, t('reports.to'), to])
      period.getCell(2).numFmt = 'yyyy-mm-dd'
      period.getCell(4).numFmt = 'yyyy-mm-dd'
      period.commit()
      for (const f of s.figures) {
        const row = sheet.addRow([figureName(f, t), '', f.value, figureDefinition(f, t)])
        if (f.decimals) row.getCell(3).numFmt = '0.0'
        row.commit()
      }
      for (const table of s.tables) {
        sheet.addRow([]).commit()
        sheet.addRow([tableName(table, t), '', ...table.measures.map((m) => t(`reports.measure.${m}`))]).commit()
        for (const r of table.rows) sheet.addRow([guardText(labelText(r.label, t, locale)), '', ...r.values]).commit()
      }
      sheet.commit()
    }
    if (report.entered.length) {
      const sheet = workbook.addWorksheet(t('reports.section.entered').slice(0, 31))
      for (const e of report.entered) {
        const row = sheet.addRow([
          t(`reports.entered.figure.${e.figure as 'visitors'}`),
          e.value,
          t('reports.entered.marker'),
          guardText(e.enteredBy ?? ''),
          new Date(e.enteredAt),
        ])
        row.getCell(5).numFmt = 'yyyy-mm-dd hh:mm'
        row.commit()
      }
      sheet.commit()
    }
    await workbook.commit()
  })().catch((error: unknown) => out.destroy(error instanceof Error ? error : new Error(String(error))))
  return out
}

const require = createRequire(import.meta.url)
/** Resolved by path (the package's entry is Expo code); a bundled pdfkit without it looks for Helvetica. */
const FONT = require.resolve('@expo-google-fonts/noto-sans-sc/400Regular/NotoSansSC_400Regular.ttf')

/** A4 PDF: the headline sentences, then every figure with its definition and every table. */
export function reportPdf(report: Report, { t, locale }: ExportContext): Readable {
  const doc = new PDFDocument({
    size: 'A4',
    margin: 50,
    font: FONT,
    info: { Title: t('reports.yearTitle', { year: report.scope.year }) },
  })
  doc.fontSize(18).text(t('reports.yearTitle', { year: report.scope.year }))
  doc.fontSize(10).fillColor('#444').text(periodLine(report, t)).moveDown()
  doc.fillColor('#000').fontSize(13).text(t('reports.summaryTitle')).fontSize(10)
  for (const sentence of summarySentences(report, t)) doc.text(sentence).moveDown(0.3)
  for (const s of report.sections) {
    doc.moveDown().fontSize(14).text(sectionName(s, t)).fontSize(10)
    for (const f of s.figures) {
      doc.text(`${figureName(f, t)}：${f.value.toLocaleString('en-US')}`)
      doc.fontSize(8).fillColor('#555').text(figureDefinition(f, t)).fillColor('#000').fontSize(10)
    }
    for (const table of s.tables) {
      doc.moveDown(0.5).fontSize(11).text(tableName(table, t)).fontSize(9)
      for (const r of table.rows)
        doc.text(
          `${labelText(r.label, t, locale)}    ${r.values.map((v, i) => `${t(`reports.measure.${table.measures[i]!}`)} ${v}`).join('  ')}`,
        )
      doc.fontSize(10)
    }
  }
  if (report.entered.length) {
    doc.moveDown().fontSize(14).text(t('reports.section.entered')).fontSize(10)
    for (const e of report.entered)
      doc.text(`${t(`reports.entered.figure.${e.figure as 'visitors'}`)}：${e.value}（${t('reports.entered.marker')}）`)
  }
  doc.end()
  return doc
}
