import { redirect, type AppLoadContext } from '@remix-run/node'
import type { Role } from '#db/schema'
import type { Actor } from '~/domain/actor'
import { clearSessionCookie, readSessionToken, serializeSessionCookie, type CookieOptions } from './cookie.server'
import { validateSessionToken } from './session.server'

export function cookieOptions(context: AppLoadContext): CookieOptions {
  return { secure: context.env.APP_ORIGIN.startsWith('https:') }
}

/** The signed-in actor, or null. Every loader and action asks this itself: layouts protect nothing. */
export async function optionalActor(request: Request, context: AppLoadContext): Promise<Actor | null> {
  const token = readSessionToken(request, cookieOptions(context))
  if (!token) return null
  const valid = await validateSessionToken(context.db, token, new Date())
  return valid?.actor ?? null
}

export async function optionalSession(request: Request, context: AppLoadContext) {
  const token = readSessionToken(request, cookieOptions(context))
  return token ? validateSessionToken(context.db, token, new Date()) : null
}

/** The signed-in actor; anyone else goes to the sign-in page and comes back afterwards. */
export async function requireActor(request: Request, context: AppLoadContext, roles?: readonly Role[]): Promise<Actor> {
  const actor = await optionalActor(request, context)
  if (!actor) {
    const url = new URL(request.url)
    const back = url.pathname + url.search
    throw redirect(`/login?redirectTo=${encodeURIComponent(back)}`, {
      headers: { 'Set-Cookie': clearSessionCookie(cookieOptions(context)) },
    })
  }
  if (roles && !roles.includes(actor.role)) throw new Response(null, { status: 403 })
  return actor
}

/** Staff pages: coordinators and admins. */
export const STAFF: readonly Role[] = ['coordinator', 'admin']

/** The Set-Cookie header that starts a session in this browser. */
export function sessionCookie(context: AppLoadContext, session: { token: string; maxAgeSeconds: number }): string {
  return serializeSessionCookie(session.token, session.maxAgeSeconds, cookieOptions(context))
}

export function endSessionCookie(context: AppLoadContext): string {
  return clearSessionCookie(cookieOptions(context))
}
