import type { AppLoadContext } from '@remix-run/node'
import type { RequestMeta } from '~/domain/accounts/request-meta'

export function requestMeta(context: AppLoadContext): RequestMeta {
  return { now: new Date(), ip: context.clientIp, appOrigin: context.env.APP_ORIGIN }
}
