/**
 * A real SMTP server on 127.0.0.1 (the `smtp-server` package) that keeps every
 * message it accepts, for tests that send through nodemailer's SMTP transport.
 * `rejectNext(n, code)` makes the next n RCPT TO commands fail with that code.
 */
import type { AddressInfo } from 'node:net'
import { simpleParser, type ParsedMail } from 'mailparser'
import { SMTPServer } from 'smtp-server'

export interface ReceivedMessage {
  raw: Buffer
  /** RCPT TO addresses of the envelope. */
  recipients: string[]
}

export interface SmtpSink {
  /** `smtp://127.0.0.1:<port>` */
  url: string
  received: ReceivedMessage[]
  rejectNext(count: number, code: number, message?: string): void
  /** RCPT TO commands seen, accepted or not. */
  attempts(): number
  parse(index: number): Promise<ParsedMail>
  parseAll(): Promise<ParsedMail[]>
  waitFor(count: number, timeoutMs?: number): Promise<void>
  close(): Promise<void>
}

export async function startSmtpSink(): Promise<SmtpSink> {
  const received: ReceivedMessage[] = []
  let rejections: { remaining: number; code: number; message: string } = { remaining: 0, code: 451, message: '' }
  let rcptCount = 0

  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ['AUTH', 'STARTTLS'],
    logger: false,
    size: 10 * 1024 * 1024,
    closeTimeout: 2000,
    onRcptTo(_address, _session, callback) {
      rcptCount++
      if (rejections.remaining > 0) {
        rejections.remaining--
        const error = Object.assign(new Error(rejections.message), { responseCode: rejections.code })
        return callback(error)
      }
      callback()
    },
    onData(stream, session, callback) {
      const chunks: Buffer[] = []
      stream.on('data', (chunk: Buffer) => chunks.push(chunk))
      stream.on('end', () => {
        received.push({ raw: Buffer.concat(chunks), recipients: session.envelope.rcptTo.map((r) => r.address) })
        callback()
      })
    },
  })
  await new Promise<void>((resolve, reject) => {
    server.on('error', reject)
    server.listen(0, '127.0.0.1', () => resolve())
  })
  const port = (server.server.address() as AddressInfo).port

  return {
    url: `smtp://127.0.0.1:${port}`,
    received,
    rejectNext(count, code, message = 'Try again later') {
      rejections = { remaining: count, code, message }
    },
    attempts: () => rcptCount,
    parse: (index) => {
      const message = received[index]
      if (!message) throw new Error(`no message #${index} (received ${received.length})`)
      return simpleParser(message.raw)
    },
    parseAll: () => Promise.all(received.map((message) => simpleParser(message.raw))),
    async waitFor(count, timeoutMs = 10_000) {
      const deadline = Date.now() + timeoutMs
      while (received.length < count) {
        if (Date.now() > deadline)
          throw new Error(`SMTP sink: ${received.length} of ${count} messages after ${timeoutMs} ms`)
        await new Promise((resolve) => setTimeout(resolve, 20))
      }
    },
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  }
}

/** The Message-ID header of a raw message, without parsing the rest. */
export function messageIdOf(raw: Buffer): string | undefined {
  const head = raw.subarray(0, Math.max(0, raw.indexOf('\r\n\r\n'))).toString('utf8')
  return /^Message-ID:\s*(<[^>\r\n]+>)/im.exec(head)?.[1]
}
