/**
 * The frame every mail shares, and the small pieces templates build from. Inline
 * styles and a table layout, because mail clients ignore stylesheets. Text from
 * users only ever goes in as React children or attribute values, so React escapes it.
 */
import type { ReactNode } from 'react'
import { renderToStaticMarkup } from 'react-dom/server'
import type { Locale } from '#db/schema'
import { emailMessages, type EmailMessages } from './messages'

export interface RenderContext {
  locale: Locale
  /** Where the app lives, e.g. https://tongxing.example.org: the header and footer link there. */
  appOrigin: string
}

/** A file sent with the mail, built at render time from the payload (nothing binary is stored). */
export interface EmailAttachment {
  filename: string
  content: string
  contentType: string
}

export interface RenderedEmail {
  subject: string
  html: string
  text: string
  attachments?: EmailAttachment[]
}

const colors = {
  brand: '#92400e',
  brandDark: '#78350f',
  brandLight: '#fdf6ec',
  ink: '#1f2937',
  muted: '#57534e',
  line: '#e7e5e4',
}
const font = '-apple-system, "PingFang SC", "Microsoft YaHei", "Noto Sans CJK SC", "Helvetica Neue", Arial, sans-serif'

export function messagesFor(locale: Locale): EmailMessages {
  return emailMessages[locale]
}

/** The origin as a safe link target; anything but http(s) falls back to no link. */
function safeOrigin(appOrigin: string): string | undefined {
  try {
    const url = new URL(appOrigin)
    return url.protocol === 'https:' || url.protocol === 'http:' ? url.origin : undefined
  } catch {
    return undefined
  }
}

export function EmailLayout(props: {
  context: RenderContext
  subject: string
  preheader: string
  children: ReactNode
}) {
  const m = messagesFor(props.context.locale)
  const origin = safeOrigin(props.context.appOrigin)
  return (
    <html lang={props.context.locale}>
      <head>
        <meta httpEquiv="Content-Type" content="text/html; charset=utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <title>{props.subject}</title>
      </head>
      <body style={{ margin: 0, padding: 0, backgroundColor: '#f5f5f4', fontFamily: font, color: colors.ink }}>
        {/* The line mail clients show after the subject in the inbox. */}
        <div style={{ display: 'none', maxHeight: 0, overflow: 'hidden' }}>{props.preheader}</div>
        <table role="presentation" width="100%" cellPadding={0} cellSpacing={0} style={{ backgroundColor: '#f5f5f4' }}>
          <tbody>
            <tr>
              <td align="center" style={{ padding: '24px 12px' }}>
                <table
                  role="presentation"
                  width="100%"
                  cellPadding={0}
                  cellSpacing={0}
                  style={{
                    maxWidth: 560,
                    backgroundColor: '#ffffff',
                    borderRadius: 8,
                    border: `1px solid ${colors.line}`,
                  }}
                >
                  <tbody>
                    <tr>
                      <td
                        style={{
                          padding: '20px 28px',
                          backgroundColor: colors.brandLight,
                          borderRadius: '8px 8px 0 0',
                        }}
                      >
                        {origin ? (
                          <a
                            href={origin}
                            style={{ color: colors.brandDark, fontSize: 18, fontWeight: 700, textDecoration: 'none' }}
                          >
                            {m.brand}
                          </a>
                        ) : (
                          <span style={{ color: colors.brandDark, fontSize: 18, fontWeight: 700 }}>{m.brand}</span>
                        )}
                      </td>
                    </tr>
                    <tr>
                      <td style={{ padding: '24px 28px', fontSize: 15, lineHeight: 1.7 }}>
                        {props.children}
                        <p style={{ margin: '24px 0 0' }}>{m.signOff}</p>
                      </td>
                    </tr>
                    <tr>
                      <td
                        style={{
                          padding: '16px 28px',
                          borderTop: `1px solid ${colors.line}`,
                          fontSize: 12,
                          color: colors.muted,
                          lineHeight: 1.6,
                        }}
                      >
                        <p style={{ margin: 0 }}>{m.footerAutomated}</p>
                        {origin ? (
                          <p style={{ margin: '4px 0 0' }}>
                            <a href={origin} style={{ color: colors.brand }}>
                              {m.footerOpenApp}
                            </a>{' '}
                            · {origin}
                          </p>
                        ) : null}
                      </td>
                    </tr>
                  </tbody>
                </table>
              </td>
            </tr>
          </tbody>
        </table>
      </body>
    </html>
  )
}

export function Paragraph({ children, muted }: { children: ReactNode; muted?: boolean }) {
  return (
    <p style={{ margin: '0 0 14px', color: muted ? colors.muted : colors.ink, fontSize: muted ? 13 : 15 }}>
      {children}
    </p>
  )
}

export function Button({ href, children }: { href: string; children: ReactNode }) {
  return (
    <table role="presentation" cellPadding={0} cellSpacing={0} style={{ margin: '20px 0' }}>
      <tbody>
        <tr>
          <td style={{ backgroundColor: colors.brand, borderRadius: 6 }}>
            <a
              href={href}
              style={{
                display: 'inline-block',
                padding: '10px 22px',
                color: '#ffffff',
                fontWeight: 600,
                textDecoration: 'none',
              }}
            >
              {children}
            </a>
          </td>
        </tr>
      </tbody>
    </table>
  )
}

/** The raw link under a button, for clients that block buttons. */
export function LinkFallback({ href, label }: { href: string; label: string }) {
  return (
    <p style={{ margin: '0 0 14px', fontSize: 13, color: colors.muted, wordBreak: 'break-all' }}>
      {label}
      <br />
      <a href={href} style={{ color: colors.brand }}>
        {href}
      </a>
    </p>
  )
}

export function Code({ label, code }: { label: string; code: string }) {
  return (
    <div
      style={{
        margin: '16px 0',
        padding: '14px 18px',
        backgroundColor: colors.brandLight,
        borderRadius: 6,
        textAlign: 'center',
      }}
    >
      <div style={{ fontSize: 12, color: colors.muted }}>{label}</div>
      <div
        style={{
          fontSize: 30,
          fontWeight: 700,
          letterSpacing: 6,
          color: colors.brandDark,
          fontFamily: 'Menlo, Consolas, monospace',
        }}
      >
        {code}
      </div>
    </div>
  )
}

export function Quote({ children }: { children: ReactNode }) {
  return (
    <div
      style={{
        margin: '0 0 16px',
        padding: '10px 16px',
        borderLeft: `4px solid ${colors.brand}`,
        backgroundColor: '#fafaf9',
        whiteSpace: 'pre-wrap',
      }}
    >
      {children}
    </div>
  )
}

export function renderHtml(element: ReactNode): string {
  return `<!DOCTYPE html>${renderToStaticMarkup(element)}`
}

/** The plain-text part: paragraphs separated by blank lines, then the shared footer. */
export function renderText(context: RenderContext, paragraphs: (string | null | undefined | false)[]): string {
  const m = messagesFor(context.locale)
  const origin = safeOrigin(context.appOrigin)
  const footer = [m.signOff, '', '—', m.footerAutomated, origin ? `${m.brand} · ${origin}` : m.brand]
  return [...paragraphs.filter((p): p is string => typeof p === 'string'), footer.join('\n')].join('\n\n') + '\n'
}
