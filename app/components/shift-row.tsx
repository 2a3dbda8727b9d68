import { Link } from '@remix-run/react'
import { useTranslation } from 'react-i18next'
import type { Locale } from '#db/schema'
import { availabilityOf } from '~/domain/shifts/availability'
import type { OpenShiftItem } from '~/domain/shifts/shifts.server'
import { formatTimeRange } from '~/lib/dates'

const badge = {
  open: 'bg-emerald-50 text-emerald-800',
  almost_full: 'bg-amber-50 text-amber-800',
  full: 'bg-stone-200 text-stone-700',
} as const

export function ShiftRow({ shift }: { shift: OpenShiftItem }) {
  const { t, i18n } = useTranslation()
  const availability = availabilityOf(shift.confirmed_count, shift.capacity)
  const label =
    availability === 'full'
      ? t('shift.full')
      : availability === 'almost_full'
        ? t('shift.almostFull')
        : t('shift.seatsLeft', { count: shift.capacity - shift.confirmed_count })
  return (
    <li className="flex flex-wrap items-center justify-between gap-2 px-4 py-3">
      <div className="min-w-0">
        <p className="font-medium">
          <Link to={`/shifts/${shift.id}`} className="text-brand-800 underline-offset-2 hover:underline">
            {t(`shift.role.${shift.role}`)}
            {shift.place_name ? <span className="text-stone-600"> · {shift.place_name}</span> : null}
          </Link>
        </p>
        <p className="text-sm text-stone-600">
          {formatTimeRange(shift.starts_at, shift.ends_at, i18n.language as Locale)}
        </p>
        {shift.activity_title ? <p className="text-xs text-stone-500">{shift.activity_title}</p> : null}
      </div>
      <span className={`shrink-0 rounded px-2 py-1 text-xs ${badge[availability]}`}>
        {label}
        <span className="sr-only">
          {' '}
          ({t('shift.seatsOf', { confirmed: shift.confirmed_count, capacity: shift.capacity })})
        </span>
      </span>
    </li>
  )
}
