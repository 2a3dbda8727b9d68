/**
 * S2 — GET changes nothing: every page route, as every principal, leaves every
 * table as it was. The one intended write is the audit row for a minor's
 * record opened by staff; sessions are not even renewed within the hour.
 */
import { afterAll, beforeAll, expect, it } from 'vitest'
import { hashSecret } from '~/auth/tokens.server'
import { startTestApp, type TestApp } from '../../support/app'
import { describeEachDialect } from '../../support/databases'
import type { HttpClient } from '../../support/http-client'
import {
  MINOR_BIRTH_DATE,
  addedRows,
  createAccount,
  createPartnerOrganisation,
  dumpDatabase,
  nextIp,
  nextPhone,
  sessionClient,
  type TestAccount,
} from './helpers'

const RESET_TOKEN = 'resettokenresettokenresettokenresettokenresettoken12'
const INVITATION_TOKEN = 'invitetokeninvitetokeninvitetokeninvitetokeninvite12'

describeEachDialect('GET has no side effects', (dialect) => {
  let app: TestApp
  let volunteerA: TestAccount
  let minorB: TestAccount
  const principals: [string, () => HttpClient][] = []

  beforeAll(async () => {
    app = await startTestApp(dialect)
    const db = app.database.db
    const orgX = await createPartnerOrganisation(db, '鼓楼实验小学')
    const orgY = await createPartnerOrganisation(db, '丰财敬老院')
    volunteerA = await createAccount(db, { emergencyContact: { name: '王芳', phone: nextPhone() } })
    minorB = await createAccount(db, {
      birthDate: MINOR_BIRTH_DATE(),
      guardian: { name: '李强', relation: '父亲', phone: nextPhone(), consent: true },
    })
    const unverified = await createAccount(db, { verified: false })
    const coordinator = await createAccount(db, { role: 'coordinator' })
    const partnerX = await createAccount(db, { role: 'partner_contact', partnerOrganisationId: orgX })
    const partnerY = await createAccount(db, { role: 'partner_contact', partnerOrganisationId: orgY })
    const admin = await createAccount(db, { role: 'admin' })
    const now = new Date()
    await db
      .insertInto('email_verification')
      .values({
        account_id: unverified.id,
        email: unverified.email,
        code_hash: hashSecret('12345678'),
        attempts: 0,
        expires_at: new Date(now.getTime() + 600_000).toISOString(),
        created_at: now.toISOString(),
      })
      .execute()
    await db
      .insertInto('password_reset')
      .values({
        token_hash: hashSecret(RESET_TOKEN),
        account_id: volunteerA.id,
        expires_at: new Date(now.getTime() + 1800_000).toISOString(),
        used_at: null,
        created_at: now.toISOString(),
      })
      .execute()
    await db
      .insertInto('invitation')
      .values({
        token_hash: hashSecret(INVITATION_TOKEN),
        email: 'invited@example.org',
        email_normalised: 'invited@example.org',
        role: 'coordinator',
        partner_organisation_id: null,
        invited_by: admin.id,
        expires_at: new Date(now.getTime() + 86_400_000).toISOString(),
        accepted_at: null,
        created_at: now.toISOString(),
      })
      .execute()
    const clients: [string, TestAccount | null][] = [
      ['anonymous', null],
      ['volunteer A', volunteerA],
      ['minor volunteer B', minorB],
      ['unverified volunteer', unverified],
      ['coordinator', coordinator],
      ['partner X', partnerX],
      ['partner Y', partnerY],
      ['admin', admin],
    ]
    for (const [name, account] of clients) {
      const client = account ? await sessionClient(app, account) : app.client({ ip: nextIp() })
      principals.push([name, () => client])
    }
  })
  afterAll(async () => {
    await app?.close()
  })

  const pages = () => [
    '/',
    '/activities',
    '/privacy',
    '/login',
    '/login?redirectTo=%2Fme',
    '/register',
    '/forgot-password',
    `/reset-password/${RESET_TOKEN}`,
    '/reset-password/not-a-token',
    `/invitations/${INVITATION_TOKEN}`,
    '/invitations/not-a-token',
    '/verify-email',
    '/me',
    '/me/security',
    '/me/privacy',
    '/me/export',
    '/logout',
    '/admin/accounts',
    '/admin/accounts?role=volunteer&q=%25',
    '/admin/accounts/invite',
    `/admin/accounts/${volunteerA.id}`,
    `/admin/accounts/${minorB.id}`,
    '/admin/accounts/999999',
    '/admin/accounts/not-a-number',
    '/resources/healthcheck',
    '/resources/locale',
    '/dev/mail',
    '/no-such-page',
    // Single-fetch data requests run the same loaders.
    '/_root.data',
    '/me.data',
    '/verify-email.data',
    '/admin/accounts.data',
    `/admin/accounts/${minorB.id}.data`,
    `/reset-password/${RESET_TOKEN}.data`,
  ]

  it('leaves every table unchanged except the audit rows for staff opening a minor’s record', async () => {
    const db = app.database.db
    const before = await dumpDatabase(db)
    let requests = 0
    for (const [name, client] of principals) {
      for (const page of pages()) {
        const response = await client().get(page)
        await response.arrayBuffer()
        expect(response.status, `GET ${page} as ${name}`).toBeLessThan(500)
        requests++
      }
    }
    expect(requests).toBe(principals.length * pages().length)
    const after = await dumpDatabase(db)

    expect(Object.keys(after)).toEqual(Object.keys(before))
    for (const table of Object.keys(before)) {
      if (table === 'audit_log') continue
      expect(after[table], `table ${table}`).toEqual(before[table])
    }
    // Sessions are part of the comparison above: not renewed within the hour.
    expect(after.session!.length).toBe(principals.length - 1)

    // The audit log only grew, and only by minor_record_viewed for B: coordinator and admin, page and data request each.
    expect(after.audit_log!.filter((row) => !before.audit_log!.includes(row))).toHaveLength(
      after.audit_log!.length - before.audit_log!.length,
    )
    const added = addedRows(before, after, 'audit_log')
    expect(added).toHaveLength(4)
    for (const row of added) {
      expect(row).toMatchObject({
        action: 'minor_record_viewed',
        subject_type: 'account',
        subject_id: String(minorB.id),
      })
    }
  })
})
