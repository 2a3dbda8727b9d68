import { redirect, type ActionFunctionArgs } from '@remix-run/node'
import { requireActor } from '~/auth/require.server'
import { exportAccountData } from '~/domain/accounts/privacy.server'
import { shanghaiDay } from '~/lib/dates'
import { requestMeta } from '~/lib/request-meta.server'

/** The volunteer's own data as a JSON file (PIPL Art. 45). */
export async function action({ request, context }: ActionFunctionArgs) {
  const actor = await requireActor(request, context)
  const meta = requestMeta(context)
  const exported = await exportAccountData(context.db, actor, meta)
  return new Response(JSON.stringify(exported, null, 2), {
    headers: {
      'Content-Type': 'application/json; charset=utf-8',
      'Content-Disposition': `attachment; filename="tongxing-my-data-${shanghaiDay(meta.now)}.json"`,
      'Cache-Control': 'no-store',
    },
  })
}

export async function loader() {
  return redirect('/me/privacy')
}
