/**
 * The dev mailbox: mail the app "sent" while no SMTP server is configured, as
 * captured to data/mail. 404 whenever SMTP_URL is set, and in production mode
 * unless both the app origin and the client are loopback (the `npm start` demo).
 */
import type { HeadersFunction, LoaderFunctionArgs, MetaFunction } from '@remix-run/node'
import { Link, useLoaderData } from '@remix-run/react'
import { format } from 'date-fns'
import { useTranslation } from 'react-i18next'
import { devMailboxDir, listCapturedEmails } from '~/domain/mail/transport.server'
import { pageTitle } from '~/i18n/meta'
import { inShanghai } from '~/lib/dates'

export const meta: MetaFunction = ({ matches }) => pageTitle(matches, 'dev.mail.title')

// The list links to one-time codes and reset links: keep it out of caches and referrers.
export const headers: HeadersFunction = () => ({ 'Cache-Control': 'no-store', 'Referrer-Policy': 'no-referrer' })

export async function loader({ context }: LoaderFunctionArgs) {
  const dir = devMailboxDir(context.env, context.clientIp)
  if (!dir) throw new Response(null, { status: 404, statusText: 'Not Found' })
  const emails = await listCapturedEmails(dir, { limit: 200 })
  // Formatted here, in Shanghai time, so the server's HTML and the hydrated page agree.
  return { emails: emails.map((email) => ({ ...email, date: format(inShanghai(email.date), 'yyyy-MM-dd HH:mm:ss') })) }
}

export default function DevMailbox() {
  const { emails } = useLoaderData<typeof loader>()
  const { t } = useTranslation()
  return (
    <div className="space-y-6">
      <div>
        <h1 className="text-2xl font-bold text-brand-800">{t('dev.mail.title')}</h1>
        <p className="mt-1 text-stone-600">{t('dev.mail.intro')}</p>
      </div>
      {emails.length === 0 ? (
        <p className="text-stone-600">{t('dev.mail.empty')}</p>
      ) : (
        <div className="overflow-x-auto rounded-lg border border-stone-200 bg-white">
          <table className="w-full text-left text-sm">
            <thead className="bg-stone-50 text-stone-600">
              <tr>
                <th scope="col" className="px-4 py-2 font-medium">
                  {t('dev.mail.date')}
                </th>
                <th scope="col" className="px-4 py-2 font-medium">
                  {t('dev.mail.to')}
                </th>
                <th scope="col" className="px-4 py-2 font-medium">
                  {t('dev.mail.subject')}
                </th>
              </tr>
            </thead>
            <tbody className="divide-y divide-stone-200">
              {emails.map((email) => (
                <tr key={email.id} className="hover:bg-brand-50">
                  <td className="whitespace-nowrap px-4 py-2 text-stone-600">{email.date}</td>
                  <td className="px-4 py-2">{email.to}</td>
                  <td className="px-4 py-2">
                    <Link to={`/dev/mail/${email.id}`} className="text-brand-700 underline-offset-2 hover:underline">
                      {email.subject}
                    </Link>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </div>
  )
}
