import type { LoaderFunctionArgs } from '@remix-run/node'
import { checkDatabase } from '~/domain/system/health.server'

/** For load balancers and the start script: 200 when the database answers. */
export async function loader({ context }: LoaderFunctionArgs) {
  await checkDatabase(context.db)
  return new Response('ok', { headers: { 'Content-Type': 'text/plain', 'Cache-Control': 'no-store' } })
}
