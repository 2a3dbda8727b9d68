/**
 * The message shown once after a redirect ("已保存", "报名成功"), as the Epic
 * Stack does it: a short-lived cookie carries an i18n key (and its values),
 * the root loader reads it and clears it, the layout shows it. URLs stay clean:
 * a reload or a shared link shows no stale "saved".
 */
import { createCookie, redirect, type TypedResponse } from '@remix-run/node'
import { resources } from '~/i18n/i18n'
import { ToastSchema, type ShownToast, type Toast } from './toast'

export type { ShownToast, Toast }

const toastCookie = createCookie('toast', { path: '/', httpOnly: true, sameSite: 'lax', maxAge: 60 })

/** Only keys the app has: the cookie is not signed, so it may say nothing the app would not say itself. */
function isKnownKey(key: string): boolean {
  let node: unknown = resources['zh-CN'].translation
  for (const part of key.split('.')) {
    if (typeof node !== 'object' || node === null || !Object.hasOwn(node, part)) return false
    node = (node as Record<string, unknown>)[part]
  }
  return typeof node === 'string'
}

export async function toastHeader(toast: Toast): Promise<string> {
  if (!isKnownKey(toast.key)) throw new Error(`Unknown toast key ${toast.key}`)
  const id = `${Date.now().toString(36)}${Math.random().toString(36).slice(2, 8)}`
  return toastCookie.serialize({ ...toast, id })
}

/** A redirect that shows `toast` on the next page; `init.headers` (a session cookie) are kept. */
export async function redirectWithToast(
  url: string,
  toast: Toast,
  init: ResponseInit = {},
): Promise<TypedResponse<never>> {
  const headers = new Headers(init.headers)
  headers.append('Set-Cookie', await toastHeader(toast))
  return redirect(url, { ...init, headers })
}

/** The pending toast, if any, and the header that clears it. */
export async function readToast(request: Request): Promise<{ toast: ShownToast | null; headers: Headers }> {
  const headers = new Headers()
  const cookieHeader = request.headers.get('Cookie')
  if (!cookieHeader?.includes('toast=')) return { toast: null, headers }
  const parsed = ToastSchema.safeParse(await toastCookie.parse(cookieHeader).catch(() => null))
  headers.append('Set-Cookie', await toastCookie.serialize('', { maxAge: 0 }))
  return { toast: parsed.success && isKnownKey(parsed.data.key) ? parsed.data : null, headers }
}
