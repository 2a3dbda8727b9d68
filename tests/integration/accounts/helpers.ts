/**
 * Shared set-up for the account suites: accounts inserted straight into the
 * database (one shared Argon2 hash where the password is not under test),
 * signed-in HTTP clients, raw requests without the client's fetch metadata,
 * mail parsing and whole-database snapshots.
 */
import { createHash } from 'node:crypto'
import { sql, type Kysely } from 'kysely'
import { expect } from 'vitest'
import { dialectOf } from '#db/dialect'
import type { DB, Locale, Role } from '#db/schema'
import { hashPassword } from '~/auth/password.server'
import { createSession } from '~/auth/session.server'
import { shanghaiDay } from '~/lib/dates'
import type { CapturedMail, TestApp } from '../../support/app'
import type { HttpClient } from '../../support/http-client'

/** The password of every account the helpers create, unless a test gives its own. */
export const PASSWORD = 'correct horse battery staple'

let sharedHash: Promise<string> | undefined
/** Argon2 costs ~15 ms; accounts whose password is not under test share one hash of PASSWORD. */
export const sharedPasswordHash = () => (sharedHash ??= hashPassword(PASSWORD))

let counter = 0
const next = () => ++counter

/** A distinct client address per call, so one test's rate-limit buckets never touch another's. */
export function nextIp(): string {
  const n = next()
  return `10.${(n >> 16) & 255}.${(n >> 8) & 255}.${n & 255}`
}

/** A valid mainland mobile number, distinct per call. */
export function nextPhone(): string {
  return `139${String(next()).padStart(8, '0')}`
}

export const today = () => shanghaiDay(new Date())

/** `YYYY-MM-DD` that many years before today (Asia/Shanghai). */
export function yearsAgo(years: number): string {
  const [y, m, d] = today().split('-') as [string, string, string]
  return `${Number(y) - years}-${m}-${d === '29' && m === '02' ? '28' : d}`
}

export const ADULT_BIRTH_DATE = () => yearsAgo(30)
export const MINOR_BIRTH_DATE = () => yearsAgo(10)

export interface GuardianSpec {
  name: string
  relation: string
  phone: string
  consent: boolean
}

export interface AccountSpec {
  role?: Role
  email?: string
  name?: string
  phone?: string | null
  /** Hashed for real when given; otherwise the shared hash of PASSWORD. */
  password?: string
  /** Volunteers get a profile; null for none. Default: an adult. */
  birthDate?: string | null
  guardian?: GuardianSpec
  emergencyContact?: { name: string; phone: string }
  verified?: boolean
  partnerOrganisationId?: number
  locale?: Locale
}

export interface TestAccount {
  id: number
  email: string
  name: string
  phone: string | null
  password: string
  role: Role
}

/** Inserts an account (and, for a volunteer, a profile) directly. */
export async function createAccount(db: Kysely<DB>, spec: AccountSpec = {}): Promise<TestAccount> {
  const n = next()
  const role = spec.role ?? 'volunteer'
  const email = spec.email ?? `user${n}.${role}@example.org`
  const name = spec.name ?? `测试用户${n}`
  const phone = spec.phone === undefined ? nextPhone() : spec.phone
  const password = spec.password ?? PASSWORD
  const passwordHash = spec.password === undefined ? await sharedPasswordHash() : await hashPassword(spec.password)
  const now = new Date().toISOString()
  const account = await db
    .insertInto('account')
    .values({
      name,
      email,
      email_normalised: email.trim().toLowerCase(),
      phone,
      role,
      partner_organisation_id: role === 'partner_contact' ? (spec.partnerOrganisationId ?? null) : null,
      password_hash: passwordHash,
      email_verified_at: spec.verified === false ? null : now,
      locale: spec.locale ?? 'zh-CN',
      status: 'active',
      created_at: now,
      updated_at: now,
    })
    .returning('id')
    .executeTakeFirstOrThrow()
  const birthDate = spec.birthDate === undefined ? ADULT_BIRTH_DATE() : spec.birthDate
  if (role === 'volunteer' && birthDate !== null) {
    const guardian = spec.guardian
    await db
      .insertInto('volunteer_profile')
      .values({
        account_id: account.id,
        volunteer_number: `GL-TEST-${String(account.id).padStart(5, '0')}`,
        birth_date: birthDate,
        skills: '[]',
        interests: '[]',
        availability: '[]',
        emergency_contact_name: spec.emergencyContact?.name ?? null,
        emergency_contact_phone: spec.emergencyContact?.phone ?? null,
        guardian_name: guardian?.name ?? null,
        guardian_relation: guardian?.relation ?? null,
        guardian_phone: guardian?.phone ?? null,
        guardian_consent_on: guardian?.consent ? today() : null,
        privacy_consent_at: now,
        created_at: now,
        updated_at: now,
      })
      .execute()
  }
  return { id: account.id, email, name, phone, password, role }
}

export async function createPartnerOrganisation(db: Kysely<DB>, name: string): Promise<number> {
  const now = new Date().toISOString()
  const row = await db
    .insertInto('partner_organisation')
    .values({
      name,
      kind: 'school',
      address: null,
      contact_name: null,
      contact_phone: null,
      contact_email: null,
      agreement_signed_on: null,
      notes: null,
      created_at: now,
      updated_at: now,
    })
    .returning('id')
    .executeTakeFirstOrThrow()
  return row.id
}

/** The session cookie's name for this app (`__Host-session` over https). */
export const sessionCookieName = (app: TestApp) =>
  app.env.APP_ORIGIN.startsWith('https:') ? '__Host-session' : 'session'

/** Signs in through POST /login, like a person would; fails the test unless it worked. */
export async function signInClient(
  app: TestApp,
  email: string,
  password = PASSWORD,
  ip = nextIp(),
): Promise<HttpClient> {
  const client = app.client({ ip })
  const response = await client.post('/login', { email, password, redirectTo: '/me' })
  expect(response.status, `sign-in of ${email}`).toBe(302)
  expect(response.headers.get('location')).toBe('/me')
  expect(client.cookie(sessionCookieName(app))).toBeTruthy()
  return client
}

/** A client holding a session created directly (no Argon2, no rate limit): for tests where signing in is not the subject. */
export async function sessionClient(
  app: TestApp,
  account: { id: number; role: Role },
  ip = nextIp(),
): Promise<HttpClient> {
  const session = await createSession(app.database.db, account, new Date())
  const client = app.client({ ip })
  client.setCookie(sessionCookieName(app), session.token)
  return client
}

/** A request with exactly these headers: no cookie jar, no default fetch metadata. */
export function rawRequest(
  app: TestApp,
  path: string,
  init: { method?: string; headers?: Record<string, string>; body?: string } = {},
): Promise<Response> {
  return fetch(new URL(path, app.url), {
    method: init.method ?? 'GET',
    headers: init.headers,
    body: init.body,
    redirect: 'manual',
  })
}

export const form = (fields: Record<string, string>) => new URLSearchParams(fields).toString()

/** A complete, valid registration form for an adult. */
export function registrationFields(overrides: Record<string, string> = {}): Record<string, string> {
  const n = next()
  return {
    name: `注册用户${n}`,
    phone: nextPhone(),
    email: `register${n}@example.org`,
    password: PASSWORD,
    birthDate: ADULT_BIRTH_DATE(),
    privacyConsent: 'on',
    ...overrides,
  }
}

/** The newest mail to `to` among `mails`. */
export function mailTo(mails: CapturedMail[], to: string): CapturedMail {
  const mine = mails.filter((mail) => mail.to.toLowerCase().includes(to.toLowerCase()))
  expect(mine.length, `mail to ${to}`).toBeGreaterThan(0)
  return mine[mine.length - 1]!
}

export function codeIn(mail: CapturedMail): string {
  const match = mail.text.match(/\b\d{8}\b/)
  expect(match, 'an 8-digit code in the mail').not.toBeNull()
  return match![0]
}

/** The path of the reset link in a password-reset mail, e.g. `/reset-password/abc…`. */
export function resetPathIn(mail: CapturedMail): string {
  const match = mail.text.match(/https?:\/\/[^\s]+?(\/reset-password\/[a-z0-9]+)/)
  expect(match, 'a reset link in the mail').not.toBeNull()
  return match![1]!
}

/** Payloads of queued mails (the outbox keeps codes and links until sent). */
export async function outboxPayloads(db: Kysely<DB>, template: string, to: string) {
  const rows = await db
    .selectFrom('email_outbox')
    .select(['payload', 'to_address'])
    .where('template', '=', template)
    .where('to_address', '=', to)
    .orderBy('id')
    .execute()
  return rows.map((row) => JSON.parse(row.payload) as Record<string, unknown>)
}

export const sha256Hex = (text: string) => createHash('sha256').update(text, 'utf8').digest('hex')

// ---------------------------------------------------------------------------
// Whole-database snapshots

export async function tableNames(db: Kysely<DB>): Promise<string[]> {
  const rows =
    dialectOf(db) === 'postgres'
      ? await sql<{
          name: string
        }>`select table_name as name from information_schema.tables where table_schema = current_schema() and table_type = 'BASE TABLE'`.execute(
          db,
        )
      : await sql<{
          name: string
        }>`select name from sqlite_master where type = 'table' and name not like 'sqlite_%'`.execute(db)
  return rows.rows.map((row) => row.name).sort()
}

const stable = (row: Record<string, unknown>) =>
  JSON.stringify(
    Object.keys(row)
      .sort()
      .map((key) => [key, row[key] instanceof Date ? (row[key] as Date).toISOString() : row[key]]),
  )

export type Dump = Record<string, string[]>

/** Every row of every table, each row as stable JSON, rows sorted. */
export async function dumpDatabase(db: Kysely<DB>): Promise<Dump> {
  const dump: Dump = {}
  for (const table of await tableNames(db)) {
    const rows = await sql<Record<string, unknown>>`select * from ${sql.table(table)}`.execute(db)
    dump[table] = rows.rows.map(stable).sort()
  }
  return dump
}

export const digest = (rows: string[]) => sha256Hex(rows.join('\n'))

/** Rows of `after` that `before` does not have, per table. */
export function addedRows(before: Dump, after: Dump, table: string): Record<string, unknown>[] {
  const old = new Set(before[table] ?? [])
  return (after[table] ?? [])
    .filter((row) => !old.has(row))
    .map((row) => Object.fromEntries(JSON.parse(row) as [string, unknown][]))
}

/** Every string value in the database, with where it sits. */
export async function allTextValues(db: Kysely<DB>): Promise<{ table: string; column: string; value: string }[]> {
  const values: { table: string; column: string; value: string }[] = []
  for (const table of await tableNames(db)) {
    const rows = await sql<Record<string, unknown>>`select * from ${sql.table(table)}`.execute(db)
    for (const row of rows.rows) {
      for (const [column, value] of Object.entries(row)) {
        if (typeof value === 'string') values.push({ table, column, value })
      }
    }
  }
  return values
}

// ---------------------------------------------------------------------------
// Shifts and sign-ups, for the rows that must survive (hours) or be given up (future places)

export async function createSite(db: Kysely<DB>, name = `鼓楼图书馆 ${next()} 号馆`): Promise<number> {
  const now = new Date().toISOString()
  const row = await db
    .insertInto('site')
    .values({
      name,
      kind: 'main_library',
      address: null,
      partner_organisation_id: null,
      opened_on: null,
      created_at: now,
      updated_at: now,
    })
    .returning('id')
    .executeTakeFirstOrThrow()
  return row.id
}

export async function createShift(db: Kysely<DB>, siteId: number, startsAt: Date, capacity = 5): Promise<number> {
  const now = new Date().toISOString()
  const row = await db
    .insertInto('shift')
    .values({
      series_id: null,
      site_id: siteId,
      activity_id: null,
      role: 'lending_desk',
      title: null,
      starts_at: startsAt.toISOString(),
      ends_at: new Date(startsAt.getTime() + 3 * 3600_000).toISOString(),
      capacity,
      min_age: null,
      required_skill: null,
      required_training_id: null,
      signup_opens_at: null,
      signup_closes_at: null,
      cancel_cutoff_hours: 0,
      notes: null,
      contact_account_id: null,
      status: 'open',
      created_by: null,
      created_at: now,
      updated_at: now,
    })
    .returning('id')
    .executeTakeFirstOrThrow()
  return row.id
}

/** A confirmed sign-up (counted in shift.confirmed_count); `served` makes it attended, its minutes approved when `approvedBy` is given. */
export async function createSignup(
  db: Kysely<DB>,
  shiftId: number,
  volunteerId: number,
  served?: { minutes: number; approvedBy?: number },
): Promise<number> {
  const now = new Date().toISOString()
  const shift = await db
    .selectFrom('shift')
    .select(['starts_at', 'ends_at'])
    .where('id', '=', shiftId)
    .executeTakeFirstOrThrow()
  const row = await db
    .insertInto('signup')
    .values({
      shift_id: shiftId,
      volunteer_id: volunteerId,
      status: 'confirmed',
      waitlist_position: null,
      attendance: served ? 'attended' : 'pending',
      checked_in_at: served ? shift.starts_at : null,
      checked_out_at: served ? shift.ends_at : null,
      service_minutes: served?.minutes ?? null,
      hours_status: served ? (served.approvedBy ? 'approved' : 'pending') : 'none',
      hours_override_reason: null,
      hours_approved_by: served?.approvedBy ?? null,
      hours_approved_at: served?.approvedBy ? now : null,
      cancelled_at: null,
      cancel_reason: null,
      created_at: now,
      updated_at: now,
    })
    .returning('id')
    .executeTakeFirstOrThrow()
  await db
    .updateTable('shift')
    .set((eb) => ({ confirmed_count: eb('confirmed_count', '+', 1) }))
    .where('id', '=', shiftId)
    .execute()
  return row.id
}
