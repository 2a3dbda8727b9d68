import { isRouteErrorResponse, useRouteError } from '@remix-run/react'
import { useTranslation } from 'react-i18next'

const messages = {
  400: ['errors.badRequestTitle', 'errors.badRequestBody'],
  403: ['errors.forbiddenTitle', 'errors.forbiddenBody'],
  404: ['errors.notFoundTitle', 'errors.notFoundBody'],
} as const

/** A translated error page. Stack traces are shown only in development. */
export function GeneralErrorBoundary() {
  const error = useRouteError()
  const { t } = useTranslation()
  const status = isRouteErrorResponse(error) ? error.status : 500
  const [title, body] =
    status in messages
      ? messages[status as keyof typeof messages]
      : (['errors.serverErrorTitle', 'errors.serverErrorBody'] as const)
  if (!isRouteErrorResponse(error)) console.error(error)
  return (
    <section className="mx-auto max-w-xl py-12 text-center" aria-labelledby="error-title">
      <p className="text-sm text-stone-500">{t('errors.statusCode', { status })}</p>
      <h1 id="error-title" className="mt-2 text-2xl font-bold text-brand-800">
        {t(title)}
      </h1>
      <p className="mt-4 text-stone-700">{t(body)}</p>
      <a href="/" className="mt-8 inline-block rounded-md bg-brand-700 px-4 py-2 text-white hover:bg-brand-800">
        {t('errors.backHome')}
      </a>
      {import.meta.env.DEV && error instanceof Error ? (
        <pre className="mt-8 overflow-auto rounded bg-stone-100 p-4 text-left text-xs">{error.stack}</pre>
      ) : null}
    </section>
  )
}
