/** One captured mail: headers, the text part with its links, and the HTML part in a sandboxed frame. */
import type { HeadersFunction, LoaderFunctionArgs, MetaFunction } from '@remix-run/node'
import { Link, useLoaderData } from '@remix-run/react'
import { format } from 'date-fns'
import { Fragment } from 'react'
import { useTranslation } from 'react-i18next'
import { devMailboxDir, readCapturedEmail } from '~/domain/mail/transport.server'
import { pageTitle } from '~/i18n/meta'
import { inShanghai } from '~/lib/dates'

export const meta: MetaFunction = ({ matches }) => pageTitle(matches, 'dev.mail.title')

export const headers: HeadersFunction = () => ({ 'Cache-Control': 'no-store', 'Referrer-Policy': 'no-referrer' })

export async function loader({ params, context }: LoaderFunctionArgs) {
  const dir = devMailboxDir(context.env, context.clientIp)
  const email = dir ? await readCapturedEmail(dir, params.id ?? '') : null
  if (!email) throw new Response(null, { status: 404, statusText: 'Not Found' })
  // Formatted here, in Shanghai time, so the server's HTML and the hydrated page agree.
  return { email: { ...email, date: format(inShanghai(email.date), 'yyyy-MM-dd HH:mm:ss') } }
}

/** Plain text with its http(s) links clickable; everything else stays text. */
function LinkedText({ text }: { text: string }) {
  return text.split(/(https?:\/\/[^\s<>"]+)/).map((part, index) =>
    index % 2 === 1 ? (
      <a key={index} href={part} className="text-brand-700 underline" rel="noreferrer">
        {part}
      </a>
    ) : (
      <Fragment key={index}>{part}</Fragment>
    ),
  )
}

export default function DevMailMessage() {
  const { email } = useLoaderData<typeof loader>()
  const { t } = useTranslation()
  // Links in the preview open in a new tab: the app refuses to be framed.
  const preview = email.html.replace(/<head>/i, '<head><base target="_blank">')
  const fields = [
    [t('dev.mail.from'), email.from],
    [t('dev.mail.to'), email.to],
    [t('dev.mail.date'), email.date],
    ['Message-ID', email.messageId],
  ] as const
  return (
    <div className="space-y-6">
      <Link to="/dev/mail" className="text-sm text-brand-700 underline-offset-2 hover:underline">
        {t('dev.mail.back')}
      </Link>
      <h1 className="text-2xl font-bold text-brand-800">{email.subject}</h1>
      <dl className="grid grid-cols-[auto_1fr] gap-x-4 gap-y-1 rounded-lg border border-stone-200 bg-white p-4 text-sm">
        {fields.map(([label, value]) => (
          <Fragment key={label}>
            <dt className="text-stone-600">{label}</dt>
            <dd className="break-all">{value}</dd>
          </Fragment>
        ))}
      </dl>
      <section aria-labelledby="mail-html">
        <h2 id="mail-html" className="text-lg font-semibold">
          {t('dev.mail.htmlPart')}
        </h2>
        <iframe
          title={email.subject}
          srcDoc={preview}
          sandbox="allow-popups allow-popups-to-escape-sandbox"
          className="mt-2 h-[640px] w-full rounded-lg border border-stone-200 bg-white"
        />
      </section>
      <section aria-labelledby="mail-text">
        <h2 id="mail-text" className="text-lg font-semibold">
          {t('dev.mail.textPart')}
        </h2>
        <pre className="mt-2 whitespace-pre-wrap break-words rounded-lg border border-stone-200 bg-white p-4 font-sans text-sm">
          <LinkedText text={email.text} />
        </pre>
      </section>
    </div>
  )
}
