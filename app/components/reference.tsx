import { Form, Link } from '@remix-run/react'
import type { ParseKeys } from 'i18next'
import type { ReactNode } from 'react'
import { useTranslation } from 'react-i18next'
import type { Locale } from '#db/schema'
import { formatDayWithYear } from '~/lib/dates'

/** A reference list's title, its show filter (in use / archived / all) and, for admins, the new link. */
export function ReferenceListHeader({
  title,
  base,
  show,
  canManage,
}: {
  title: ParseKeys
  base: string
  show: string
  canManage: boolean
}) {
  const { t } = useTranslation()
  return (
    <div className="space-y-3">
      <div className="flex flex-wrap items-center justify-between gap-3">
        <h1 className="text-2xl font-bold text-brand-800">{t(title)}</h1>
        {canManage ? (
          <Link to={`${base}/new`} className="rounded-md bg-brand-700 px-4 py-2 text-white hover:bg-brand-800">
            {t('reference.list.new')}
          </Link>
        ) : null}
      </div>
      <Form method="get" className="flex items-end gap-2">
        <label className="text-sm">
          {t('reference.list.show')}
          <select
            name="show"
            defaultValue={show}
            className="mt-1 block rounded-md border border-stone-300 bg-white px-3 py-2"
          >
            <option value="current">{t('reference.list.showCurrent')}</option>
            <option value="archived">{t('reference.list.showArchived')}</option>
            <option value="all">{t('reference.list.showAll')}</option>
          </select>
        </label>
        <button type="submit" className="rounded-md border border-stone-300 px-3 py-2 hover:bg-stone-100">
          {t('reference.list.filter')}
        </button>
      </Form>
    </div>
  )
}

export function ReferenceRow({
  to,
  name,
  archived,
  children,
}: {
  to: string
  name: string
  archived: boolean
  children?: ReactNode
}) {
  const { t } = useTranslation()
  return (
    <li className="flex flex-wrap items-baseline justify-between gap-2 px-4 py-3">
      <div>
        <Link to={to} className="font-medium text-brand-800 underline">
          {name}
        </Link>
        {archived ? (
          <span className="ml-2 rounded bg-stone-200 px-2 py-0.5 text-xs">{t('reference.list.archived')}</span>
        ) : null}
      </div>
      <div className="text-sm text-stone-700">{children}</div>
    </li>
  )
}

/** Archive or restore: nothing in use is deleted. */
export function ArchiveSection({ archivedAt }: { archivedAt: string | null }) {
  const { t, i18n } = useTranslation()
  return (
    <section className="space-y-2 rounded-xl border border-stone-200 bg-white p-5">
      <h2 className="text-lg font-semibold">{t('reference.archive.title')}</h2>
      <p className="text-sm text-stone-700">
        {archivedAt
          ? t('reference.archive.archivedNotice', { at: formatDayWithYear(archivedAt, i18n.language as Locale) })
          : t('reference.archive.intro')}
      </p>
      <Form method="post">
        <input type="hidden" name="intent" value={archivedAt ? 'restore' : 'archive'} />
        <button type="submit" className="rounded-md border border-stone-300 px-4 py-2 hover:bg-stone-100">
          {t(archivedAt ? 'reference.archive.restore' : 'reference.archive.submit')}
        </button>
      </Form>
    </section>
  )
}
