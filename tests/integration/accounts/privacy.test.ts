/**
 * P1–P3 — PIPL rights. Export: all of one's own personal data and nobody
 * else's. Deletion: personal data gone, sessions gone, the library's hour
 * totals and sign-up rows kept, future places given up. Minors: no sign-up
 * without a guardian's consent; withdrawing it makes the profile unusable.
 */
import { sql } from 'kysely'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { profileUsable } from '~/domain/accounts/age'
import { startTestApp, type TestApp } from '../../support/app'
import { followToast } from '../../support/toast'
import { describeEachDialect } from '../../support/databases'
import {
  MINOR_BIRTH_DATE,
  PASSWORD,
  createAccount,
  createShift,
  createSignup,
  createSite,
  nextIp,
  nextPhone,
  registrationFields,
  sessionClient,
  signInClient,
  today,
  yearsAgo,
} from './helpers'

const DAY = 86_400_000
const GUARDIAN_REQUIRED_ZH = '未满 14 周岁的志愿者需要填写监护人信息并由监护人勾选同意'

describeEachDialect('privacy rights', (dialect) => {
  let app: TestApp
  const db = () => app.database.db

  beforeAll(async () => {
    app = await startTestApp(dialect)
  })
  afterAll(async () => {
    await app?.close()
  })

  it('P1: the export is JSON with all of the user’s personal data and none of anyone else’s', async () => {
    const minor = {
      name: '小明',
      email: 'xiaoming.export@example.org',
      phone: nextPhone(),
      birthDate: MINOR_BIRTH_DATE(),
      guardian: { name: '王丽华', relation: '母亲', phone: nextPhone(), consent: true },
      emergencyContact: { name: '王建国', phone: nextPhone() },
    }
    const account = await createAccount(db(), minor)
    const other = await createAccount(db(), {
      name: '另一个人',
      email: 'someone.else@example.org',
      guardian: { name: '别人的监护人', relation: '父亲', phone: nextPhone(), consent: true },
      birthDate: yearsAgo(12),
      emergencyContact: { name: '别人的紧急联系人', phone: nextPhone() },
    })
    const otherProfile = await db()
      .selectFrom('volunteer_profile')
      .selectAll()
      .where('account_id', '=', other.id)
      .executeTakeFirstOrThrow()
    const coordinator = await createAccount(db(), { role: 'coordinator' })
    const shiftId = await createShift(db(), await createSite(db()), new Date(Date.now() - 3 * DAY))
    await createSignup(db(), shiftId, account.id, { minutes: 120, approvedBy: coordinator.id })
    await createSignup(db(), shiftId, other.id, { minutes: 95, approvedBy: coordinator.id })

    const client = await sessionClient(app, account)
    const response = await client.post('/me/export', {})
    expect(response.status).toBe(200)
    expect(response.headers.get('content-type')).toBe('application/json; charset=utf-8')
    expect(response.headers.get('content-disposition')).toMatch(
      /^attachment; filename="tongxing-my-data-\d{4}-\d{2}-\d{2}\.json"$/,
    )
    expect(response.headers.get('cache-control')).toBe('no-store')
    const text = await response.text()
    const exported = JSON.parse(text) as {
      account: Record<string, unknown>
      volunteerProfile: Record<string, unknown>
      signups: Record<string, unknown>[]
      sessions: unknown[]
    }
    expect(exported.account).toMatchObject({ id: account.id, name: minor.name, email: minor.email, phone: minor.phone })
    expect(exported.volunteerProfile).toMatchObject({
      birth_date: minor.birthDate,
      guardian_name: minor.guardian.name,
      guardian_relation: minor.guardian.relation,
      guardian_phone: minor.guardian.phone,
      guardian_consent_on: today(),
      emergency_contact_name: minor.emergencyContact.name,
      emergency_contact_phone: minor.emergencyContact.phone,
    })
    expect(exported.signups).toHaveLength(1)
    expect(exported.signups[0]).toMatchObject({ service_minutes: 120, hours_status: 'approved' })
    expect(exported.sessions).toHaveLength(1)

    for (const foreign of [
      other.name,
      other.email,
      other.phone!,
      otherProfile.guardian_name!,
      otherProfile.guardian_phone!,
      otherProfile.emergency_contact_name!,
      otherProfile.emergency_contact_phone!,
      otherProfile.volunteer_number,
    ]) {
      expect(text.includes(foreign), `export shows ${foreign}`).toBe(false)
    }
    // Secrets are not personal data to hand out.
    const secrets = await db()
      .selectFrom('session')
      .select('secret_hash')
      .where('account_id', '=', account.id)
      .execute()
    const { password_hash } = await db()
      .selectFrom('account')
      .select('password_hash')
      .where('id', '=', account.id)
      .executeTakeFirstOrThrow()
    for (const secret of [...secrets.map((s) => s.secret_hash), password_hash!]) expect(text).not.toContain(secret)
    expect(text).not.toMatch(/secret_hash|password_hash/)
  })

  it('P2: deleting the account removes personal data and sessions, keeps the hours, gives up future places', async () => {
    const person = await createAccount(db(), {
      name: '将要注销的人',
      email: 'leaving@example.org',
      emergencyContact: { name: '紧急联系人', phone: nextPhone() },
    })
    const colleague = await createAccount(db())
    const coordinator = await createAccount(db(), { role: 'coordinator' })
    const site = await createSite(db())
    const past = await createShift(db(), site, new Date(Date.now() - 10 * DAY))
    const future = await createShift(db(), site, new Date(Date.now() + 10 * DAY))
    const pastSignup = await createSignup(db(), past, person.id, { minutes: 180, approvedBy: coordinator.id })
    await createSignup(db(), past, colleague.id, { minutes: 150, approvedBy: coordinator.id })
    const futureSignup = await createSignup(db(), future, person.id)
    await createSignup(db(), future, colleague.id)

    const approvedMinutes = async () =>
      Number(
        (
          await db()
            .selectFrom('signup')
            .select(sql<number>`coalesce(sum(service_minutes), 0)`.as('total'))
            .where('hours_status', '=', 'approved')
            .executeTakeFirstOrThrow()
        ).total,
      )
    const totalBefore = await approvedMinutes()
    const signupCountBefore = (await db().selectFrom('signup').select('id').execute()).length
    expect(totalBefore).toBeGreaterThanOrEqual(330)
    expect(
      (await db().selectFrom('shift').select('confirmed_count').where('id', '=', future).executeTakeFirstOrThrow())
        .confirmed_count,
    ).toBe(2)

    const laptop = await signInClient(app, person.email)
    const phone = await sessionClient(app, person)
    const response = await laptop.post('/me/privacy', { password: PASSWORD, confirm: 'on' })
    await followToast(laptop, response, '/', '您的账户已删除。')

    // Personal data gone.
    expect(
      await db()
        .selectFrom('volunteer_profile')
        .select('account_id')
        .where('account_id', '=', person.id)
        .executeTakeFirst(),
    ).toBeUndefined()
    const account = await db().selectFrom('account').selectAll().where('id', '=', person.id).executeTakeFirstOrThrow()
    expect(account.status).toBe('deleted')
    expect(account.phone).toBeNull()
    expect(account.password_hash).toBeNull()
    expect(account.name).not.toBe(person.name)
    expect(account.email).not.toContain('leaving')
    expect(account.email_normalised).not.toContain('leaving')
    const row = JSON.stringify(account)
    for (const value of [person.name, person.email, person.phone!]) expect(row).not.toContain(value)
    // Sessions gone, here and on the other device.
    expect(await db().selectFrom('session').select('id').where('account_id', '=', person.id).execute()).toEqual([])
    expect((await phone.get('/me')).status).toBe(302)
    // Cannot sign in any more.
    expect(
      (await app.client({ ip: nextIp() }).post('/login', { email: person.email, password: PASSWORD })).status,
    ).toBe(400)

    // The library's numbers are unchanged: every sign-up row is still there, the hours still count.
    expect(await approvedMinutes()).toBe(totalBefore)
    expect((await db().selectFrom('signup').select('id').execute()).length).toBe(signupCountBefore)
    expect(
      await db()
        .selectFrom('signup')
        .select(['volunteer_id', 'status', 'service_minutes', 'hours_status'])
        .where('id', '=', pastSignup)
        .executeTakeFirstOrThrow(),
    ).toEqual({
      volunteer_id: person.id,
      status: 'confirmed',
      service_minutes: 180,
      hours_status: 'approved',
    })
    // The future place is given up for someone else.
    expect(
      await db()
        .selectFrom('signup')
        .select(['status', 'cancel_reason'])
        .where('id', '=', futureSignup)
        .executeTakeFirstOrThrow(),
    ).toEqual({
      status: 'cancelled',
      cancel_reason: 'account_deleted',
    })
    expect(
      (await db().selectFrom('shift').select('confirmed_count').where('id', '=', future).executeTakeFirstOrThrow())
        .confirmed_count,
    ).toBe(1)
    expect(
      (await db().selectFrom('shift').select('confirmed_count').where('id', '=', past).executeTakeFirstOrThrow())
        .confirmed_count,
    ).toBe(2)
  })

  it('P2: a wrong password deletes nothing', async () => {
    const person = await createAccount(db())
    const client = await sessionClient(app, person)
    const response = await client.post('/me/privacy', { password: 'not my password', confirm: 'on' })
    expect(response.status).toBe(400)
    expect(
      await db()
        .selectFrom('account')
        .select(['status', 'email'])
        .where('id', '=', person.id)
        .executeTakeFirstOrThrow(),
    ).toEqual({ status: 'active', email: person.email })
    expect(
      await db()
        .selectFrom('volunteer_profile')
        .select('account_id')
        .where('account_id', '=', person.id)
        .executeTakeFirst(),
    ).toBeDefined()
  })

  describe('P3: minors', () => {
    it('registering under 14 without a guardian is refused (400); with one it works', async () => {
      const without = registrationFields({ birthDate: MINOR_BIRTH_DATE() })
      const refused = await app.client({ ip: nextIp() }).post('/register', without)
      expect(refused.status).toBe(400)
      expect(await refused.text()).toContain(GUARDIAN_REQUIRED_ZH)
      expect(
        await db().selectFrom('account').select('id').where('email_normalised', '=', without.email!).executeTakeFirst(),
      ).toBeUndefined()

      // Guardian details without the consent box are not enough either.
      const unticked = registrationFields({
        birthDate: MINOR_BIRTH_DATE(),
        guardianName: '张伟',
        guardianRelation: '父亲',
        guardianPhone: nextPhone(),
      })
      expect((await app.client({ ip: nextIp() }).post('/register', unticked)).status).toBe(400)

      const guardianPhone = nextPhone()
      const withGuardian = registrationFields({
        birthDate: MINOR_BIRTH_DATE(),
        guardianName: '张伟',
        guardianRelation: '父亲',
        guardianPhone,
        guardianConsent: 'on',
      })
      const accepted = await app.client({ ip: nextIp() }).post('/register', withGuardian)
      expect(accepted.status).toBe(302)
      const account = await db()
        .selectFrom('account')
        .select('id')
        .where('email_normalised', '=', withGuardian.email!)
        .executeTakeFirstOrThrow()
      const profile = await db()
        .selectFrom('volunteer_profile')
        .selectAll()
        .where('account_id', '=', account.id)
        .executeTakeFirstOrThrow()
      expect(profile).toMatchObject({
        guardian_name: '张伟',
        guardian_relation: '父亲',
        guardian_phone: guardianPhone,
        guardian_consent_on: today(),
      })
      expect(profileUsable(profile, today())).toBe(true)
    })

    it('withdrawing the guardian’s consent on /me makes the profile unusable', async () => {
      const guardian = { name: '刘芳', relation: '母亲', phone: nextPhone(), consent: true }
      const minor = await createAccount(db(), { birthDate: MINOR_BIRTH_DATE(), guardian })
      const client = await sessionClient(app, minor)
      const before = await db()
        .selectFrom('volunteer_profile')
        .selectAll()
        .where('account_id', '=', minor.id)
        .executeTakeFirstOrThrow()
      expect(profileUsable(before, today())).toBe(true)
      expect(await (await client.get('/me')).text()).not.toContain('需要监护人同意后才能报名')

      // The same form, with the consent box unticked.
      const response = await client.post('/me', {
        name: minor.name,
        phone: minor.phone!,
        birthDate: before.birth_date!,
        guardianName: guardian.name,
        guardianRelation: guardian.relation,
        guardianPhone: guardian.phone,
      })
      expect(response.status).toBe(200)
      const after = await db()
        .selectFrom('volunteer_profile')
        .selectAll()
        .where('account_id', '=', minor.id)
        .executeTakeFirstOrThrow()
      expect(after.guardian_consent_on).toBeNull()
      expect(profileUsable(after, today())).toBe(false)
      expect(await (await client.get('/me')).text()).toContain('需要监护人同意后才能报名')
    })
  })
})
