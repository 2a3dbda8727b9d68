import { redirect, type ActionFunctionArgs } from '@remix-run/node'
import { endSessionCookie, optionalSession } from '~/auth/require.server'
import { invalidateSession } from '~/auth/session.server'
import { recordAudit } from '~/domain/audit/audit.server'
import { redirectWithToast } from '~/lib/toast.server'

/** Signing out is a POST (the header's button); the session row is deleted, so a copied cookie no longer works. */
export async function action({ request, context }: ActionFunctionArgs) {
  const session = await optionalSession(request, context)
  if (session) {
    await invalidateSession(context.db, session.sessionId)
    await recordAudit(
      context.db,
      { actorId: session.actor.accountId, action: 'sign_out', ip: context.clientIp },
      new Date(),
    )
  }
  return redirectWithToast(
    '/login',
    { key: 'account.signOut.done' },
    { headers: { 'Set-Cookie': endSessionCookie(context) } },
  )
}

export async function loader() {
  return redirect('/')
}
