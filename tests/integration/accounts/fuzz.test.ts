/**
 * S9 — hostile input in every field of the two big forms, /register and /me.
 *
 * Whatever arrives, the answer is never a 500: only 200 (the form again, with
 * its errors), 302, 400, 409 or 429. When a value is accepted it is stored as
 * sent, except for documented normalisation:
 *   - text fields are trimmed (String.prototype.trim: Unicode white space,
 *     including U+3000 and U+FEFF); an optional field left empty is stored as null
 *     (an empty field counts as not sent);
 *   - NUL (U+0000) is refused in text fields (neither database can store it);
 *   - phone numbers also lose inner spaces and hyphens ("138 1234-5678");
 *   - skills, interests and availability are stored as a list, split at
 *     , ， 、 ; ； and newlines, each item trimmed, empty items dropped;
 *   - passwords are not trimmed at all (Argon2 over the NFC form).
 * And /me shows it escaped: markup from the input never appears raw in the HTML.
 *
 * Random runs (fast-check, ~40 per field) on SQLite; the fixed list of nasty
 * values on both dialects.
 */
import fc from 'fast-check'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { verifyPassword } from '~/auth/password.server'
import { startTestApp, type TestApp } from '../../support/app'
import { describeEachDialect } from '../../support/databases'
import type { HttpClient } from '../../support/http-client'
import {
  ADULT_BIRTH_DATE,
  MINOR_BIRTH_DATE,
  createAccount,
  nextIp,
  nextPhone,
  registrationFields,
  sessionClient,
  type TestAccount,
} from './helpers'

const ALLOWED = [200, 302, 400, 409, 429]

export const NASTY = [
  '<script>alert(1)</script>',
  '"><img src=x onerror=alert(1)>',
  '=1+1',
  '@SUM(A1)',
  '+cmd|calc',
  "'; drop table account; --",
  "Robert'); DROP TABLE signup;--",
  '😀👨‍👩‍👧‍👦🇨🇳',
  '　全角ＡＢＣ１２３　',
  '张三\u3000李四',
  '\u0000',
  'a\u0000b',
  '\u0001\u0007\b\t\n\r\u001b\u007f',
  'line one\r\nline two',
  '\u202e\u200b\ufeff',
  '${7*7}{{7*7}}',
  '%00%0d%0a',
  '../../etc/passwd',
  ' ',
  '',
  'a'.repeat(51),
  'x'.repeat(10_000),
]

const nastyString = fc.oneof(
  fc.string({ unit: 'grapheme', maxLength: 60 }),
  fc.string({ unit: 'binary', maxLength: 60 }),
  fc.string({ unit: 'grapheme', minLength: 0, maxLength: 10_000, size: 'max' }),
  fc.constantFrom(...NASTY),
  fc.tuple(fc.string({ unit: 'grapheme', maxLength: 8 }), fc.constantFrom(...NASTY)).map(([a, b]) => a + b),
)

const trim = (value: string) => value.trim()
const phoneForm = (value: string) => value.trim().replace(/[\s-]/g, '')
const listForm = (value: string) =>
  value
    .trim()
    .split(/[,，、;；\n]/)
    .map(trim)
    .filter(Boolean)
const orNull = (value: string) => (value === '' ? null : value)

/** Markup that must not come back raw in the HTML. */
const looksLikeMarkup = (value: string) => value.length >= 6 && /<[a-z!/?]/i.test(value)

async function expectEscaped(client: HttpClient, value: string) {
  // Only characters HTML gives meaning to can come back unescaped; skip the page for the rest (time).
  if (!/[<>&"']/.test(value)) return
  const response = await client.get('/me')
  expect(response.status).toBe(200)
  const html = await response.text()
  expect(html).not.toContain('<script>alert(1)</script>')
  expect(html).not.toContain('<img src=x onerror')
  if (looksLikeMarkup(value)) expect(html.includes(value)).toBe(false)
}

const REGISTER_FIELDS = [
  'name',
  'phone',
  'email',
  'password',
  'birthDate',
  'guardianName',
  'guardianRelation',
  'guardianPhone',
  'guardianConsent',
  'privacyConsent',
  'website',
] as const
const PROFILE_FIELDS = [
  'name',
  'phone',
  'birthDate',
  'skills',
  'interests',
  'availability',
  'emergencyContactName',
  'emergencyContactPhone',
  'guardianName',
  'guardianRelation',
  'guardianPhone',
  'guardianConsent',
  'locale',
] as const

/** POSTs /register with `value` in `field` (everything else valid) and checks the answer and what was stored. */
async function checkRegister(app: TestApp, field: (typeof REGISTER_FIELDS)[number], value: string) {
  const minor = field.startsWith('guardian')
  const fields = registrationFields(
    minor
      ? {
          birthDate: MINOR_BIRTH_DATE(),
          guardianName: '监护人',
          guardianRelation: '母亲',
          guardianPhone: nextPhone(),
          guardianConsent: 'on',
        }
      : {},
  )
  fields[field] = value
  const client = app.client({ ip: nextIp() })
  const response = await client.post('/register', fields)
  await response.arrayBuffer()
  expect(ALLOWED, `POST /register ${field}=${JSON.stringify(value).slice(0, 80)}`).toContain(response.status)
  if (response.status !== 302) return
  const email = field === 'email' ? value.trim().toLowerCase() : fields.email!.toLowerCase()
  const db = app.database.db
  const account = await db
    .selectFrom('account')
    .selectAll()
    .where('email_normalised', '=', email)
    .executeTakeFirstOrThrow()
  const profile = await db
    .selectFrom('volunteer_profile')
    .selectAll()
    .where('account_id', '=', account.id)
    .executeTakeFirstOrThrow()
  const stored: Record<(typeof REGISTER_FIELDS)[number], () => unknown> = {
    name: () => expect(account.name).toBe(trim(value)),
    email: () => expect(account.email).toBe(trim(value)),
    phone: () => expect(account.phone).toBe(phoneForm(value)),
    password: async () => expect(await verifyPassword(account.password_hash!, value)).toBe(true),
    birthDate: () => expect(profile.birth_date).toBe(value),
    guardianName: () => expect(profile.guardian_name).toBe(trim(value)),
    guardianRelation: () => expect(profile.guardian_relation).toBe(trim(value)),
    guardianPhone: () => expect(profile.guardian_phone).toBe(phoneForm(value)),
    guardianConsent: () => expect(value).toBe('on'),
    privacyConsent: () => expect(value).toBe('on'),
    website: () => expect(value).toBe(''),
  }
  await stored[field]()
  await expectEscaped(client, value)
}

/** POSTs /me with `value` in `field` (everything else valid) and checks the answer and what was stored. */
async function checkProfile(
  app: TestApp,
  client: HttpClient,
  account: TestAccount,
  field: (typeof PROFILE_FIELDS)[number],
  value: string,
) {
  const fields: Record<string, string> = {
    name: '小明',
    phone: nextPhone(),
    birthDate: MINOR_BIRTH_DATE(),
    skills: '讲故事',
    interests: '绘本',
    availability: '周六上午',
    emergencyContactName: '王建国',
    emergencyContactPhone: nextPhone(),
    guardianName: '王丽华',
    guardianRelation: '母亲',
    guardianPhone: nextPhone(),
    guardianConsent: 'on',
    locale: 'zh-CN',
  }
  fields[field] = value
  const db = app.database.db
  const { locale: localeBefore } = await db
    .selectFrom('account')
    .select('locale')
    .where('id', '=', account.id)
    .executeTakeFirstOrThrow()
  const response = await client.post('/me', fields)
  const html = await response.text()
  expect(ALLOWED, `POST /me ${field}=${JSON.stringify(value).slice(0, 80)}`).toContain(response.status)
  const saved = response.status === 200 && html.includes('资料已保存')
  if (!saved) return
  const row = await db.selectFrom('account').selectAll().where('id', '=', account.id).executeTakeFirstOrThrow()
  const profile = await db
    .selectFrom('volunteer_profile')
    .selectAll()
    .where('account_id', '=', account.id)
    .executeTakeFirstOrThrow()
  const stored: Record<(typeof PROFILE_FIELDS)[number], () => unknown> = {
    name: () => expect(row.name).toBe(trim(value)),
    phone: () => expect(row.phone).toBe(phoneForm(value)),
    birthDate: () => expect(profile.birth_date).toBe(value),
    skills: () => expect(JSON.parse(profile.skills)).toEqual(listForm(value)),
    interests: () => expect(JSON.parse(profile.interests)).toEqual(listForm(value)),
    availability: () => expect(JSON.parse(profile.availability)).toEqual(listForm(value)),
    emergencyContactName: () => expect(profile.emergency_contact_name).toBe(orNull(trim(value))),
    emergencyContactPhone: () => expect(profile.emergency_contact_phone).toBe(orNull(phoneForm(value))),
    guardianName: () => expect(profile.guardian_name).toBe(orNull(trim(value))),
    guardianRelation: () => expect(profile.guardian_relation).toBe(orNull(trim(value))),
    guardianPhone: () => expect(profile.guardian_phone).toBe(orNull(phoneForm(value))),
    guardianConsent: () => expect(profile.guardian_consent_on === null).toBe(value !== 'on'),
    // An empty field counts as not sent (conform): the locale stays as it was.
    locale: () => expect(row.locale).toBe(value === '' ? localeBefore : value),
  }
  await stored[field]()
  await expectEscaped(client, value)
}

describe('fuzzing the account forms [sqlite]', () => {
  let app: TestApp
  let volunteer: TestAccount
  let client: HttpClient

  beforeAll(async () => {
    app = await startTestApp('sqlite')
    volunteer = await createAccount(app.database.db, {
      birthDate: MINOR_BIRTH_DATE(),
      guardian: { name: '王丽华', relation: '母亲', phone: nextPhone(), consent: true },
    })
    client = await sessionClient(app, volunteer)
  })
  afterAll(async () => {
    await app?.close()
  })

  for (const field of REGISTER_FIELDS) {
    it(`POST /register: ${field}`, async () => {
      await fc.assert(
        fc.asyncProperty(nastyString, (value) => checkRegister(app, field, value)),
        { numRuns: 40, endOnFailure: true },
      )
    })
  }

  for (const field of PROFILE_FIELDS) {
    it(`POST /me: ${field}`, async () => {
      await fc.assert(
        fc.asyncProperty(nastyString, (value) => checkProfile(app, client, volunteer, field, value)),
        { numRuns: 40, endOnFailure: true },
      )
    })
  }
})

describeEachDialect('nasty values in the account forms', (dialect) => {
  let app: TestApp
  let volunteer: TestAccount
  let client: HttpClient

  beforeAll(async () => {
    app = await startTestApp(dialect)
    volunteer = await createAccount(app.database.db, {
      birthDate: MINOR_BIRTH_DATE(),
      guardian: { name: '王丽华', relation: '母亲', phone: nextPhone(), consent: true },
    })
    client = await sessionClient(app, volunteer)
  })
  afterAll(async () => {
    await app?.close()
  })

  it('every field of /register', async () => {
    for (const field of REGISTER_FIELDS) {
      for (const value of NASTY) await checkRegister(app, field, value)
    }
  })

  it('every field of /me', async () => {
    for (const field of PROFILE_FIELDS) {
      for (const value of NASTY) await checkProfile(app, client, volunteer, field, value)
    }
  })

  it('accepted values come back exactly (trimmed) in the page, escaped', async () => {
    const name = ' <b>"张&三"</b> '
    const response = await client.post('/me', {
      name,
      phone: nextPhone(),
      birthDate: ADULT_BIRTH_DATE(),
    })
    expect(response.status).toBe(200)
    const html = await (await client.get('/me')).text()
    expect(html).toContain('value="&lt;b&gt;&quot;张&amp;三&quot;&lt;/b&gt;"')
    expect(html).not.toContain('<b>"张')
  })
})
