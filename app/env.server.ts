import { z } from 'zod'

const schema = z.object({
  NODE_ENV: z.enum(['development', 'production', 'test']).default('development'),
  /** Empty: the default file data/tongxing.db; otherwise anything `createDatabase` in db/connect.ts accepts. */
  DATABASE_URL: z.string().optional(),
  HOST: z.string().default('127.0.0.1'),
  PORT: z.coerce.number().int().min(0).max(65535).default(3000),
  /** The origin users reach the app at, e.g. https://tongxing.example.org; used for links in mail and origin checks. */
  APP_ORIGIN: z.url().optional(),
  /** `false` stops the app from filling an empty database with the demo data. */
  SEED_DEMO_DATA: z.enum(['true', 'false']).default('true'),
  /** `smtp://user:pass@host:587` or `smtps://…`; empty: mail is written to MAIL_DIR and shown at /dev/mail. */
  SMTP_URL: z.string().optional(),
  /** The From header of every email. */
  MAIL_FROM: z.string().optional(),
  /** Where mail is captured when there is no SMTP_URL. */
  MAIL_DIR: z.string().default('data/mail'),
  /** `false` stops this process from sending the outbox (e.g. a web-only replica). */
  MAIL_WORKER: z.enum(['true', 'false']).default('true'),
  /** Worker processes of the production server; empty: one per core (os.availableParallelism()); 1: a single process. */
  WEB_CONCURRENCY: z.preprocess(
    (value) => (value === '' ? undefined : value),
    z.coerce.number().int().min(1).max(64).optional(),
  ),
  /** Pooled database connections per process (processes × this must stay under the server's max_connections). */
  DATABASE_POOL_SIZE: z.coerce.number().int().min(1).max(100).default(10),
  /** `true` behind a reverse proxy, so the client address comes from X-Forwarded-For. */
  TRUST_PROXY: z.enum(['true', 'false']).default('false'),
  /** 32 bytes (64 hex digits or base64) that encrypt ID numbers; empty: data/certificate-id.key, made at first boot. */
  CERTIFICATE_ID_KEY: z
    .string()
    .regex(/^(?:[0-9a-fA-F]{64}|[A-Za-z0-9+/_-]{43}=?)$/, 'must be 32 bytes as 64 hex digits or base64')
    .optional(),
  /** Printed on certificates as the issuer's person in charge (负责人); empty: a line to sign on. */
  CERTIFICATE_PERSON_IN_CHARGE: z.string().max(50).default(''),
  /** Printed on certificates as the issuer's contact (telephone or address); empty: a line to fill in. */
  CERTIFICATE_CONTACT: z.string().max(100).default(''),
})

export type Env = z.infer<typeof schema> & { APP_ORIGIN: string }

/** Reads and checks the environment once; a bad value stops the app at boot with a clear message. */
export function loadEnv(source: Record<string, string | undefined> = process.env): Env {
  const parsed = schema.safeParse(source)
  if (!parsed.success) {
    throw new Error(`Invalid environment:\n${z.prettifyError(parsed.error)}`)
  }
  const env = parsed.data
  const host = env.HOST === '0.0.0.0' || env.HOST === '::' ? 'localhost' : env.HOST
  return { ...env, APP_ORIGIN: env.APP_ORIGIN ?? `http://${host}:${env.PORT}` }
}
