import type { TFunction } from 'i18next'
import { useTranslation } from 'react-i18next'
import { availabilityOf } from '~/domain/shifts/availability'
import type { ShiftCard } from '~/domain/shifts/calendar.server'

export function availabilityText(t: TFunction, shift: Pick<ShiftCard, 'status' | 'capacity' | 'confirmed_count'>) {
  if (shift.status === 'cancelled') return t('calendar.cancelled')
  const availability = availabilityOf(shift.confirmed_count, shift.capacity)
  if (availability === 'full') return t('shift.full')
  if (availability === 'almost_full') return t('shift.almostFull')
  return t('shift.seatsLeft', { count: shift.capacity - shift.confirmed_count })
}

const badge = {
  open: 'bg-emerald-50 text-emerald-800 ring-emerald-200',
  almost_full: 'bg-amber-50 text-amber-900 ring-amber-300',
  full: 'bg-stone-200 text-stone-700 ring-stone-300',
  cancelled: 'bg-red-50 text-red-800 ring-red-200',
} as const

export function AvailabilityBadge({ shift }: { shift: ShiftCard }) {
  const { t } = useTranslation()
  const state = shift.status === 'cancelled' ? 'cancelled' : availabilityOf(shift.confirmed_count, shift.capacity)
  return (
    <span className={`shrink-0 rounded px-2 py-0.5 text-xs ring-1 ${badge[state]}`}>
      {availabilityText(t, shift)}
      <span className="sr-only">
        {' '}
        ({t('shift.seatsOf', { confirmed: shift.confirmed_count, capacity: shift.capacity })})
      </span>
    </span>
  )
}

/** Black or white text, whichever reads better on the programme colour. */
export function textOn(hex: string): string {
  const n = Number.parseInt(hex.slice(1), 16)
  const [r, g, b] = [(n >> 16) & 255, (n >> 8) & 255, n & 255].map((c) => {
    const s = c / 255
    return s <= 0.03928 ? s / 12.92 : ((s + 0.055) / 1.055) ** 2.4
  }) as [number, number, number]
  const luminance = 0.2126 * r + 0.7152 * g + 0.0722 * b
  return luminance > 0.18 ? '#1c1917' : '#ffffff'
}

export function shiftLabel(t: TFunction, shift: Pick<ShiftCard, 'role' | 'place_name'>) {
  return [t(`shift.role.${shift.role}`), shift.place_name].filter(Boolean).join(' · ')
}
