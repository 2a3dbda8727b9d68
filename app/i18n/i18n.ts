import i18next, { type i18n } from 'i18next'
import type { Locale } from '#db/schema'
import en from './locales/en'
import zhCN from './locales/zh-CN'

export const DEFAULT_LOCALE: Locale = 'zh-CN'
export const LOCALE_COOKIE = 'lng'

export const resources = {
  'zh-CN': { translation: zhCN },
  en: { translation: en },
} as const

export function isLocale(value: unknown): value is Locale {
  return value === 'zh-CN' || value === 'en'
}

/**
 * One i18next instance per render: both locales are bundled (they are small), so
 * it initialises synchronously on the server and in the browser alike.
 */
export function createI18n(locale: Locale): i18n {
  const instance = i18next.createInstance()
  void instance.init({
    lng: locale,
    fallbackLng: DEFAULT_LOCALE,
    resources,
    initAsync: false,
    interpolation: { escapeValue: false },
    returnNull: false,
    // One namespace and dotted keys: saying so spares every t() the guess at what the key's separators mean.
    nsSeparator: false,
    keySeparator: '.',
  })
  return instance
}
