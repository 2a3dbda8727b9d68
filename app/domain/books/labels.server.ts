/**
 * Box labels as a PDF (A6 pages, one per box): destination, box n of m, and a
 * QR code that opens the shipment's receipt page. Noto Sans SC is read from
 * the font package by path (its entry point is Expo code); the QR is drawn as
 * vector squares from qrcode's module matrix.
 */
import { createRequire } from 'node:module'
import fs from 'node:fs'
import PDFDocument from 'pdfkit'
import QRCode from 'qrcode'

const require = createRequire(import.meta.url)
let font: Buffer | undefined
const notoSans = () =>
  (font ??= fs.readFileSync(require.resolve('@expo-google-fonts/noto-sans-sc/400Regular/NotoSansSC_400Regular.ttf')))

export interface LabelInput {
  reference: string
  organisation: string
  address: string | null
  programme: string | null
  bookCount: number
  boxCount: number
  receiptUrl: string
  words: { box: (n: number, m: number) => string; books: (n: number) => string; scan: string }
}

export async function renderBoxLabels(input: LabelInput): Promise<Buffer> {
  const doc = new PDFDocument({ size: 'A6', margin: 24, font: notoSans() as unknown as string, autoFirstPage: false })
  const chunks: Buffer[] = []
  doc.on('data', (chunk: Buffer) => chunks.push(chunk))
  const done = new Promise<void>((resolve) => doc.on('end', () => resolve()))
  const qr = QRCode.create(input.receiptUrl, { errorCorrectionLevel: 'M' })
  const size = qr.modules.size
  for (let box = 1; box <= input.boxCount; box++) {
    doc.addPage()
    doc.fontSize(16).text(input.organisation, { width: 250 })
    if (input.address) doc.fontSize(10).text(input.address, { width: 250 })
    doc.moveDown(0.5)
    doc.fontSize(22).text(input.words.box(box, input.boxCount))
    doc.fontSize(10).text(`${input.reference} · ${input.words.books(input.bookCount)}`)
    if (input.programme) doc.text(input.programme)
    const cell = 150 / size
    const x0 = 24
    const y0 = doc.y + 8
    for (let r = 0; r < size; r++)
      for (let c = 0; c < size; c++) if (qr.modules.get(r, c)) doc.rect(x0 + c * cell, y0 + r * cell, cell, cell)
    doc.fill('#000')
    doc.fontSize(9).text(input.words.scan, x0, y0 + 156, { width: 250 })
  }
  doc.end()
  await done
  return Buffer.concat(chunks)
}
