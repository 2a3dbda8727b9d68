import type { HeadersFunction, LoaderFunctionArgs, MetaFunction } from '@remix-run/node'
import { useLoaderData } from '@remix-run/react'
import { useTranslation } from 'react-i18next'
import type { Locale } from '#db/schema'
import { formatHours } from '~/domain/certificates/content'
import { findVerification } from '~/domain/certificates/verify.server'
import { pageTitle } from '~/i18n/meta'
import { formatDayWithYear, shanghaiInstant } from '~/lib/dates'
import { notFoundPage } from '~/lib/params.server'

export const meta: MetaFunction = ({ matches }) => [
  ...pageTitle(matches, 'certificates.verify.title'),
  { name: 'robots', content: 'noindex' },
]

export const headers: HeadersFunction = () => ({
  'Cache-Control': 'no-store',
  'X-Robots-Tag': 'noindex',
  'Referrer-Policy': 'no-referrer',
})

/** Public: anyone holding the QR's code learns valid or revoked and the few facts below, nothing more. */
export async function loader({ params, context }: LoaderFunctionArgs) {
  const verification = await findVerification(context.db, params.code ?? '')
  if (!verification) notFoundPage()
  return verification
}

export default function VerifyCertificate() {
  const { t, i18n } = useTranslation()
  const locale = i18n.language as Locale
  const v = useLoaderData<typeof loader>()
  const day = (value: string) => formatDayWithYear(shanghaiInstant(value, '12:00'), locale)
  const valid = v.status === 'valid'
  return (
    <div className="mx-auto max-w-lg space-y-4">
      <h1 className="text-2xl font-bold text-brand-800">{t('certificates.verify.title')}</h1>
      <p
        role="status"
        className={`rounded-lg px-4 py-3 text-lg font-semibold ${valid ? 'bg-emerald-50 text-emerald-900' : 'bg-red-50 text-red-900'}`}
      >
        {valid ? t('certificates.verify.valid') : t('certificates.verify.revoked')}
      </p>
      <dl className="grid grid-cols-[auto_1fr] gap-x-4 gap-y-2 rounded-lg border border-stone-200 bg-white p-4">
        <dt className="text-stone-600">{t('certificates.verify.name')}</dt>
        <dd>{v.maskedName}</dd>
        <dt className="text-stone-600">{t('certificates.verify.issuedOn')}</dt>
        <dd>{day(v.issuedOn)}</dd>
        <dt className="text-stone-600">{t('certificates.verify.period')}</dt>
        <dd>{t('certificates.list.periodValue', { from: day(v.from), to: day(v.to) })}</dd>
        <dt className="text-stone-600">{t('certificates.verify.hours')}</dt>
        <dd>{t('certificates.hoursValue', { hours: formatHours(v.totalMinutes) })}</dd>
        {v.revokedOn ? (
          <>
            <dt className="text-stone-600">{t('certificates.verify.revokedOn')}</dt>
            <dd>{formatDayWithYear(v.revokedOn, locale)}</dd>
          </>
        ) : null}
      </dl>
      <p className="text-xs text-stone-600">{t('certificates.verify.note')}</p>
    </div>
  )
}
