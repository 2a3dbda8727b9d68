import type { LoaderFunctionArgs, MetaFunction } from '@remix-run/node'
import { Link, useLoaderData } from '@remix-run/react'
import { useTranslation } from 'react-i18next'
import type { Locale } from '#db/schema'
import { requireActor, STAFF } from '~/auth/require.server'
import { visitBoard } from '~/domain/visits/visits.server'
import { pageTitle } from '~/i18n/meta'
import { formatTimeRange } from '~/lib/dates'
import { orHttpError } from '~/lib/domain-response.server'

export const meta: MetaFunction = ({ matches }) => pageTitle(matches, 'visits.board.title')

export async function loader({ request, context }: LoaderFunctionArgs) {
  const actor = await requireActor(request, context, STAFF)
  return { months: await orHttpError(visitBoard(context.db, actor, new Date())) }
}

const STATUS_TONE = {
  planned: 'bg-stone-100 text-stone-800',
  team_open: 'bg-amber-100 text-amber-900',
  team_full: 'bg-green-100 text-green-900',
  done: 'bg-blue-100 text-blue-900',
  outcome_filed: 'bg-stone-200 text-stone-800',
} as const

export default function VisitBoard() {
  const { months } = useLoaderData<typeof loader>()
  const { t, i18n } = useTranslation()
  const locale = i18n.language as Locale
  return (
    <div className="space-y-6">
      <header>
        <h1 className="text-2xl font-bold text-brand-800">{t('visits.board.title')}</h1>
        <p className="text-sm text-stone-700">{t('visits.board.intro')}</p>
      </header>
      {months.length === 0 ? <p>{t('visits.board.none')}</p> : null}
      {months.map(({ month, visits }) => (
        <section key={month} aria-labelledby={`month-${month}`} className="space-y-2">
          <h2 id={`month-${month}`} className="text-lg font-semibold">
            {month}
          </h2>
          <ul className="grid gap-2 md:grid-cols-2">
            {visits.map((v) => (
              <li key={v.id} className="rounded-xl border border-stone-200 bg-white p-4">
                <div className="flex items-start justify-between gap-2">
                  <Link to={`/staff/visits/${v.id}`} className="font-medium text-brand-800 underline">
                    {v.title}
                  </Link>
                  <span className={`rounded-full px-2 py-0.5 text-xs ${STATUS_TONE[v.status]}`}>
                    {t(`visits.status.${v.status}`)}
                  </span>
                </div>
                <p className="text-sm text-stone-700">
                  {v.partner} · {formatTimeRange(v.startsAt, v.endsAt, locale)}
                </p>
                <p className="text-sm text-stone-700">
                  {t('visits.board.team', { confirmed: v.team.confirmed, capacity: v.team.capacity })}
                  {v.missing > 0 ? (
                    <span className="ml-2 font-medium text-red-800">
                      {t('visits.board.missing', { count: v.missing })}
                    </span>
                  ) : null}
                  {v.requiresInsurance ? (
                    <span className="ml-2 text-amber-900">{t('visits.board.insured')}</span>
                  ) : null}
                </p>
              </li>
            ))}
          </ul>
        </section>
      ))}
    </div>
  )
}
