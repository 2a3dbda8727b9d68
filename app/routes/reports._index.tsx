import { redirect, type LoaderFunctionArgs, type MetaFunction } from '@remix-run/node'
import { Form, Link, useLoaderData } from '@remix-run/react'
import { useTranslation } from 'react-i18next'
import { requireActor, STAFF } from '~/auth/require.server'
import { reportYears } from '~/domain/reports/report.server'
import { parseYear } from '~/domain/reports/scope.server'
import { pageTitle } from '~/i18n/meta'
import { badRequest } from '~/lib/params.server'

export const meta: MetaFunction = ({ matches }) => pageTitle(matches, 'reports.title')

export async function loader({ request, context }: LoaderFunctionArgs) {
  await requireActor(request, context, STAFF)
  const chosen = new URL(request.url).searchParams.get('year')
  if (chosen !== null) throw redirect(`/reports/${parseYear(chosen) ?? badRequest()}`)
  return { years: await reportYears(context.db, new Date()) }
}

export default function Reports() {
  const { t } = useTranslation()
  const { years } = useLoaderData<typeof loader>()
  return (
    <div className="space-y-6">
      <div>
        <h1 className="text-2xl font-bold text-brand-800">{t('reports.title')}</h1>
        <p className="text-sm text-stone-700">{t('reports.intro')}</p>
      </div>
      <Form method="get" className="flex items-end gap-2">
        <div>
          <label htmlFor="year" className="block text-sm font-medium">
            {t('reports.pickYear')}
          </label>
          <select id="year" name="year" className="mt-1 rounded-md border border-stone-300 px-3 py-2">
            {years.map((y) => (
              <option key={y.year} value={y.year}>
                {y.year}
              </option>
            ))}
          </select>
        </div>
        <button type="submit" className="rounded-md bg-brand-700 px-4 py-2 text-white hover:bg-brand-800">
          {t('reports.open')}
        </button>
      </Form>
      <ul className="flex flex-wrap gap-2">
        {years.map((y) => (
          <li key={y.year}>
            <Link
              to={`/reports/${y.year}`}
              className="block rounded-md border border-stone-300 px-3 py-2 hover:bg-stone-100"
            >
              {y.year}
              {y.closed ? <span className="ml-2 text-xs text-stone-600">{t('reports.closedBadge')}</span> : null}
            </Link>
          </li>
        ))}
      </ul>
    </div>
  )
}
