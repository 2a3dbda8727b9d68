/**
 * Resource routes (PDF, CSV) have no error boundary: a refusal would reach the
 * reader as a bare status. This answers it as short translated text instead.
 */
import { DomainError } from '~/domain/errors'
import { createI18n } from '~/i18n/i18n'
import { getLocale } from '~/i18n/locale.server'

const TITLES = { 400: 'errors.badRequestTitle', 403: 'errors.forbiddenTitle', 404: 'errors.notFoundTitle' } as const

export async function withTranslatedErrors(request: Request, fn: () => Promise<Response>): Promise<Response> {
  try {
    return await fn()
  } catch (error) {
    const { t } = createI18n(getLocale(request))
    const text = (status: number, message: string) =>
      new Response(`${message}\n`, {
        status,
        headers: { 'Content-Type': 'text/plain; charset=utf-8', 'Cache-Control': 'no-store' },
      })
    if (error instanceof DomainError) return text(error.status, t(error.code as never))
    if (error instanceof Response && error.status in TITLES && !error.body)
      return text(error.status, t(TITLES[error.status as keyof typeof TITLES]))
    throw error
  }
}
