/**
 * The certificate as an A4 PDF, drawn from its stored content (never from the
 * live records): pdfkit with Noto Sans SC (TTF, subset into the file), the
 * verification QR as vector squares, the seal space, and the footnote saying
 * it is not a record of the national or Jiangsu volunteer systems.
 */
import fs from 'node:fs'
import { createRequire } from 'node:module'
import PDFDocument from 'pdfkit'
import QRCode from 'qrcode'
import type { CertificateStatus, IdType, Locale } from '#db/schema'
import { createI18n } from '~/i18n/i18n'
import { formatDayWithYear, shanghaiInstant } from '~/lib/dates'
import { formatHours, type CertificateContent } from './content'

export interface PrintableCertificate {
  number: string
  status: CertificateStatus
  content: CertificateContent
  /** In clear: the certificate is the one place the whole number appears. */
  idDocument: { type: IdType; number: string } | null
  verifyUrl: string
}

const require = createRequire(import.meta.url)
let fonts: { regular: PDFKit.Mixins.PDFFontSource; bold: PDFKit.Mixins.PDFFontSource } | undefined

/**
 * pdfkit parses a font anew for each document it is given as bytes: for Noto
 * Sans SC (10 MB, 65,000 glyphs) that was most of a certificate's cost. The
 * parsed font (fontkit's, which pdfkit also accepts, though its types do not
 * say so) is only read once built, each document still embedding its own
 * subset: it is parsed once per process and handed to every document.
 */
function parsed(file: Buffer): PDFKit.Mixins.PDFFontSource {
  const probe = new PDFDocument({ font: file as unknown as string })
  const font: unknown = (probe as unknown as { _font?: { font?: unknown } })._font?.font
  probe.end()
  const usable = typeof font === 'object' && font !== null && 'layout' in font && typeof font.layout === 'function'
  // Should pdfkit's inside ever change, the bytes still work (only slower).
  return usable ? (font as unknown as PDFKit.Mixins.PDFFontSource) : file
}

/** Resolved by path: the package's entry point is Expo code. */
function loadFonts() {
  fonts ??= {
    regular: parsed(
      fs.readFileSync(require.resolve('@expo-google-fonts/noto-sans-sc/400Regular/NotoSansSC_400Regular.ttf')),
    ),
    bold: parsed(fs.readFileSync(require.resolve('@expo-google-fonts/noto-sans-sc/700Bold/NotoSansSC_700Bold.ttf'))),
  }
  return fonts
}

const A4 = { width: 595.28, height: 841.89 }
const MARGIN = 56
const CONTENT_WIDTH = A4.width - 2 * MARGIN
const FOOTER_TOP = A4.height - MARGIN - 24
const QR_SIZE = 84
const COLUMNS = [
  { key: 'index', width: 30 },
  { key: 'date', width: 72 },
  { key: 'time', width: 70 },
  { key: 'activity', width: 150 },
  { key: 'place', width: 108 },
  { key: 'hours', width: CONTENT_WIDTH - 30 - 72 - 70 - 150 - 108 },
] as const

const day = (value: string, locale: Locale) => formatDayWithYear(shanghaiInstant(value, '12:00'), locale)

function drawQr(doc: PDFKit.PDFDocument, text: string, x: number, y: number, size: number) {
  const { modules } = QRCode.create(text, { errorCorrectionLevel: 'M' })
  const quiet = 2
  const cell = size / (modules.size + 2 * quiet)
  doc.save().rect(x, y, size, size).fill('#ffffff')
  doc.fillColor('#000000')
  for (let row = 0; row < modules.size; row++) {
    for (let col = 0; col < modules.size; col++) {
      if (modules.get(row, col)) doc.rect(x + (col + quiet) * cell, y + (row + quiet) * cell, cell, cell)
    }
  }
  doc.fill().restore()
}

export function renderCertificatePdf(certificate: PrintableCertificate, locale: Locale): Promise<Buffer> {
  const { t } = createI18n(locale)
  const { content } = certificate
  const { regular, bold } = loadFonts()
  const doc = new PDFDocument({
    size: 'A4',
    margin: MARGIN,
    // A font, not a name: otherwise the bundled build looks for Helvetica's metrics on disk.
    font: regular as string,
    info: { Title: `${t('certificates.pdf.title')} ${certificate.number}`, Author: t('app.library') },
  })
  doc.registerFont('regular', regular)
  doc.registerFont('bold', bold)
  const chunks: Buffer[] = []
  doc.on('data', (chunk: Buffer) => chunks.push(chunk))
  const done = new Promise<Buffer>((resolve, reject) => {
    doc.on('end', () => resolve(Buffer.concat(chunks)))
    doc.on('error', reject)
  })

  const footer = () => {
    doc
      .font('regular')
      .fontSize(7.5)
      .fillColor('#555555')
      .text(t('certificates.pdf.disclaimer'), MARGIN, FOOTER_TOP, { width: CONTENT_WIDTH, align: 'center' })
      .fillColor('#000000')
  }
  const revokedMark = () => {
    if (certificate.status !== 'revoked') return
    doc
      .save()
      .font('bold')
      .fontSize(40)
      .fillColor('#b91c1c', 0.35)
      .rotate(-30, { origin: [A4.width / 2, A4.height / 2] })
      .text(t('certificates.pdf.revokedMark'), 0, A4.height / 2 - 30, { width: A4.width, align: 'center' })
      .restore()
      .fillColor('#000000', 1)
  }
  const newPage = () => {
    footer()
    revokedMark()
    doc.addPage()
    return MARGIN
  }

  // Heading, number and the QR (always on page 1).
  drawQr(doc, certificate.verifyUrl, A4.width - MARGIN - QR_SIZE, MARGIN - 8, QR_SIZE)
  doc
    .font('regular')
    .fontSize(7.5)
    .text(t('certificates.pdf.scanToVerify'), A4.width - MARGIN - QR_SIZE, MARGIN - 8 + QR_SIZE + 2, {
      width: QR_SIZE,
      align: 'center',
    })
  doc
    .font('bold')
    .fontSize(22)
    .text(t('certificates.pdf.title'), MARGIN, MARGIN + 10, { width: CONTENT_WIDTH - QR_SIZE, align: 'center' })
  doc.font('regular').fontSize(10)
  doc.text(`${t('certificates.pdf.number')}${certificate.number}`, MARGIN, MARGIN + 50)
  doc.text(`${t('certificates.pdf.issuedOn')}${day(content.issuedOn, locale)}`)

  // The statement.
  const identity = certificate.idDocument
    ? `${t(`certificates.idType.${certificate.idDocument.type}`)}${t('certificates.pdf.colon')}${certificate.idDocument.number}`
    : `${t('certificates.pdf.volunteerNumber')}${t('certificates.pdf.colon')}${content.volunteer.volunteerNumber}`
  const hours = formatHours(content.totalMinutes)
  doc.fontSize(12).text(
    t('certificates.pdf.statement', {
      name: content.volunteer.name,
      identity,
      from: day(content.period.from, locale),
      to: day(content.period.to, locale),
      library: t('app.library'),
      hours,
      count: content.rows.length,
    }),
    MARGIN,
    MARGIN + 96,
    { width: CONTENT_WIDTH, lineGap: 4 },
  )
  let y = doc.y + 12

  // The table of service, repeating its header on each page.
  const header = () => {
    doc.font('bold').fontSize(9)
    const labels = COLUMNS.map((column) => t(`certificates.pdf.column.${column.key}`))
    const height = Math.max(...COLUMNS.map((c, i) => doc.heightOfString(labels[i]!, { width: c.width - 6 }))) + 10
    let x = MARGIN
    doc.rect(MARGIN, y, CONTENT_WIDTH, height).fill('#eeeeee').fillColor('#000000')
    COLUMNS.forEach((column, i) => {
      doc.text(labels[i]!, x + 3, y + 5, { width: column.width - 6 })
      x += column.width
    })
    y += height
    doc.font('regular')
  }
  header()
  content.rows.forEach((row, i) => {
    const cells = {
      index: String(i + 1),
      date: row.date,
      time: `${row.start}–${row.end}`,
      activity: [row.activity, t(`shift.role.${row.role}`)].filter(Boolean).join(' · '),
      place: row.place ?? '',
      hours: formatHours(row.minutes),
    }
    doc.fontSize(9)
    const height = Math.max(...COLUMNS.map((c) => doc.heightOfString(cells[c.key], { width: c.width - 6 }))) + 8
    if (y + height > FOOTER_TOP - 8) {
      y = newPage()
      header()
    }
    let x = MARGIN
    for (const column of COLUMNS) {
      doc.text(cells[column.key], x + 3, y + 4, { width: column.width - 6 })
      x += column.width
    }
    y += height
    doc
      .moveTo(MARGIN, y)
      .lineTo(MARGIN + CONTENT_WIDTH, y)
      .lineWidth(0.5)
      .strokeColor('#bbbbbb')
      .stroke()
  })
  if (y + 24 > FOOTER_TOP - 8) y = newPage()
  doc
    .font('bold')
    .fontSize(10)
    .text(t('certificates.pdf.total', { hours }), MARGIN, y + 6, { width: CONTENT_WIDTH, align: 'right' })
  y = doc.y + 18

  // The issuer, with room for the seal.
  const issuerHeight = 120
  if (y + issuerHeight > FOOTER_TOP - 8) y = newPage()
  const blank = '________________'
  const lines = [
    `${t('certificates.pdf.issuer')}${t('app.library')}`,
    `${t('certificates.pdf.personInCharge')}${content.issuer.personInCharge || blank}`,
    `${t('certificates.pdf.handledBy')}${content.issuer.handledBy ?? t('certificates.pdf.system')}`,
    `${t('certificates.pdf.contact')}${content.issuer.contact || blank}`,
    `${t('certificates.pdf.issuedOn')}${day(content.issuedOn, locale)}`,
  ]
  doc.font('regular').fontSize(10.5)
  lines.forEach((line, i) => doc.text(line, MARGIN, y + i * 20, { width: CONTENT_WIDTH - 170 }))
  const sealX = A4.width - MARGIN - 70
  const sealY = y + 50
  doc.save().circle(sealX, sealY, 48).dash(3, { space: 3 }).lineWidth(0.8).strokeColor('#999999').stroke().restore()
  doc
    .fontSize(9)
    .fillColor('#777777')
    .text(t('certificates.pdf.seal'), sealX - 48, sealY - 6, { width: 96, align: 'center' })
    .fillColor('#000000')

  footer()
  revokedMark()
  doc.end()
  return done
}
