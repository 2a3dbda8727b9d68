import { parseWithZod } from '@conform-to/zod/v4'
import { data, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from '@remix-run/node'
import { Form, useActionData, useLoaderData } from '@remix-run/react'
import { useTranslation } from 'react-i18next'
import { z } from 'zod'
import { ENTERED_FIGURES, type Locale } from '#db/schema'
import { requireActor, STAFF } from '~/auth/require.server'
import { ErrorList, Notice } from '~/components/form'
import { isAdmin } from '~/domain/policy'
import { CHART_HEIGHT, CHART_WIDTH, chartUrl, isChartId } from '~/domain/reports/charts'
import { saveEnteredFigures } from '~/domain/reports/entered.server'
import { ReportAction } from '~/domain/reports/forms'
import type { Section } from '~/domain/reports/model'
import {
  figureDefinition,
  figureName,
  labelText,
  sectionName,
  tableDefinition,
  tableName,
} from '~/domain/reports/present'
import { closeYear, reopenYear, serveReport } from '~/domain/reports/report.server'
import { scopeFromRequest, scopeSearch } from '~/domain/reports/scope.server'
import { summarySentences } from '~/domain/reports/sentences'
import { pageTitle } from '~/i18n/meta'
import { formatDayWithYear } from '~/lib/dates'
import { domainErrorResult } from '~/lib/form-errors.server'
import { optionalField, searchParams } from '~/lib/params.server'
import { requestMeta } from '~/lib/request-meta.server'
import { redirectWithToast } from '~/lib/toast.server'

const ChangesParam = z.object({ changes: optionalField(z.literal('1')) })

export const meta: MetaFunction = ({ matches }) => pageTitle(matches, 'reports.title')

export async function loader({ request, params, context }: LoaderFunctionArgs) {
  const actor = await requireActor(request, context, STAFF)
  const { scope, choices } = await scopeFromRequest(context.db, params.year, request)
  // Comparing a snapshot with the live data rebuilds the whole report: only when asked.
  const changesAsked = searchParams(request, ChangesParam).changes === '1'
  const served = await serveReport(context.db, actor, scope, new Date(), { withChanges: changesAsked })
  return { ...served, changesAsked, choices, search: scopeSearch(scope), admin: isAdmin(actor) }
}

export async function action({ request, params, context }: ActionFunctionArgs) {
  const actor = await requireActor(request, context, STAFF)
  const { scope } = await scopeFromRequest(context.db, params.year, request)
  const meta = requestMeta(context)
  const submission = parseWithZod(await request.formData(), { schema: ReportAction })
  if (submission.status !== 'success') return submission.reply()
  const back = `/reports/${scope.year}`
  try {
    const value = submission.value
    if (value.intent === 'entered') {
      await saveEnteredFigures(context.db, actor, scope.year, value, meta.now)
      return redirectWithToast(back, { key: 'reports.entered.saved' })
    }
    if (value.intent === 'close') {
      await closeYear(context.db, actor, scope.year, meta.now, meta.ip)
      return redirectWithToast(back, { key: 'reports.closed.done', params: { year: scope.year } })
    }
    await reopenYear(context.db, actor, scope.year, value.reason, meta.now, meta.ip)
    return redirectWithToast(back, { key: 'reports.closed.reopened', params: { year: scope.year } })
  } catch (error) {
    const { result, status } = domainErrorResult(submission, error)
    return data(result, { status })
  }
}

function SectionView({ section, year, search }: { section: Section; year: number; search: string }) {
  const { t, i18n } = useTranslation()
  return (
    <section
      aria-labelledby={`section-${section.id}`}
      className="report-section space-y-4 rounded-xl border border-stone-200 bg-white p-4"
    >
      <h2 id={`section-${section.id}`} className="text-xl font-semibold text-brand-800">
        {sectionName(section, t)}
      </h2>
      <dl className="grid gap-3 sm:grid-cols-2">
        {section.figures.map((f) => (
          <div key={f.id} data-figure={f.id} className="rounded-md bg-stone-50 p-3">
            <dt className="text-sm font-medium text-stone-700">{figureName(f, t)}</dt>
            <dd className="text-2xl font-bold tabular-nums">{f.value.toLocaleString('en-US')}</dd>
            <dd className="text-xs text-stone-600">
              <span className="font-medium">{t('reports.definition')}：</span>
              {figureDefinition(f, t)}
            </dd>
          </div>
        ))}
      </dl>
      {section.tables.map((table) => {
        const chart = table.id
        return (
          <div key={table.id} className="report-table grid gap-3 lg:grid-cols-2">
            {isChartId(chart) ? (
              // Drawn on the server (ECharts SSR) from the same report. The table beside it is its text for
              // screen readers (hence aria-hidden); the alt serves where the image does not load.
              <figure aria-hidden="true" className="overflow-x-auto">
                <img
                  src={chartUrl(year, chart, search)}
                  alt={tableName(table, t)}
                  width={CHART_WIDTH}
                  height={CHART_HEIGHT}
                  decoding="async"
                  className="max-w-none"
                />
              </figure>
            ) : null}
            <table className="w-full text-sm" data-table={table.id}>
              <caption className="text-left font-medium">
                {tableName(table, t)}
                <span className="block text-xs font-normal text-stone-600">{tableDefinition(table, t)}</span>
              </caption>
              <thead>
                <tr className="border-b border-stone-200 text-left">
                  <th scope="col" className="py-1" />
                  {table.measures.map((m) => (
                    <th key={m} scope="col" className="py-1 text-right">
                      {t(`reports.measure.${m}`)}
                    </th>
                  ))}
                </tr>
              </thead>
              <tbody>
                {table.rows.map((row, i) => (
                  <tr key={i} className="border-b border-stone-100">
                    <th scope="row" className="py-1 text-left font-normal">
                      {labelText(row.label, t, i18n.language)}
                    </th>
                    {row.values.map((v, j) => (
                      <td key={j} className="py-1 text-right tabular-nums">
                        {v.toLocaleString('en-US')}
                      </td>
                    ))}
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )
      })}
    </section>
  )
}

export default function YearReport() {
  const { t, i18n } = useTranslation()
  const locale = i18n.language as Locale
  const { report, closing, fromSnapshot, changes, changesAsked, choices, search, admin } =
    useLoaderData<typeof loader>()
  const errors = useActionData<typeof action>()
  const { scope } = report
  const year = scope.year
  const entered = new Map(report.entered.map((e) => [e.figure, e]))
  return (
    <div className="report space-y-6">
      <div>
        <h1 className="text-2xl font-bold text-brand-800">{t('reports.yearTitle', { year })}</h1>
        <p className="text-sm text-stone-700">{t('reports.period', { from: scope.from, to: scope.to })}</p>
      </div>
      {closing ? (
        <Notice>
          {fromSnapshot
            ? t('reports.closed.closedAt', {
                year,
                at: formatDayWithYear(closing.closedAt, locale),
                name: closing.closedBy ?? '—',
              })
            : t('reports.closed.filteredLive')}
        </Notice>
      ) : null}
      <Form method="get" className="no-print flex flex-wrap items-end gap-2" aria-label={t('reports.filters')}>
        <label className="text-sm font-medium">
          {t('reports.from')}
          <input
            type="date"
            name="from"
            defaultValue={scope.from}
            className="mt-1 block rounded-md border border-stone-300 px-2 py-1.5"
          />
        </label>
        <label className="text-sm font-medium">
          {t('reports.to')}
          <input
            type="date"
            name="to"
            defaultValue={scope.to}
            className="mt-1 block rounded-md border border-stone-300 px-2 py-1.5"
          />
        </label>
        <label className="text-sm font-medium">
          {t('reports.site')}
          <select
            name="site"
            defaultValue={scope.siteId ?? ''}
            className="mt-1 block rounded-md border border-stone-300 px-2 py-2"
          >
            <option value="">{t('reports.allSites')}</option>
            {choices.sites.map((s) => (
              <option key={s.id} value={s.id}>
                {s.name}
              </option>
            ))}
          </select>
        </label>
        <label className="text-sm font-medium">
          {t('reports.programme')}
          <select
            name="programme"
            defaultValue={scope.programmeId ?? ''}
            className="mt-1 block rounded-md border border-stone-300 px-2 py-2"
          >
            <option value="">{t('reports.allProgrammes')}</option>
            {choices.programmes.map((p) => (
              <option key={p.id} value={p.id}>
                {p.name}
              </option>
            ))}
          </select>
        </label>
        <button type="submit" className="rounded-md bg-brand-700 px-4 py-2 text-white hover:bg-brand-800">
          {t('reports.apply')}
        </button>
        <a href={`/reports/${year}`} className="px-2 py-2 text-brand-700 underline">
          {t('reports.reset')}
        </a>
      </Form>
      <p className="no-print flex flex-wrap gap-3 text-sm">
        <span className="font-medium">{t('reports.downloads')}：</span>
        <a href={`/reports/${year}.xlsx${search}`} download className="text-brand-700 underline">
          {t('reports.xlsx')}
        </a>
        <a href={`/reports/${year}.csv${search}`} download className="text-brand-700 underline">
          {t('reports.csv')}
        </a>
        <a href={`/reports/${year}.pdf${search}`} className="text-brand-700 underline">
          {t('reports.pdf')}
        </a>
      </p>
      <section aria-labelledby="summary" className="rounded-xl border border-brand-100 bg-brand-50 p-4">
        <h2 id="summary" className="text-lg font-semibold">
          {t('reports.summaryTitle')}
        </h2>
        <p className="text-xs text-stone-600">{t('reports.summaryIntro')}</p>
        {summarySentences(report, t).map((s, i) => (
          <p key={i} className="mt-2" data-sentence={i}>
            {s}
          </p>
        ))}
      </section>
      {report.sections.map((s) => (
        <SectionView key={s.id} section={s} year={year} search={search} />
      ))}
      <section
        aria-labelledby="entered"
        className="report-section space-y-3 rounded-xl border border-stone-200 bg-white p-4"
      >
        <h2 id="entered" className="text-xl font-semibold text-brand-800">
          {t('reports.entered.title')}
        </h2>
        <p className="text-sm text-stone-700">{t('reports.entered.intro')}</p>
        <Form method="post" className="space-y-2">
          <input type="hidden" name="intent" value="entered" />
          <ErrorList
            errors={
              errors?.error
                ? Object.values(errors.error)
                    .flat()
                    .filter((e): e is string => Boolean(e))
                : undefined
            }
          />
          {ENTERED_FIGURES.map((figure) => {
            const value = entered.get(figure)
            return (
              <div key={figure} className="flex flex-wrap items-center gap-3" data-entered={figure}>
                <label htmlFor={`entered-${figure}`} className="w-56 text-sm font-medium">
                  {t(`reports.entered.figure.${figure}`)}
                </label>
                <input
                  id={`entered-${figure}`}
                  name={figure}
                  inputMode="numeric"
                  defaultValue={value?.value ?? ''}
                  disabled={Boolean(closing)}
                  className="w-36 rounded-md border border-stone-300 px-2 py-1.5"
                />
                <span className="text-xs text-stone-600">
                  {value
                    ? `${t('reports.entered.marker')} · ${t('reports.entered.by', { name: value.enteredBy ?? '—', at: formatDayWithYear(value.enteredAt, locale) })}`
                    : t('reports.entered.none')}
                </span>
              </div>
            )
          })}
          {closing ? null : (
            <button
              type="submit"
              className="no-print rounded-md border border-stone-300 px-3 py-1.5 hover:bg-stone-100"
            >
              {t('reports.entered.save')}
            </button>
          )}
        </Form>
      </section>
      {closing && fromSnapshot ? (
        <section aria-labelledby="changes" className="rounded-xl border border-stone-200 bg-white p-4">
          <h2 id="changes" className="text-lg font-semibold">
            {t('reports.closed.changes')}
          </h2>
          {!changesAsked ? (
            <a href={`/reports/${year}?changes=1`} className="text-sm text-brand-700 underline">
              {t('reports.closed.showChanges')}
            </a>
          ) : changes.length === 0 ? (
            <p className="text-sm">{t('reports.closed.noChanges')}</p>
          ) : (
            <table className="w-full text-sm" data-table="changes">
              <thead>
                <tr className="text-left">
                  <th scope="col" />
                  <th scope="col" className="text-right">
                    {t('reports.closed.published')}
                  </th>
                  <th scope="col" className="text-right">
                    {t('reports.closed.live')}
                  </th>
                </tr>
              </thead>
              <tbody>
                {changes.map((c) => (
                  <tr key={c.path} data-change={c.path}>
                    <th scope="row" className="text-left font-normal">
                      {c.path}
                    </th>
                    <td className="text-right tabular-nums">{c.published ?? 0}</td>
                    <td className="text-right tabular-nums">{c.live ?? 0}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          )}
        </section>
      ) : null}
      {admin ? (
        <section aria-labelledby="closing" className="no-print rounded-xl border border-stone-200 bg-white p-4">
          <h2 id="closing" className="text-lg font-semibold">
            {t('reports.closed.title')}
          </h2>
          <p className="text-sm text-stone-700">{t('reports.closed.intro')}</p>
          {closing ? (
            <Form method="post" className="mt-2 flex flex-wrap items-end gap-2">
              <input type="hidden" name="intent" value="reopen" />
              <label className="text-sm font-medium">
                {t('reports.closed.reason')}
                <input
                  name="reason"
                  required
                  maxLength={500}
                  className="mt-1 block w-72 rounded-md border border-stone-300 px-2 py-1.5"
                />
              </label>
              <button type="submit" className="rounded-md border border-stone-300 px-3 py-1.5 hover:bg-stone-100">
                {t('reports.closed.reopen')}
              </button>
            </Form>
          ) : (
            <Form method="post" className="mt-2">
              <input type="hidden" name="intent" value="close" />
              <button type="submit" className="rounded-md bg-brand-700 px-4 py-2 text-white hover:bg-brand-800">
                {t('reports.closed.close', { year })}
              </button>
            </Form>
          )}
        </section>
      ) : null}
    </div>
  )
}
