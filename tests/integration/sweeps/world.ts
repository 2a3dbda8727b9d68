/**
 * The data every sweep runs against: one account per principal (with the
 * personal data a page could leak), a shift with a sign-up made through the
 * domain, and live tokens for the token routes. `targets` turns each route
 * pattern into the concrete URLs to request, with real ids.
 */
import { hashSecret } from '~/auth/tokens.server'
import { rotateCalendarFeed } from '~/domain/shifts/calendar-feed.server'
import { requestOwnCertificate } from '~/domain/certificates/issue.server'
import { certificateSettings } from '~/domain/certificates/settings.server'
import { signUp } from '~/domain/signups/sign-up.server'
import type { TestApp } from '../../support/app'
import type { HttpClient } from '../../support/http-client'
import {
  MINOR_BIRTH_DATE,
  createAccount,
  createPartnerOrganisation,
  createShift as createPastShift,
  createSignup,
  createSite,
  nextIp,
  nextPhone,
  sessionClient,
  type AccountSpec,
  type TestAccount,
} from '../accounts/helpers'
import { actorOf, createShift, meta } from '../signups/helpers'
import { createProgramme, donate, idFromLocation, submitCards } from '../partners/helpers'
import { fill, type SweptRoute } from './manifest'
import type { Principal, SignedIn, Target } from './policy'

export const RESET_TOKEN = 'resettokenresettokenresettokenresettokenresettoken12'
export const INVITATION_TOKEN = 'invitetokeninvitetokeninvitetokeninvitetokeninvite12'

export interface World {
  app: TestApp
  accounts: Record<SignedIn, TestAccount>
  orgs: { A: number; B: number }
  shiftId: number
  feedToken: string
  /** Partner organisation A's records, made through the real pages; and reference data. */
  partnerWork: { card: number; visit: number; shipment: number; activity: number; receiptToken: string }
  reference: { site: number; programme: number; training: number }
  /** The volunteer's service-record certificate and the code its QR carries. */
  certificate: { id: number; verificationCode: string }
  /** Each account's personal data as it could appear in a page: names and emails, then phones. */
  pii: Record<SignedIn, { named: string[]; phones: string[] }>
  /** A client for the principal: a fresh address each time, the principal's session cookie. */
  client(principal: Principal): HttpClient
  /** A new account like the principal's, signed in: for tests that may spend or delete it. */
  freshPrincipal(principal: Principal): Promise<{ client: HttpClient; account: TestAccount | null }>
}

export async function buildWorld(app: TestApp): Promise<World> {
  const db = app.database.db
  const orgs = {
    A: await createPartnerOrganisation(db, '鼓楼实验小学'),
    B: await createPartnerOrganisation(db, '丰财敬老院'),
  }
  const emergencyPhone = nextPhone()
  const guardianPhone = nextPhone()
  const specs: Record<SignedIn, () => AccountSpec> = {
    volunteer: () => ({ emergencyContact: { name: '紧急联系人子', phone: emergencyPhone } }),
    unverified: () => ({ verified: false }),
    minor: () => ({
      birthDate: MINOR_BIRTH_DATE(),
      guardian: { name: '监护人丑', relation: '母亲', phone: guardianPhone, consent: false },
    }),
    coordinator: () => ({ role: 'coordinator' }),
    partnerA: () => ({ role: 'partner_contact', partnerOrganisationId: orgs.A }),
    partnerB: () => ({ role: 'partner_contact', partnerOrganisationId: orgs.B }),
    admin: () => ({ role: 'admin' }),
  }
  const names: Record<SignedIn, [string, string]> = {
    volunteer: ['志愿者甲', 'jia.volunteer@example.org'],
    unverified: ['新人庚', 'geng.unverified@example.org'],
    minor: ['少年乙', 'yi.minor@example.org'],
    coordinator: ['协调员丙', 'bing.coordinator@example.org'],
    partnerA: ['联系人丁', 'ding.partner@example.org'],
    partnerB: ['联系人戊', 'wu.partner@example.org'],
    admin: ['管理员己', 'ji.admin@example.org'],
  }
  const accounts = {} as Record<SignedIn, TestAccount>
  const pii = {} as World['pii']
  for (const principal of Object.keys(specs) as SignedIn[]) {
    const [name, email] = names[principal]
    accounts[principal] = await createAccount(db, { ...specs[principal](), name, email })
    pii[principal] = { named: [name, email], phones: [accounts[principal].phone!] }
  }
  pii.volunteer.named.push('紧急联系人子')
  pii.volunteer.phones.push(emergencyPhone)
  pii.minor.named.push('监护人丑')
  pii.minor.phones.push(guardianPhone)

  const now = new Date()
  const shiftId = await createShift(db, { capacity: 5 })
  await signUp(db, actorOf(accounts.volunteer), shiftId, meta(now))
  const feedToken = await rotateCalendarFeed(db, actorOf(accounts.volunteer), now)
  const lastYear = now.getUTCFullYear() - 1
  // Served last year, hours approved: what a certificate is of (past service is recorded, not signed up for).
  const served = await createPastShift(db, await createSite(db), new Date(`${lastYear}-06-01T01:00:00Z`))
  await createSignup(db, served, accounts.volunteer.id, { minutes: 180, approvedBy: accounts.coordinator.id })
  const issued = await requestOwnCertificate(
    db,
    actorOf(accounts.volunteer),
    { from: `${lastYear}-01-01`, to: `${lastYear}-12-31` },
    certificateSettings(app.env),
    meta(now),
  )
  const { verification_code: verificationCode } = await db
    .selectFrom('certificate')
    .select('verification_code')
    .where('id', '=', issued.id)
    .executeTakeFirstOrThrow()
  await db
    .insertInto('email_verification')
    .values({
      account_id: accounts.unverified.id,
      email: accounts.unverified.email,
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
      account_id: accounts.volunteer.id,
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
      invited_by: accounts.admin.id,
      expires_at: new Date(now.getTime() + 86_400_000).toISOString(),
      accepted_at: null,
      created_at: now.toISOString(),
    })
    .execute()

  const sessions = {} as Record<SignedIn, HttpClient>
  for (const principal of Object.keys(accounts) as SignedIn[]) {
    sessions[principal] = await sessionClient(app, accounts[principal])
  }
  const site = await createSite(db)
  const programme = await createProgramme(db, '翻书越岭（巡查）')
  await donate(db, programme, 500)
  const { id: training } = await db
    .insertInto('training')
    .values({ name: '导读培训（巡查）', description: null, created_at: now.toISOString() })
    .returning('id')
    .executeTakeFirstOrThrow()
  const partnerA = sessions.partnerA
  const coordinator = sessions.coordinator
  const card = idFromLocation(await submitCards(partnerA))
  const visit = idFromLocation(
    await partnerA.post('/partner/visit-requests/new', {
      kind: 'exhibition',
      topic: '图片展',
      preferredDates: new Date(now.getTime() + 9 * 86_400_000).toISOString().slice(0, 10),
      expectedParticipants: '300',
    }),
  )
  const shipment = idFromLocation(
    await coordinator.post('/staff/books', {
      intent: 'shipment',
      partnerOrganisationId: String(orgs.A),
      programmeId: String(programme),
      bookCount: '100',
      boxCount: '2',
    }),
  )
  await coordinator.post(`/staff/books/shipments/${shipment}`, { intent: 'ship', deliveredByTeam: 'on' })
  const receiptToken = await captureReceiptToken(app)
  const activity = idFromLocation(
    await coordinator.post('/staff/activities/new', {
      title: '我来读报给您听（巡查）',
      type: 'special_care',
      mode: 'offline',
      partnerId: String(orgs.A),
      startDay: new Date(now.getTime() + 3 * 86_400_000).toISOString().slice(0, 10),
      startTime: '09:30',
      endTime: '11:00',
      isPublic: 'on',
    }),
  )
  await coordinator.post(`/staff/activities/${activity}`, { intent: 'publish' })
  return {
    app,
    accounts,
    orgs,
    shiftId,
    feedToken,
    certificate: { id: issued.id, verificationCode },
    partnerWork: { card, visit, shipment, activity, receiptToken },
    reference: { site, programme, training },
    pii,
    client(principal) {
      const client = app.client({ ip: nextIp() })
      if (principal !== 'anonymous') {
        for (const name of ['session', '__Host-session']) {
          const value = sessions[principal].cookie(name)
          if (value) client.setCookie(name, value)
        }
      }
      return client
    },
    async freshPrincipal(principal) {
      if (principal === 'anonymous') return { client: app.client({ ip: nextIp() }), account: null }
      const account = await createAccount(db, specs[principal]())
      return { client: await sessionClient(app, account), account }
    },
  }
}

/**
 * Real values for the dynamic segments of each route. A route whose pattern has
 * segments and no entry here fails the sweeps: add one when adding the route
 * (for a partner-scoped record, an id of organisation A's record with `owner: 'A'`).
 */
const DYNAMIC: Record<string, (w: World) => Omit<Target, 'path'>[]> = {
  'admin/accounts/:id': (w) => [
    { params: { id: w.accounts.volunteer.id }, record: 'volunteer' },
    { params: { id: w.accounts.minor.id }, record: 'minor' },
  ],
  'staff/shifts/:id': (w) => [{ params: { id: w.shiftId } }],
  'staff/shifts/:id/edit': (w) => [{ params: { id: w.shiftId } }],
  'staff/shifts/:id/qr': (w) => [{ params: { id: w.shiftId } }],
  'shifts/:id': (w) => [{ params: { id: w.shiftId } }],
  'check-in/:shiftId': (w) => [{ params: { shiftId: w.shiftId } }],
  'reset-password/:token': () => [{ params: { token: RESET_TOKEN } }],
  'invitations/:token': () => [{ params: { token: INVITATION_TOKEN } }],
  'calendar/:token.ics': (w) => [{ params: { token: w.feedToken } }],
  'certificates/:id.pdf': (w) => [{ params: { id: w.certificate.id }, record: 'volunteer' }],
  'certificates/verify/:code': (w) => [{ params: { code: w.certificate.verificationCode } }],
  'activities/:id': (w) => [{ params: { id: w.partnerWork.activity } }],
  'admin/sites/:id': (w) => [{ params: { id: w.reference.site } }],
  'admin/programmes/:id': (w) => [{ params: { id: w.reference.programme } }],
  'admin/partners/:id': (w) => [{ params: { id: w.orgs.A } }],
  'admin/trainings/:id': (w) => [{ params: { id: w.reference.training } }],
  'staff/activities/:id': (w) => [{ params: { id: w.partnerWork.activity } }],
  'staff/activities/:id/edit': (w) => [{ params: { id: w.partnerWork.activity } }],
  'staff/visits/:id': (w) => [{ params: { id: w.partnerWork.activity } }],
  'visits/:id/team': (w) => [{ params: { id: w.partnerWork.activity } }],
  'visits/:id/outcome': (w) => [{ params: { id: w.partnerWork.activity } }],
  'partner/card-requests/:id': (w) => [{ params: { id: w.partnerWork.card }, owner: 'A' }],
  'partner/visit-requests/:id': (w) => [{ params: { id: w.partnerWork.visit }, owner: 'A' }],
  'partner/shipments/:id': (w) => [{ params: { id: w.partnerWork.shipment }, owner: 'A' }],
  'staff/card-requests/:id': (w) => [{ params: { id: w.partnerWork.card } }],
  'staff/card-requests/:id/export': (w) => [{ params: { id: w.partnerWork.card } }],
  'staff/visit-requests/:id': (w) => [{ params: { id: w.partnerWork.visit } }],
  'staff/books/shipments/:id': (w) => [{ params: { id: w.partnerWork.shipment } }],
  'staff/books/shipments/:id/labels': (w) => [{ params: { id: w.partnerWork.shipment } }],
  'receipts/:token': (w) => [{ params: { token: w.partnerWork.receiptToken } }],
  'reports/:year': () => [{ params: { year: 2021 } }],
  'reports/:year.xlsx': () => [{ params: { year: 2021 } }],
  'reports/:year.csv': () => [{ params: { year: 2021 } }],
  'reports/:year.pdf': () => [{ params: { year: 2021 } }],
  'reports/:year/charts/:chart.svg': () => [{ params: { year: 2021, chart: 'byMonth' } }],
  // The dev mailbox is off for these clients; any id shows that.
  'dev/mail/:id': () => [{ params: { id: 'any' } }],
}

export function targets(route: SweptRoute, world: World): Target[] {
  if (route.pattern === '*') return [{ path: '/no-such-page', params: {} }]
  if (route.params.length === 0) return [{ path: fill(route.pattern, {}), params: {} }]
  const make = DYNAMIC[route.pattern]
  if (!make) throw new Error(`route ${route.pattern} (${route.id}) has dynamic segments: give it real ids in DYNAMIC`)
  return make(world).map((target) => ({ ...target, path: fill(route.pattern, target.params) }))
}

/** The receipt link the shipment mail carries (the token is stored only as a hash). */
async function captureReceiptToken(app: TestApp): Promise<string> {
  const mails = await app.deliverMail()
  for (const mail of mails) {
    const match = /\/receipts\/([\w-]+)/.exec(mail.text)
    if (match) return match[1]!
  }
  throw new Error('no receipt link was mailed')
}
