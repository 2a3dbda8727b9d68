import { redirect, type AppLoadContext } from '@remix-run/node'
import type { Role } from '#db/schema'
import type { Actor } from '~/domain/actor'
import { clearSessionCookie, readSessionToken, serializeSessionCookie, type CookieOptions } from './cookie.server'
import { validateSessionToken, type ValidSession } from './session.server'

/**
 * The session look-ups of one read-only request, by token, so the root loader and the route's
 * loader validate the session once between them. Never shared across requests, and not made
 * for actions, which may end or replace the session before loaders run again.
 */
export type SessionMemo = Map<string, Promise<ValidSession | null>>

export const sessionMemoFor = (method: string): SessionMemo | null =>
  method === 'GET' || method === 'HEAD' ? new Map() : null

export function cookieOptions(context: AppLoadContext): CookieOptions {
  return { secure: context.env.APP_ORIGIN.startsWith('https:') }
}

/** The signed-in actor, or null. Every loader and action asks this itself: layouts protect nothing. */
export async function optionalActor(request: Request, context: AppLoadContext): Promise<Actor | null> {
  return (await optionalSession(request, context))?.actor ?? null
}

export async function optionalSession(request: Request, context: AppLoadContext): Promise<ValidSession | null> {
  const token = readSessionToken(request, cookieOptions(context))
  if (!token) return null
  const memo = context.sessionMemo
  const known = memo?.get(token)
  if (known) return known
  const lookup = validateSessionToken(context.db, token, new Date())
  memo?.set(token, lookup)
  return lookup
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
