import type { MetaArgs } from '@remix-run/node'
import type { ParseKeys } from 'i18next'
import { createI18n, DEFAULT_LOCALE, isLocale } from './i18n'

/** `<title>` in the reader's language: "活动 · 同行". */
export function pageTitle(matches: MetaArgs['matches'], key?: ParseKeys) {
  const data = matches.find((m) => m.id === 'root')?.data as { locale?: unknown } | undefined
  const t = createI18n(isLocale(data?.locale) ? data.locale : DEFAULT_LOCALE).t
  const app = `${t('app.name')} · ${t('app.library')}`
  return [{ title: key ? `${t(key)} · ${app}` : app }]
}
