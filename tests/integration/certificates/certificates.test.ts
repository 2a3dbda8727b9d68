/**
 * Service-record certificates over HTTP on both databases: the hours equal the
 * approved hours of the period counted here from the fixture rows, later
 * approvals change nothing, the PDF holds the name, number and hours and its QR
 * decodes to the verification page, revoking shows there, roles are enforced,
 * the ID number is stored encrypted, and the re-entry CSV parses back.
 */
import { afterAll, beforeAll, expect, it } from 'vitest'
import { shanghaiInstant } from '~/lib/dates'
import { startTestApp, type TestApp } from '../../support/app'
import { describeEachDialect } from '../../support/databases'
import { readPdf } from '../../support/pdf'
import { createAccount, createShift, createSignup, createSite, sessionClient } from '../accounts/helpers'

const KEY = 'a'.repeat(64)
const RARE_NAME = '喆堃珺昇淼'
const ID_NUMBER = '11010519491231002X'

describeEachDialect('service-record certificates', (dialect) => {
  let app: TestApp
  beforeAll(async () => {
    app = await startTestApp(dialect, { CERTIFICATE_ID_KEY: KEY, CERTIFICATE_CONTACT: '0516-12345678' })
  }, 60_000)
  afterAll(async () => {
    await app?.close()
  })

  /** A volunteer with served shifts in and around 2025: [start (Shanghai), minutes, approved]. */
  async function volunteerWithService(name: string) {
    const db = app.database.db
    const coordinator = await createAccount(db, { role: 'coordinator', name: '王馆员' })
    const volunteer = await createAccount(db, { name })
    const site = await createSite(db)
    const fixtures: [string, string, number, boolean][] = [
      ['2024-12-31', '23:30', 180, true], // before the period in Shanghai (though 2024-12-31T15:30Z)
      ['2025-01-01', '00:30', 150, true], // first hour of the period in Shanghai, still 2024 in UTC
      ['2025-03-08', '09:00', 165, true],
      ['2025-06-01', '14:00', 90, false], // pending: not counted
      ['2025-12-31', '20:00', 45, true],
      ['2026-01-01', '09:00', 120, true], // after the period
    ]
    const signups: number[] = []
    for (const [day, time, minutes, approved] of fixtures) {
      const shiftId = await createShift(db, site, new Date(shanghaiInstant(day, time)))
      signups.push(
        await createSignup(db, shiftId, volunteer.id, { minutes, ...(approved ? { approvedBy: coordinator.id } : {}) }),
      )
    }
    // Independently: approved minutes of shifts starting 2025-01-01 00:00 to 2025-12-31 24:00 Shanghai.
    const expectedMinutes = fixtures
      .filter(([day, , , approved]) => approved && day >= '2025-01-01' && day <= '2025-12-31')
      .reduce((sum, [, , minutes]) => sum + minutes, 0)
    return { coordinator, volunteer, signups, expectedMinutes }
  }

  async function certificateRows(volunteerId: number) {
    return app.database.db
      .selectFrom('certificate')
      .selectAll()
      .where('volunteer_id', '=', volunteerId)
      .orderBy('id')
      .execute()
  }

  it('a volunteer requests a certificate whose hours are the approved hours of the period, frozen at issue', async () => {
    const db = app.database.db
    const { volunteer, signups, expectedMinutes, coordinator } = await volunteerWithService(RARE_NAME)
    expect(expectedMinutes).toBe(150 + 165 + 45)
    const client = await sessionClient(app, volunteer)

    // The ID document is saved encrypted and shown masked.
    const saved = await client.post('/me', { intent: 'id-document', idType: 'resident_id', idNumber: ID_NUMBER })
    expect(saved.status).toBe(302)
    const raw = await db
      .selectFrom('volunteer_profile')
      .select(['id_type', 'id_number_encrypted'])
      .where('account_id', '=', volunteer.id)
      .executeTakeFirstOrThrow()
    expect(raw.id_type).toBe('resident_id')
    expect(raw.id_number_encrypted).toMatch(/^v1\./)
    expect(raw.id_number_encrypted).not.toContain(ID_NUMBER)
    expect(raw.id_number_encrypted).not.toContain(ID_NUMBER.slice(6, 14))
    const me = await (await client.get('/me')).text()
    expect(me).toContain('1101**********002X')
    expect(me).not.toContain(ID_NUMBER)

    const issued = await client.post('/me/certificates', { from: '2025-01-01', to: '2025-12-31' })
    expect(issued.status).toBe(302)
    const [certificate] = await certificateRows(volunteer.id)
    expect(certificate).toBeDefined()
    expect(certificate!.total_minutes).toBe(expectedMinutes)
    expect(certificate!.number).toMatch(/^GLTS-\d{4}-\d{6}$/)
    expect(certificate!.holder_id_number_encrypted).not.toContain(ID_NUMBER)
    expect(certificate!.content).not.toContain(ID_NUMBER)
    const content = JSON.parse(certificate!.content) as { rows: { minutes: number; date: string }[] }
    expect(content.rows.map((r) => r.date)).toEqual(['2025-01-01', '2025-03-08', '2025-12-31'])

    const list = await (await client.get('/me/certificates')).text()
    expect(list).toContain(certificate!.number)
    expect(list).toContain('6 小时')

    // Hours approved later do not change the issued certificate.
    await db
      .updateTable('signup')
      .set({ hours_status: 'approved', hours_approved_by: coordinator.id, hours_approved_at: new Date().toISOString() })
      .where('id', '=', signups[3]!)
      .execute()

    const pdf = await client.get(`/certificates/${certificate!.id}.pdf`)
    expect(pdf.status).toBe(200)
    expect(pdf.headers.get('content-type')).toBe('application/pdf')
    const { text, qr } = await readPdf(await pdf.arrayBuffer())
    const flat = text.replace(/\s+/g, '')
    expect(flat).toContain(RARE_NAME)
    expect(flat).toContain(certificate!.number)
    expect(flat).toContain('累计6小时')
    expect(flat).toContain(ID_NUMBER)
    expect(flat).toContain('不是全国或江苏志愿服务信息系统的记录')
    expect(flat).toContain('系统（志愿者本人申请）')
    expect(flat).toContain('0516-12345678')
    expect(qr).toBe(`${app.url}/certificates/verify/${certificate!.verification_code}`)
    expect(certificate!.verification_code).toMatch(/^[A-Za-z0-9_-]{43}$/)

    // English on request.
    const english = await readPdf(
      await (await client.get(`/certificates/${certificate!.id}.pdf?lang=en`)).arrayBuffer(),
    )
    expect(english.text).toContain('Volunteer Service Record Certificate')
    expect(english.text.replace(/\s+/g, ' ')).toContain('6 hours')

    // The verification page: valid, masked name, hours; nothing more.
    const anonymous = app.client()
    const verify = await anonymous.get(new URL(qr).pathname)
    expect(verify.status).toBe(200)
    const page = await verify.text()
    expect(page).toContain('此证明有效')
    expect(page).toContain('喆***淼')
    expect(page).not.toContain(RARE_NAME)
    expect(page).not.toContain(certificate!.number)
    expect(page).not.toContain('1101')
    expect(page).toContain('6 小时')

    // A second certificate for the same period now includes the later approval; the first still says 6.
    expect((await client.post('/me/certificates', { from: '2025-01-01', to: '2025-12-31' })).status).toBe(302)
    const [first, second] = await certificateRows(volunteer.id)
    expect(first!.total_minutes).toBe(expectedMinutes)
    expect(second!.total_minutes).toBe(expectedMinutes + 90)
    expect(second!.number).not.toBe(first!.number)
    const again = await readPdf(await (await client.get(`/certificates/${first!.id}.pdf`)).arrayBuffer())
    expect(again.text.replace(/\s+/g, '')).toContain('累计6小时')
  }, 60_000)

  it('staff issue for a volunteer, see the register, revoke with a reason; the verification page says revoked', async () => {
    const db = app.database.db
    const { coordinator, volunteer, expectedMinutes } = await volunteerWithService('张小梅')
    const staff = await sessionClient(app, coordinator)
    const profile = await db
      .selectFrom('volunteer_profile')
      .select('volunteer_number')
      .where('account_id', '=', volunteer.id)
      .executeTakeFirstOrThrow()
    const issued = await staff.post('/staff/certificates', {
      intent: 'issue',
      volunteer: profile.volunteer_number,
      from: '2025-01-01',
      to: '2025-12-31',
    })
    expect(issued.status).toBe(302)
    const [certificate] = await certificateRows(volunteer.id)
    expect(certificate!.total_minutes).toBe(expectedMinutes)
    expect(certificate!.issued_by).toBe(coordinator.id)

    const pdf = await readPdf(await (await staff.get(`/certificates/${certificate!.id}.pdf`)).arrayBuffer())
    expect(pdf.text.replace(/\s+/g, '')).toContain('经办人：王馆员')
    expect(pdf.text).toContain(profile.volunteer_number)

    const register = await (await staff.get(`/staff/certificates?q=${encodeURIComponent('张小梅')}`)).text()
    expect(register).toContain(certificate!.number)
    expect(register).toContain('共 1 份')

    expect(
      (
        await staff.post('/staff/certificates', {
          intent: 'revoke',
          certificateId: String(certificate!.id),
          reason: '',
        })
      ).status,
    ).toBe(400)
    const revoked = await staff.post('/staff/certificates', {
      intent: 'revoke',
      certificateId: String(certificate!.id),
      reason: '时长登记有误',
    })
    expect(revoked.status).toBe(302)
    const audit = await db
      .selectFrom('audit_log')
      .select(['actor_id', 'details'])
      .where('action', '=', 'certificate_revoked')
      .where('subject_id', '=', String(certificate!.id))
      .executeTakeFirstOrThrow()
    expect(audit.actor_id).toBe(coordinator.id)
    expect(audit.details).toContain('时长登记有误')
    const page = await (await app.client().get(`/certificates/verify/${certificate!.verification_code}`)).text()
    expect(page).toContain('此证明已撤销')
    expect(page).toContain('张*梅')
    expect(page).not.toContain('时长登记有误')
  }, 60_000)

  it('a volunteer sees only their own certificates; staff pages are for staff; bad input is 400/404, never 500', async () => {
    const { volunteer } = await volunteerWithService('李雷')
    const other = await createAccount(app.database.db, { name: '韩梅梅' })
    const owner = await sessionClient(app, volunteer)
    expect((await owner.post('/me/certificates', { from: '2025-01-01', to: '2025-12-31' })).status).toBe(302)
    const [certificate] = await certificateRows(volunteer.id)

    const intruder = await sessionClient(app, other)
    const stolen = await intruder.get(`/certificates/${certificate!.id}.pdf`)
    expect(stolen.status).toBe(404)
    expect(await stolen.text()).toContain('页面不存在')
    expect((await intruder.get('/me/certificates')).status).toBe(200)
    expect(await (await intruder.get('/me/certificates')).text()).not.toContain(certificate!.number)
    expect((await intruder.get('/staff/certificates')).status).toBe(403)
    expect((await intruder.get('/staff/certificates/export.csv?from=2025-01-01&to=2025-12-31')).status).toBe(403)
    expect(
      (
        await intruder.post('/staff/certificates', {
          intent: 'revoke',
          certificateId: String(certificate!.id),
          reason: 'x',
        })
      ).status,
    ).toBe(403)
    expect((await app.client().get(`/certificates/${certificate!.id}.pdf`)).status).toBe(302)

    for (const [from, to, message] of [
      ['2025-12-31', '2025-01-01', '开始日期不能晚于结束日期'],
      ['2019-01-01', '2025-12-31', '最长覆盖 5 年'],
      ['2025-02-30', '2025-03-01', '请求有误'],
      ['2025-01-01', '2100-01-01', '结束日期不能晚于今天'],
      ['2023-01-01', '2023-12-31', '没有经审核确认的志愿服务时长'],
    ] as const) {
      const response = await owner.post('/me/certificates', { from, to })
      expect(response.status, `${from}..${to}`).toBe(400)
      expect(await response.text()).toContain(message)
    }
    for (const bad of ['abc', '0', '99999999999', '2147483647']) {
      expect((await owner.get(`/certificates/${bad}.pdf`)).status, bad).toBe(404)
    }
    expect((await owner.get(`/certificates/${certificate!.id}.pdf?lang=xx`)).status).toBe(400)
    expect((await app.client().get('/certificates/verify/not-a-code')).status).toBe(404)
    expect((await app.client().get(`/certificates/verify/${'A'.repeat(43)}`)).status).toBe(404)
    const badId = await owner.post('/me', {
      intent: 'id-document',
      idType: 'resident_id',
      idNumber: '110105194912310021',
    })
    expect(badId.status).toBe(400)
    expect(await badId.text()).toContain('证件号码格式不正确')
  }, 60_000)

  it('staff export the period’s approved records as CSV with a BOM, safe against formulas', async () => {
    const db = app.database.db
    const { coordinator, volunteer } = await volunteerWithService('=HYPERLINK("x")')
    const staff = await sessionClient(app, coordinator)
    const bad = await staff.get('/staff/certificates/export.csv?from=2025-12-31&to=2025-01-01')
    expect(bad.status).toBe(400)
    expect(await bad.text()).toContain('开始日期不能晚于结束日期')
    const response = await staff.get('/staff/certificates/export.csv?from=2025-01-01&to=2025-12-31')
    expect(response.status).toBe(200)
    expect(response.headers.get('content-type')).toContain('text/csv')
    const bytes = Buffer.from(await response.arrayBuffer())
    expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf])
    const lines = bytes.toString('utf8').slice(1).trim().split(/\r?\n/)
    expect(lines[0]).toBe('志愿者编号,姓名,活动,岗位,地点,日期,开始时间,结束时间,时长（小时）')
    const number = (
      await db
        .selectFrom('volunteer_profile')
        .select('volunteer_number')
        .where('account_id', '=', volunteer.id)
        .executeTakeFirstOrThrow()
    ).volunteer_number
    const mine = lines.filter((line) => line.startsWith(`${number},`))
    expect(mine).toHaveLength(3)
    expect(mine.map((line) => line.split(',').at(-1))).toEqual(['2.5', '2.75', '0.75'])
    expect(mine[0]).toContain(`'=HYPERLINK`)
    expect(mine[0]).toContain('2025-01-01,00:30,03:30')
  }, 60_000)
})
