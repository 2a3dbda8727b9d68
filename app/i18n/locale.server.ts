import type { Locale } from '#db/schema'
import { DEFAULT_LOCALE, isLocale, LOCALE_COOKIE } from './i18n'

/** The reader's chosen locale from the `lng` cookie; Simplified Chinese otherwise. */
export function getLocale(request: Request): Locale {
  const cookies = request.headers.get('cookie') ?? ''
  for (const part of cookies.split(';')) {
    const [name, value] = part.trim().split('=')
    if (name === LOCALE_COOKIE && isLocale(decodeURIComponent(value ?? ''))) return decodeURIComponent(value!) as Locale
  }
  return DEFAULT_LOCALE
}

export function localeCookie(locale: Locale, secure: boolean): string {
  return `${LOCALE_COOKIE}=${encodeURIComponent(locale)}; Path=/; Max-Age=31536000; SameSite=Lax${secure ? '; Secure' : ''}`
}
