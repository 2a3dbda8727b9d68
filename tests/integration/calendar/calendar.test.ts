/**
 * The calendar's queries (range, filters, colours, contact privacy) and the
 * secret ICS feed over real HTTP: only the token's hash is stored, an unknown
 * token is a 404, and rotating the link kills the old one.
 */
import type { Kysely } from 'kysely'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { DB, ShiftRole } from '#db/schema'
import { findCalendarFeedOwner, listFeedShifts, rotateCalendarFeed } from '~/domain/shifts/calendar-feed.server'
import { getShiftDetail, listShiftsForCalendar, NEUTRAL_COLOUR } from '~/domain/shifts/calendar.server'
import type { Actor } from '~/domain/actor'
import {
  allTextValues,
  createAccount,
  createShift,
  createSignup,
  createSite,
  sessionClient,
  sha256Hex,
} from '../accounts/helpers'
import { startTestApp, type TestApp } from '../../support/app'
import { describeEachDialect, useTestDatabase } from '../../support/databases'

const HOUR = 3600_000
const at = (iso: string) => new Date(iso)

async function createProgramme(db: Kysely<DB>, name: string, colour: string): Promise<number> {
  const now = new Date().toISOString()
  const row = await db
    .insertInto('programme')
    .values({
      name,
      kind: 'brand',
      parent_programme_id: null,
      description: null,
      colour,
      created_at: now,
      updated_at: now,
    })
    .returning('id')
    .executeTakeFirstOrThrow()
  return row.id
}

async function createActivity(
  db: Kysely<DB>,
  values: { siteId: number; programmeId: number | null; coordinatorId: number | null; startsAt: Date },
): Promise<number> {
  const now = new Date().toISOString()
  const row = await db
    .insertInto('activity')
    .values({
      title: '绘本共读',
      type: 'reading_promotion',
      theme: null,
      campaign: null,
      programme_id: values.programmeId,
      site_id: values.siteId,
      partner_organisation_id: null,
      mode: 'offline',
      starts_at: values.startsAt.toISOString(),
      ends_at: new Date(values.startsAt.getTime() + 2 * HOUR).toISOString(),
      status: 'published',
      description: '带孩子们读绘本',
      is_public: 1,
      requires_insurance: 0,
      coordinator_id: values.coordinatorId,
      participant_count: null,
      books_delivered: null,
      outcome_notes: null,
      created_at: now,
      updated_at: now,
    })
    .returning('id')
    .executeTakeFirstOrThrow()
  return row.id
}

async function setShift(
  db: Kysely<DB>,
  id: number,
  values: { activity_id?: number; site_id?: number | null; role?: ShiftRole },
) {
  await db.updateTable('shift').set(values).where('id', '=', id).execute()
}

const actorOf = (account: { id: number; name: string; email: string }): Actor => ({
  accountId: account.id,
  role: 'volunteer',
  partnerOrganisationId: null,
  name: account.name,
  email: account.email,
  locale: 'zh-CN',
  emailVerified: true,
})

describeEachDialect('calendar queries', (dialect) => {
  const database = useTestDatabase(dialect)
  const ids = {} as Record<
    'siteA' | 'siteB' | 'programme' | 'before' | 'first' | 'duty' | 'activityShift' | 'last' | 'after',
    number
  >

  beforeAll(async () => {
    const { db } = database()
    const coordinator = await createAccount(db, { role: 'coordinator', phone: '13900001111', name: '王敏' })
    ids.siteA = await createSite(db, '丰财分馆')
    ids.siteB = await createSite(db, '黄楼分馆')
    ids.programme = await createProgramme(db, '我们在一起', '#0f766e')
    const activity = await createActivity(db, {
      siteId: ids.siteB,
      programmeId: ids.programme,
      coordinatorId: coordinator.id,
      startsAt: at('2030-03-05T02:00:00Z'),
    })
    // Range under test: [2030-03-02T16:00Z, 2030-03-09T16:00Z) = 3 to 10 March in Shanghai.
    ids.before = await createShift(db, ids.siteA, at('2030-03-02T15:59:00Z'))
    ids.first = await createShift(db, ids.siteA, at('2030-03-02T16:00:00Z'))
    ids.duty = await createShift(db, ids.siteA, at('2030-03-04T01:00:00Z'))
    await setShift(db, ids.duty, { role: 'book_handling' })
    ids.activityShift = await createShift(db, ids.siteA, at('2030-03-05T02:00:00Z'), 4)
    await setShift(db, ids.activityShift, { site_id: null, activity_id: activity, role: 'activity_assistant' })
    ids.last = await createShift(db, ids.siteB, at('2030-03-09T15:59:00Z'))
    ids.after = await createShift(db, ids.siteB, at('2030-03-09T16:00:00Z'))
  })

  const week = { from: at('2030-03-02T16:00:00Z'), to: at('2030-03-09T16:00:00Z') }

  it('returns the shifts starting inside [from, to), soonest first', async () => {
    const shifts = await listShiftsForCalendar(database().db, week)
    expect(shifts.map((s) => s.id)).toEqual([ids.first, ids.duty, ids.activityShift, ids.last])
  })

  it('filters by site, counting an activity held at the site', async () => {
    const atB = await listShiftsForCalendar(database().db, { ...week, siteId: ids.siteB })
    expect(atB.map((s) => s.id)).toEqual([ids.activityShift, ids.last])
    const atA = await listShiftsForCalendar(database().db, { ...week, siteId: ids.siteA })
    expect(atA.map((s) => s.id)).toEqual([ids.first, ids.duty])
  })

  it('filters by programme and by role', async () => {
    const inProgramme = await listShiftsForCalendar(database().db, { ...week, programmeId: ids.programme })
    expect(inProgramme.map((s) => s.id)).toEqual([ids.activityShift])
    const handling = await listShiftsForCalendar(database().db, { ...week, role: 'book_handling' })
    expect(handling.map((s) => s.id)).toEqual([ids.duty])
  })

  it('colours by programme, neutral for library duty, with place, seats and status', async () => {
    const shifts = await listShiftsForCalendar(database().db, week)
    const activityShift = shifts.find((s) => s.id === ids.activityShift)!
    expect(activityShift).toMatchObject({
      programme_id: ids.programme,
      programme_name: '我们在一起',
      programme_colour: '#0f766e',
      place_name: '黄楼分馆',
      activity_title: '绘本共读',
      capacity: 4,
      confirmed_count: 0,
      status: 'open',
    })
    const duty = shifts.find((s) => s.id === ids.duty)!
    expect(duty).toMatchObject({ programme_id: null, programme_colour: NEUTRAL_COLOUR, place_name: '丰财分馆' })
  })

  it("shows the coordinator's phone to signed-in viewers only", async () => {
    const { db } = database()
    const volunteer = await createAccount(db)
    const anonymous = await getShiftDetail(db, ids.activityShift, null)
    expect(anonymous).toMatchObject({ contact_name: '王敏', contact_phone: null, address: null })
    expect(anonymous?.activity_description).toBe('带孩子们读绘本')
    const signedIn = await getShiftDetail(db, ids.activityShift, actorOf(volunteer))
    expect(signedIn?.contact_phone).toBe('13900001111')
    expect(await getShiftDetail(db, 999_999)).toBeUndefined()
  })
})

describeEachDialect('calendar feed', (dialect) => {
  let app: TestApp

  beforeAll(async () => {
    app = await startTestApp(dialect)
  })
  afterAll(async () => {
    await app?.close()
  })

  it('stores only the hash of the token and serves the confirmed shifts as text/calendar', async () => {
    const { db } = app.database
    const volunteer = await createAccount(db)
    const site = await createSite(db, '九里分馆')
    const shift = await createShift(db, site, new Date(Date.now() + 48 * HOUR))
    await createSignup(db, shift, volunteer.id)

    const token = await rotateCalendarFeed(db, actorOf(volunteer), new Date())
    const row = await db
      .selectFrom('calendar_feed')
      .selectAll()
      .where('account_id', '=', volunteer.id)
      .executeTakeFirstOrThrow()
    expect(row.token_hash).toBe(sha256Hex(token))
    expect((await allTextValues(db)).filter((v) => v.value.includes(token))).toEqual([])

    const response = await fetch(`${app.url}/calendar/${token}.ics`)
    expect(response.status).toBe(200)
    expect(response.headers.get('content-type')).toMatch(/^text\/calendar/)
    expect(response.headers.get('cache-control')).toMatch(/private/)
    const body = await response.text()
    expect(body).toContain('BEGIN:VCALENDAR')
    expect(body).toContain(`/shifts/${shift}`)
    expect(body).toContain('九里分馆')
    expect(await listFeedShifts(db, volunteer.id, new Date())).toHaveLength(1)
  })

  it('answers 404 for an unknown or malformed token', async () => {
    const unknown = 'a'.repeat(52)
    expect((await fetch(`${app.url}/calendar/${unknown}.ics`)).status).toBe(404)
    expect((await fetch(`${app.url}/calendar/not-a-token.ics`)).status).toBe(404)
    expect(await findCalendarFeedOwner(app.database.db, unknown)).toBeNull()
  })

  it('rotating the link on "my shifts" (POST, no JavaScript) shows the new URL once and kills the old one', async () => {
    const { db } = app.database
    const volunteer = await createAccount(db)
    const client = await sessionClient(app, { id: volunteer.id, role: 'volunteer' })
    const feedUrlIn = async () => {
      const response = await client.post('/me/shifts', {})
      expect(response.status).toBe(200)
      const html = await response.text()
      const match = html.match(/\/calendar\/([a-z2-7]{52})\.ics/)
      expect(match, 'the new feed URL in the page').not.toBeNull()
      expect(html).toContain(`webcal://127.0.0.1`)
      return match![1]!
    }
    const first = await feedUrlIn()
    expect((await fetch(`${app.url}/calendar/${first}.ics`)).status).toBe(200)
    // A plain visit does not show it again.
    const page = await (await client.get('/me/shifts')).text()
    expect(page).not.toContain(first)

    const second = await feedUrlIn()
    expect(second).not.toBe(first)
    expect((await fetch(`${app.url}/calendar/${first}.ics`)).status).toBe(404)
    expect((await fetch(`${app.url}/calendar/${second}.ics`)).status).toBe(200)
    const rows = await db.selectFrom('calendar_feed').selectAll().where('account_id', '=', volunteer.id).execute()
    expect(rows.map((r) => r.token_hash)).toEqual([sha256Hex(second)])
  })

  it('needs a session to create a link', async () => {
    const response = await app.client().post('/me/shifts', {})
    expect(response.status).toBe(302)
    expect(response.headers.get('location')).toMatch(/^\/login\?redirectTo=/)
  })
})

describe('calendar feed token shape', () => {
  it('is 52 characters of base32', async () => {
    const { generateSecret } = await import('~/auth/tokens.server')
    expect(generateSecret()).toMatch(/^[a-z2-7]{52}$/)
  })
})
