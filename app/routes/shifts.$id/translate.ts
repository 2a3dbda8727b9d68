import type { Locale } from '#db/schema'
import { format } from 'date-fns'
import type { ParseKeys, TFunction } from 'i18next'
import { formatDay, inShanghai } from '~/lib/dates'

export function formatInstant(instant: string, locale: Locale) {
  return `${formatDay(instant, locale)} ${format(inShanghai(instant), 'HH:mm')}`
}

/** Translates a reason or error key; its instants (`date`, `…At`) are formatted in the reader's locale first. */
export function translate(t: TFunction, locale: Locale, key: string, params: Record<string, string | number> = {}) {
  const formatted = Object.fromEntries(
    Object.entries(params).map(([name, value]) =>
      (name === 'date' || name.endsWith('At')) && typeof value === 'string' && !Number.isNaN(Date.parse(value))
        ? [name, formatInstant(value, locale)]
        : [name, value],
    ),
  )
  return t(key as ParseKeys, { ...formatted, defaultValue: t('form.invalid') })
}
