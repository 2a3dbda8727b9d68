import { redirect, type ActionFunctionArgs } from '@remix-run/node'
import { isLocale } from '~/i18n/i18n'
import { localeCookie } from '~/i18n/locale.server'
import { safeRedirectPath } from '~/lib/http'

/** The language switch: remembers the choice in a cookie and goes back to the page. */
export async function action({ request }: ActionFunctionArgs) {
  const form = await request.formData()
  const locale = form.get('locale')
  const redirectTo = safeRedirectPath(form.get('redirectTo'))
  if (!isLocale(locale)) throw new Response(null, { status: 400 })
  const secure = new URL(request.url).protocol === 'https:'
  return redirect(redirectTo, { headers: { 'Set-Cookie': localeCookie(locale, secure) } })
}

export async function loader() {
  throw new Response(null, { status: 404 })
}
