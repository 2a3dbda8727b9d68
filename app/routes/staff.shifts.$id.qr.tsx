import type { LoaderFunctionArgs, MetaFunction } from '@remix-run/node'
import { Link, useLoaderData } from '@remix-run/react'
import QRCode from 'qrcode'
import { useTranslation } from 'react-i18next'
import type { Locale } from '#db/schema'
import { requireActor, STAFF } from '~/auth/require.server'
import { Notice } from '~/components/form'
import { DomainError } from '~/domain/errors'
import { checkInDisplay } from '~/domain/planning/attendance.server'
import { pageTitle } from '~/i18n/meta'
import { formatTimeRange } from '~/lib/dates'
import { idParam } from '~/lib/params.server'
import { requestMeta } from '~/lib/request-meta.server'

export const meta: MetaFunction = ({ matches }) => pageTitle(matches, 'planning.qr.title')

/**
 * The code to show at the site: a QR code of the check-in link (drawn on the
 * server as SVG), the six digits for typing, and the link. The page reloads
 * itself when the code changes.
 */
export async function loader({ request, params, context }: LoaderFunctionArgs) {
  const actor = await requireActor(request, context, STAFF)
  const id = idParam(params)
  const display = await checkInDisplay(context.db, actor, id, requestMeta(context)).catch((error: unknown) => {
    if (error instanceof DomainError) throw new Response(null, { status: error.status })
    throw error
  })
  const now = Date.now()
  return {
    ...display,
    qrSvg: display.url
      ? await QRCode.toString(display.url, { type: 'svg', margin: 1, errorCorrectionLevel: 'M' })
      : null,
    closed: Date.parse(display.closesAt) < now,
    reloadSeconds: Math.max(5, Math.ceil((Date.parse(display.refreshAt) - now) / 1000)),
  }
}

export default function QrPage() {
  const { t, i18n } = useTranslation()
  const d = useLoaderData<typeof loader>()
  return (
    <div className="mx-auto max-w-xl space-y-6 text-center">
      {/* Reloads when the code changes, without JavaScript. */}
      <meta httpEquiv="refresh" content={String(d.reloadSeconds)} />
      <Link to={`/staff/shifts/${d.shiftId}`} className="text-sm text-brand-700 underline">
        {t('planning.roster.title')}
      </Link>
      <h1 className="text-2xl font-bold text-brand-800">{t('planning.qr.title')}</h1>
      <p className="text-stone-700">{t('planning.qr.intro')}</p>
      {d.code ? (
        <>
          <p className="font-mono text-7xl font-bold tracking-[0.2em] text-brand-900" data-testid="check-in-code">
            {d.code}
          </p>
          {d.qrSvg ? (
            <div
              role="img"
              aria-label={t('planning.qr.imageLabel')}
              className="mx-auto w-72 max-w-full"
              // SVG made on the server from our own check-in URL.
              dangerouslySetInnerHTML={{ __html: d.qrSvg }}
            />
          ) : null}
          <Notice>{t('planning.qr.scanHint')}</Notice>
          <p>
            <a href={d.url!} className="break-all text-brand-700 underline">
              {t('planning.qr.link')}: {d.url}
            </a>
          </p>
        </>
      ) : d.closed ? (
        <Notice>{t('planning.qr.closed')}</Notice>
      ) : (
        <Notice>
          {t('planning.qr.notYet', { time: formatTimeRange(d.opensAt, d.closesAt, i18n.language as Locale) })}
        </Notice>
      )}
      <p>
        <Link to="." reloadDocument className="text-sm text-brand-700 underline">
          {t('planning.qr.refresh')}
        </Link>
      </p>
    </div>
  )
}
