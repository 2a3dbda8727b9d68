/**
 * Two volunteer figures against counts written here: certificates issued (in
 * the period by Shanghai day, not revoked since, whatever the site filter) and
 * insured activities (completed, started in the period, requiring insurance).
 */
import { afterAll, beforeAll, expect, it } from 'vitest'
import { issueCertificateFor } from '~/domain/certificates/issue.server'
import { shanghaiInstant } from '~/lib/dates'
import { revokeCertificate } from '~/domain/certificates/revoke.server'
import { startTestApp, type TestApp } from '../../support/app'
import { describeEachDialect } from '../../support/databases'
import type { HttpClient } from '../../support/http-client'
import { createShift, createSignup, sessionClient } from '../accounts/helpers'
import { actorFor, metaAt } from '../planning/helpers'
import { figure, insertActivity, insertSite, type ActivitySpec } from './fixtures'

const shanghaiYear = (instant: string) => new Date(Date.parse(instant) + 8 * 3600_000).getUTCFullYear()
const settings = { idKey: Buffer.alloc(32, 7), personInCharge: '', contact: '', appOrigin: 'https://t.example.org' }

interface CertificateSpec {
  issuedAt: string
  period: { from: string; to: string }
  revokedAt?: string
}

const certificates: CertificateSpec[] = [
  { issuedAt: '2021-03-15T02:00:00.000Z', period: { from: '2021-01-01', to: '2021-02-28' } },
  // 00:30 on 1 January 2021 in Shanghai, still 2020 in UTC: issued in 2021.
  { issuedAt: '2020-12-31T16:30:00.000Z', period: { from: '2020-01-01', to: '2020-12-31' } },
  // 00:30 on 1 January 2022 in Shanghai: not 2021.
  { issuedAt: '2021-12-31T16:30:00.000Z', period: { from: '2021-01-01', to: '2021-12-31' } },
  // Issued in 2021, revoked later: not counted.
  {
    issuedAt: '2021-06-01T02:00:00.000Z',
    period: { from: '2021-01-01', to: '2021-05-31' },
    revokedAt: '2021-07-01T02:00:00.000Z',
  },
  { issuedAt: '2021-08-01T02:00:00.000Z', period: { from: '2021-07-01', to: '2021-07-31' } },
]

describeEachDialect('report: certificates issued and insured activities', (dialect) => {
  let app: TestApp
  let coordinator: HttpClient
  let main: number
  let branch: number
  let activities: ActivitySpec[]

  beforeAll(async () => {
    app = await startTestApp(dialect)
    const db = app.database.db
    main = await insertSite(db, '总馆', 'main_library')
    branch = await insertSite(db, '分馆', 'branch')
    activities = [
      { type: 'reading_service', startsAt: '2021-05-01T02:00:00.000Z', siteId: main, insured: true },
      { type: 'study_trip', startsAt: '2021-10-01T02:00:00.000Z', siteId: branch, insured: true },
      { type: 'study_trip', startsAt: '2021-04-01T02:00:00.000Z', siteId: main, insured: true, status: 'cancelled' },
      { type: 'study_trip', startsAt: '2021-11-01T02:00:00.000Z', siteId: main, insured: true, status: 'planned' },
      // Shanghai's New Year: the first counts in 2021, the second in 2022.
      { type: 'training', startsAt: '2020-12-31T16:30:00.000Z', siteId: main, insured: true },
      { type: 'training', startsAt: '2021-12-31T16:30:00.000Z', siteId: main, insured: true },
      { type: 'lecture', startsAt: '2021-06-01T02:00:00.000Z', siteId: main },
    ]
    for (const spec of activities) await insertActivity(db, spec)

    const staff = await actorFor(db, { role: 'coordinator' })
    for (const spec of certificates) {
      const volunteer = await actorFor(db)
      const shift = await createShift(db, main, new Date(shanghaiInstant(spec.period.from, '09:00')))
      await createSignup(db, shift, volunteer.accountId, { minutes: 60, approvedBy: staff.accountId })
      const profile = await db
        .selectFrom('volunteer_profile')
        .select('volunteer_number')
        .where('account_id', '=', volunteer.accountId)
        .executeTakeFirstOrThrow()
      const issued = await issueCertificateFor(
        db,
        staff,
        profile.volunteer_number,
        spec.period,
        settings,
        metaAt(spec.issuedAt),
      )
      if (spec.revokedAt) await revokeCertificate(db, staff, issued.id, '信息有误', metaAt(spec.revokedAt))
    }
    coordinator = await sessionClient(app, { id: staff.accountId, role: 'coordinator' })
  }, 120_000)

  afterAll(async () => {
    await app?.close()
  })

  const issuedIn = (year: number) =>
    certificates.filter((c) => shanghaiYear(c.issuedAt) === year && !c.revokedAt).length
  const insuredIn = (year: number, siteId?: number) =>
    activities.filter(
      (a) =>
        a.insured &&
        (a.status ?? 'completed') === 'completed' &&
        shanghaiYear(a.startsAt) === year &&
        (siteId === undefined || a.siteId === siteId),
    ).length

  it('counts certificates issued in the Shanghai year and not revoked, whatever the site filter', async () => {
    expect(issuedIn(2021)).toBe(3)
    const page = await coordinator.get('/reports/2021')
    expect(page.status).toBe(200)
    const html = await page.text()
    expect(figure(html, 'certificatesIssued')).toBe(issuedIn(2021))
    expect(html).toContain('此后未被撤销')
    expect(figure(await (await coordinator.get('/reports/2022')).text(), 'certificatesIssued')).toBe(issuedIn(2022))
    expect(figure(await (await coordinator.get('/reports/2020')).text(), 'certificatesIssued')).toBe(0)
    const filtered = await (await coordinator.get(`/reports/2021?site=${branch}`)).text()
    expect(figure(filtered, 'certificatesIssued')).toBe(issuedIn(2021))
  })

  it('counts insured activities held in the period, by site too', async () => {
    expect(insuredIn(2021)).toBe(3)
    const html = await (await coordinator.get('/reports/2021')).text()
    expect(figure(html, 'insuredActivities')).toBe(insuredIn(2021))
    expect(html).toContain('要求为志愿者购买保险')
    expect(figure(await (await coordinator.get('/reports/2022')).text(), 'insuredActivities')).toBe(insuredIn(2022))
    for (const site of [main, branch]) {
      const page = await (await coordinator.get(`/reports/2021?site=${site}`)).text()
      expect(figure(page, 'insuredActivities')).toBe(insuredIn(2021, site))
    }
  })
})
