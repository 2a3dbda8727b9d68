/**
 * S8 — mass assignment: fields a form does not name are ignored. Registering
 * with `role=admin` still makes an unverified volunteer; saving the profile
 * with `role`, `status`, `email` or hours fields changes none of them.
 */
import { afterAll, beforeAll, expect, it } from 'vitest'
import { startTestApp, type TestApp } from '../../support/app'
import { describeEachDialect } from '../../support/databases'
import {
  createAccount,
  createPartnerOrganisation,
  createShift,
  createSignup,
  createSite,
  nextIp,
  nextPhone,
  registrationFields,
  sessionClient,
} from './helpers'

describeEachDialect('mass assignment', (dialect) => {
  let app: TestApp
  let organisationId: number

  beforeAll(async () => {
    app = await startTestApp(dialect)
    organisationId = await createPartnerOrganisation(app.database.db, '鼓楼实验小学')
    // So that id=1 in a form would name someone else.
    await createAccount(app.database.db, { role: 'admin' })
  })
  afterAll(async () => {
    await app?.close()
  })

  it('POST /register with role, status, organisation and verification fields makes a plain, unverified volunteer', async () => {
    const now = new Date().toISOString()
    const fields = registrationFields({
      role: 'admin',
      status: 'deactivated',
      partner_organisation_id: String(organisationId),
      partnerOrganisationId: String(organisationId),
      email_verified_at: now,
      emailVerifiedAt: now,
      emailVerified: 'true',
      id: '1',
      accountId: '1',
      locale: 'en',
      volunteer_number: 'GL-HACKED-1',
      guardian_consent_on: '2020-01-01',
      hours_status: 'approved',
      password_hash: 'x',
    })
    const client = app.client({ ip: nextIp() })
    const response = await client.post('/register', fields)
    expect(response.status).toBe(302)
    expect(response.headers.get('location')).toBe('/verify-email')

    const account = await app.database.db
      .selectFrom('account')
      .selectAll()
      .where('email_normalised', '=', fields.email!)
      .executeTakeFirstOrThrow()
    expect(account).toMatchObject({
      role: 'volunteer',
      status: 'active',
      partner_organisation_id: null,
      email_verified_at: null,
      locale: 'zh-CN',
    })
    expect(account.id).not.toBe(1)
    expect(account.password_hash).toMatch(/^\$argon2id\$/)
    const profile = await app.database.db
      .selectFrom('volunteer_profile')
      .selectAll()
      .where('account_id', '=', account.id)
      .executeTakeFirstOrThrow()
    expect(profile.volunteer_number).not.toBe('GL-HACKED-1')
    expect(profile.guardian_consent_on).toBeNull()
    // And it opens no admin page.
    expect((await client.get('/admin/accounts')).status).toBe(403)
  })

  it('POST /me with role, status, email and hours fields changes only the profile fields', async () => {
    const db = app.database.db
    const volunteer = await createAccount(db)
    const shiftId = await createShift(db, await createSite(db), new Date(Date.now() - 7 * 86_400_000))
    const signupId = await createSignup(db, shiftId, volunteer.id, { minutes: 180 })
    const accountBefore = await db
      .selectFrom('account')
      .selectAll()
      .where('id', '=', volunteer.id)
      .executeTakeFirstOrThrow()
    const signupBefore = await db.selectFrom('signup').selectAll().where('id', '=', signupId).executeTakeFirstOrThrow()
    const profileBefore = await db
      .selectFrom('volunteer_profile')
      .selectAll()
      .where('account_id', '=', volunteer.id)
      .executeTakeFirstOrThrow()

    const client = await sessionClient(app, volunteer)
    const newPhone = nextPhone()
    const response = await client.post('/me', {
      name: '新名字',
      phone: newPhone,
      birthDate: profileBefore.birth_date!,
      role: 'admin',
      status: 'deactivated',
      email: 'taken-over@example.org',
      email_normalised: 'taken-over@example.org',
      email_verified_at: '',
      emailVerified: 'false',
      password_hash: 'x',
      partner_organisation_id: String(organisationId),
      partnerOrganisationId: String(organisationId),
      hours_status: 'approved',
      hoursStatus: 'approved',
      service_minutes: '99999',
      serviceMinutes: '99999',
      volunteer_number: 'GL-HACKED-2',
      id: '1',
      accountId: '1',
    })
    expect(response.status).toBe(200)
    expect(await response.text()).toContain('资料已保存')

    const accountAfter = await db
      .selectFrom('account')
      .selectAll()
      .where('id', '=', volunteer.id)
      .executeTakeFirstOrThrow()
    // The form's own fields were saved…
    expect(accountAfter.name).toBe('新名字')
    expect(accountAfter.phone).toBe(newPhone)
    // …and nothing else.
    expect({
      ...accountAfter,
      name: accountBefore.name,
      phone: accountBefore.phone,
      updated_at: accountBefore.updated_at,
    }).toEqual(accountBefore)
    expect(await db.selectFrom('signup').selectAll().where('id', '=', signupId).executeTakeFirstOrThrow()).toEqual(
      signupBefore,
    )
    const profileAfter = await db
      .selectFrom('volunteer_profile')
      .selectAll()
      .where('account_id', '=', volunteer.id)
      .executeTakeFirstOrThrow()
    expect(profileAfter.volunteer_number).toBe(profileBefore.volunteer_number)
    // Account 1 (the admin) is untouched.
    const admin = await db
      .selectFrom('account')
      .select(['name', 'role', 'status'])
      .where('id', '=', 1)
      .executeTakeFirstOrThrow()
    expect(admin).toMatchObject({ role: 'admin', status: 'active' })
    expect(admin.name).not.toBe('新名字')
  })
})
