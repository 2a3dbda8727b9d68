/** Reading generated PDFs back in tests: their text and the QR code of a page (poppler-utils and zbar-tools). */
import { execFile } from 'node:child_process'
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { promisify } from 'node:util'

/** Asynchronous: the app under test shares this event loop, and a blocked loop drops its keep-alive sockets. */
async function tool(command: string, args: string[]): Promise<string> {
  return (await promisify(execFile)(command, args, { encoding: 'utf8' })).stdout
}

/** Text of a PDF and the QR payload of page `page` (the first by default). */
export async function readPdf(bytes: ArrayBuffer | Buffer, page = 1): Promise<{ text: string; qr: string }> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'tongxing-pdf-'))
  try {
    const file = path.join(dir, 'doc.pdf')
    fs.writeFileSync(file, Buffer.isBuffer(bytes) ? bytes : Buffer.from(bytes))
    const text = await tool('pdftotext', ['-layout', file, '-'])
    const p = String(page)
    await tool('pdftoppm', ['-png', '-r', '150', '-f', p, '-l', p, '-singlefile', file, path.join(dir, 'page')])
    const qr = (
      await tool('zbarimg', ['--quiet', '--raw', '-Sdisable', '-Sqrcode.enable', path.join(dir, 'page.png')])
    ).trim()
    return { text, qr }
  } finally {
    fs.rmSync(dir, { recursive: true, force: true })
  }
}
