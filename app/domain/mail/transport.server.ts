/**
 * Where mail goes. With an SMTP URL: to that server (nodemailer). Without one
 * (development, the demo, tests): every message is written to a directory as an
 * .eml file plus a .json summary, and the dev mailbox page (/dev/mail) shows them.
 */
import { randomBytes } from 'node:crypto'
import fs from 'node:fs/promises'
import path from 'node:path'
import nodemailer from 'nodemailer'

export const DEFAULT_MAIL_FROM = '"同行 · 图书馆志愿服务" <noreply@tongxing.local>'
export const DEFAULT_CAPTURE_DIR = 'data/mail'

export interface MailTransportOptions {
  /** `smtp://user:pass@host:587`, `smtps://…:465`; query options pass through to nodemailer (`?pool=true`). Empty: capture to files. */
  smtpUrl?: string
  /** The From header; defaults to DEFAULT_MAIL_FROM. */
  from?: string
  /** Where captured mail is written when there is no SMTP URL; defaults to data/mail. */
  captureDir?: string
}

export interface OutgoingEmail {
  to: string
  subject: string
  text: string
  html: string
  /** `<…@…>`: the same on every attempt, so a resend after a crash can be recognised as a duplicate. */
  messageId: string
  /** Text attachments rendered by the template (e.g. an .ics); never paths or URLs. */
  attachments?: { filename: string; content: string; contentType: string }[]
}

export interface MailTransport {
  readonly kind: 'smtp' | 'capture'
  /** Resolves once the server (or the file system) has accepted the message; rejects otherwise. */
  send(email: OutgoingEmail): Promise<void>
  close(): void
}

/** The mail settings in the environment (proposed additions to app/env.server.ts). */
export interface MailEnv {
  NODE_ENV?: string
  APP_ORIGIN?: string
  SMTP_URL?: string
  MAIL_FROM?: string
  MAIL_DIR?: string
}

export function mailOptionsFromEnv(env: MailEnv): MailTransportOptions {
  return {
    smtpUrl: env.SMTP_URL || undefined,
    from: env.MAIL_FROM || DEFAULT_MAIL_FROM,
    captureDir: env.MAIL_DIR || DEFAULT_CAPTURE_DIR,
  }
}

export function createMailTransport(options: MailTransportOptions = {}): MailTransport {
  const from = options.from || DEFAULT_MAIL_FROM
  if (options.smtpUrl) return smtpTransport(options.smtpUrl, from)
  return captureTransport(path.resolve(options.captureDir || DEFAULT_CAPTURE_DIR), from)
}

function smtpTransport(url: string, from: string): MailTransport {
  const transporter = nodemailer.createTransport({
    url,
    // Bounded waits: a hung server must not hold a claimed row past its lease.
    connectionTimeout: 20_000,
    greetingTimeout: 20_000,
    socketTimeout: 60_000,
  })
  return {
    kind: 'smtp',
    async send(email) {
      await transporter.sendMail({ from, ...email, disableFileAccess: true, disableUrlAccess: true })
    },
    close: () => transporter.close(),
  }
}

function captureTransport(dir: string, from: string): MailTransport {
  const composer = nodemailer.createTransport({ streamTransport: true, buffer: true, newline: 'windows' })
  return {
    kind: 'capture',
    async send(email) {
      const info = await composer.sendMail({ from, ...email, disableFileAccess: true, disableUrlAccess: true })
      const raw = info.message
      if (!Buffer.isBuffer(raw)) throw new Error('capture transport expected a buffered message')
      const date = new Date()
      const id = captureId(date, email.messageId)
      const summary: CapturedEmail = {
        id,
        messageId: email.messageId,
        from,
        to: email.to,
        subject: email.subject,
        date: date.toISOString(),
        text: email.text,
        html: email.html,
      }
      await fs.mkdir(dir, { recursive: true })
      await writeAtomically(path.join(dir, `${id}.eml`), raw)
      // The summary comes last: the listing reads summaries, so it never shows half a message.
      await writeAtomically(path.join(dir, `${id}.json`), JSON.stringify(summary, null, 2))
    },
    close: () => composer.close(),
  }
}

/** `20261125T055300123Z-<message id's local part>`: sorts by time, safe as a file name. */
function captureId(date: Date, messageId: string): string {
  const stamp = date.toISOString().replace(/[-:.]/g, '')
  const local =
    messageId
      .replace(/^<|@.*$/g, '')
      .replace(/[^A-Za-z0-9]/g, '')
      .slice(0, 40) || randomBytes(8).toString('hex')
  return `${stamp}-${local}`
}

async function writeAtomically(file: string, content: string | Buffer): Promise<void> {
  const temporary = `${file}.${randomBytes(4).toString('hex')}.tmp`
  await fs.writeFile(temporary, content)
  await fs.rename(temporary, file)
}

export interface CapturedEmail {
  id: string
  messageId: string
  from: string
  to: string
  subject: string
  /** When it was captured, ISO. */
  date: string
  text: string
  html: string
}

export type CapturedEmailSummary = Pick<CapturedEmail, 'id' | 'messageId' | 'to' | 'subject' | 'date'>

const CAPTURE_ID = /^\d{8}T\d{9}Z-[A-Za-z0-9]{1,40}$/

export function isCaptureId(id: string): boolean {
  return CAPTURE_ID.test(id)
}

/** Captured mail, newest first. A missing directory is an empty mailbox. */
export async function listCapturedEmails(
  dir: string,
  options: { limit?: number } = {},
): Promise<CapturedEmailSummary[]> {
  let names: string[]
  try {
    names = await fs.readdir(dir)
  } catch (error) {
    if (isNotFound(error)) return []
    throw error
  }
  const ids = names
    .filter((name) => name.endsWith('.json'))
    .map((name) => name.slice(0, -'.json'.length))
    .filter(isCaptureId)
    .sort()
    .reverse()
    .slice(0, options.limit ?? 200)
  const emails = await Promise.all(ids.map((id) => readCapturedEmail(dir, id)))
  return emails
    .filter((email): email is CapturedEmail => email !== null)
    .map(({ id, messageId, to, subject, date }) => ({ id, messageId, to, subject, date }))
}

/** One captured message, or null when `id` is not a capture id (no path tricks) or not there. */
export async function readCapturedEmail(dir: string, id: string): Promise<CapturedEmail | null> {
  if (!isCaptureId(id)) return null
  try {
    return JSON.parse(await fs.readFile(path.join(dir, `${id}.json`), 'utf8')) as CapturedEmail
  } catch (error) {
    if (isNotFound(error) || error instanceof SyntaxError) return null
    throw error
  }
}

/** The raw .eml path of a captured message (for a download link or a test). */
export function capturedEmlPath(dir: string, id: string): string | null {
  return isCaptureId(id) ? path.join(dir, `${id}.eml`) : null
}

function isNotFound(error: unknown): boolean {
  return typeof error === 'object' && error !== null && 'code' in error && error.code === 'ENOENT'
}

function isLoopbackHost(hostname: string): boolean {
  const host = hostname.replace(/^\[|\]$/g, '')
  return host === 'localhost' || host === '::1' || /^127(\.\d{1,3}){3}$/.test(host)
}

function isLoopbackAddress(ip: string): boolean {
  return ip === '::1' || /^(::ffff:)?127(\.\d{1,3}){3}$/.test(ip)
}

/**
 * The directory the dev mailbox page may show, or null when the page must 404.
 * Shown only while mail is captured to files (no SMTP_URL; with SMTP nothing is
 * listed, whatever NODE_ENV says). In production mode (the `npm start` demo) it
 * also needs a loopback APP_ORIGIN and a loopback client: a real deployment that
 * forgot SMTP_URL must not publish everyone's reset links.
 */
export function devMailboxDir(env: MailEnv, clientIp: string): string | null {
  if (env.SMTP_URL) return null
  if (env.NODE_ENV === 'production') {
    let origin: URL
    try {
      origin = new URL(env.APP_ORIGIN ?? '')
    } catch {
      return null
    }
    if (!isLoopbackHost(origin.hostname) || !isLoopbackAddress(clientIp)) return null
  }
  return path.resolve(env.MAIL_DIR || DEFAULT_CAPTURE_DIR)
}
