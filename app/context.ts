import type { Kysely } from 'kysely'
import type { DB } from '#db/schema'
import type { SessionMemo } from './auth/require.server'
import type { Env } from './env.server'

declare module '@remix-run/node' {
  /** What the host (server/index.ts) hands every loader and action. */
  interface AppLoadContext {
    db: Kysely<DB>
    env: Env
    /** Per-request CSP nonce for inline scripts. */
    nonce: string
    /** The client's address, for throttling and the audit log. */
    clientIp: string
    /** Session look-ups shared by this request's loaders (GET and HEAD only; null for actions). */
    sessionMemo: SessionMemo | null
  }
}

export {}
