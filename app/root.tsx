import { data, type LinksFunction, type LoaderFunctionArgs, type MetaFunction } from '@remix-run/node'
import { Links, Meta, Outlet, Scripts, ScrollRestoration, useRouteLoaderData } from '@remix-run/react'
import { useMemo, type ReactNode } from 'react'
import { I18nextProvider } from 'react-i18next'
import { optionalActor } from '~/auth/require.server'
import { GeneralErrorBoundary } from '~/components/error-boundary'
import { ToastNotice } from '~/components/toast'
import { SiteFooter, SiteHeader } from '~/components/layout'
import { createI18n, DEFAULT_LOCALE } from '~/i18n/i18n'
import { getLocale } from '~/i18n/locale.server'
import { pageTitle } from '~/i18n/meta'
import { useNonce } from '~/lib/nonce'
import { readToast } from '~/lib/toast.server'
import stylesheet from '~/tailwind.css?url'

export const links: LinksFunction = () => [
  { rel: 'stylesheet', href: stylesheet },
  { rel: 'icon', href: '/favicon.svg', type: 'image/svg+xml' },
]

export const meta: MetaFunction = ({ matches }) => pageTitle(matches)

export async function loader({ request, context }: LoaderFunctionArgs) {
  const actor = await optionalActor(request, context)
  const { toast, headers } = await readToast(request)
  return data(
    {
      locale: getLocale(request),
      user: actor && { name: actor.name, role: actor.role, emailVerified: actor.emailVerified },
      toast,
    },
    { headers },
  )
}

export function Layout({ children }: { children: ReactNode }) {
  const data = useRouteLoaderData<typeof loader>('root')
  const locale = data?.locale ?? DEFAULT_LOCALE
  const i18n = useMemo(() => createI18n(locale), [locale])
  const nonce = useNonce()
  return (
    <html lang={locale} className="h-full">
      <head>
        <meta charSet="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <Meta />
        <Links />
      </head>
      <body className="flex min-h-full flex-col bg-stone-50 font-sans text-ink antialiased">
        <I18nextProvider i18n={i18n}>
          <SiteHeader user={data?.user ?? null} />
          <main id="main" className="mx-auto w-full max-w-5xl flex-1 px-4 py-6 sm:px-6">
            <ToastNotice toast={data?.toast ?? null} />
            {children}
          </main>
          <SiteFooter />
        </I18nextProvider>
        <ScrollRestoration nonce={nonce} />
        <Scripts nonce={nonce} />
      </body>
    </html>
  )
}

export default function App() {
  return <Outlet />
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />
}
