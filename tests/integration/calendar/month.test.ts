/**
 * A city's month (50 shifts a day) over real HTTP: every day of the month
 * shows its first shifts, its counts and "+N more" linking to its day; filters
 * apply before counting; the list pages through everything; day and week load
 * every shift of their range; the page and its data stay under 60 KB.
 */
import type { Insertable, Kysely } from 'kysely'
import { afterAll, beforeAll, expect, it } from 'vitest'
import type { DB, ShiftTable } from '#db/schema'
import { loadMonth } from '~/domain/shifts/calendar.server'
import { loadCalendar } from '~/domain/shifts/calendar-view.server'
import { formatDay, shanghaiInstant } from '~/lib/dates'
import { createShift, createSite } from '../accounts/helpers'
import { startTestApp, type TestApp } from '../../support/app'
import { describeEachDialect } from '../../support/databases'

const MONTH = '2031-05'
const DAYS = Array.from({ length: 31 }, (_, i) => `${MONTH}-${String(i + 1).padStart(2, '0')}`)
const PER_DAY = 50
const KB = 1024

/** Per day, shift i: site B for i < 20, book handling when i % 5 = 0, full for i in 1..5, cancelled for 7 and 49. */
async function createMonth(db: Kysely<DB>, siteA: number, siteB: number): Promise<Map<string, number[]>> {
  const now = new Date().toISOString()
  const rows: Insertable<ShiftTable>[] = DAYS.flatMap((day) =>
    Array.from({ length: PER_DAY }, (_, i) => {
      const startsAt = shanghaiInstant(day, `${String(8 + (i % 10)).padStart(2, '0')}:00`)
      return {
        series_id: null,
        site_id: i < 20 ? siteB : siteA,
        activity_id: null,
        role: i % 5 === 0 ? ('book_handling' as const) : ('lending_desk' as const),
        title: null,
        starts_at: startsAt,
        ends_at: new Date(Date.parse(startsAt) + 2 * 3600_000).toISOString(),
        capacity: 5,
        confirmed_count: i >= 1 && i <= 5 ? 5 : 0,
        min_age: null,
        required_skill: null,
        required_training_id: null,
        signup_opens_at: null,
        signup_closes_at: null,
        cancel_cutoff_hours: 0,
        notes: null,
        contact_account_id: null,
        status: i === 7 || i === 49 ? ('cancelled' as const) : ('open' as const),
        created_by: null,
        created_at: now,
        updated_at: now,
      }
    }),
  )
  const ids: number[] = []
  for (let i = 0; i < rows.length; i += 200) {
    const inserted = await db
      .insertInto('shift')
      .values(rows.slice(i, i + 200))
      .returning('id')
      .execute()
    ids.push(...inserted.map((row) => row.id))
  }
  return new Map(DAYS.map((day, d) => [day, ids.slice(d * PER_DAY, (d + 1) * PER_DAY)]))
}

const counts = (day: string, total: number, full: number, cancelled: number) =>
  `${formatDay(shanghaiInstant(day, '12:00'), 'zh-CN')}：共 ${total} 个岗位，${full} 个已满，${cancelled} 个已取消`
const shiftLinks = (html: string) => [...html.matchAll(/href="\/shifts\/(\d+)"/g)].map((m) => Number(m[1]))
const occurrences = (html: string, text: string) => html.split(text).length - 1

describeEachDialect('the month at a city scale', (dialect) => {
  let app: TestApp
  let byDay: Map<string, number[]>
  let siteA: number

  beforeAll(async () => {
    app = await startTestApp(dialect)
    siteA = await createSite(app.database.db, '丰财分馆')
    byDay = await createMonth(app.database.db, siteA, await createSite(app.database.db, '黄楼分馆'))
  }, 60_000)
  afterAll(async () => {
    await app?.close()
  })

  const get = async (path: string) => {
    const response = await app.client().get(path)
    expect(response.status, path).toBe(200)
    return response.text()
  }

  it('shows every day of the month with its first shifts, its counts and "+N more" to its day', async () => {
    const html = await get(`/shifts?view=month&date=${MONTH}-15`)
    expect(html).toContain(`共 ${DAYS.length * PER_DAY} 个岗位`)
    for (const day of DAYS) {
      expect(html).toContain(counts(day, 50, 5, 2))
      expect(html).toMatch(new RegExp(`href="/shifts\\?view=day&amp;date=${day}">\\+47 个<`))
    }
    expect(occurrences(html, '+47 个')).toBe(DAYS.length)
    const links = new Set(shiftLinks(html))
    for (const ids of byDay.values()) {
      // The first three by start time, then id: shifts 0, 10 and 20 all start at 08:00.
      for (const i of [0, 10, 20]) expect(links).toContain(ids[i])
      for (const i of [1, 30]) expect(links).not.toContain(ids[i])
    }
  })

  it('keeps the page and its data under 60 KB', async () => {
    const html = await get(`/shifts?view=month&date=${MONTH}-15`)
    const data = await get(`/shifts.data?view=month&date=${MONTH}-15`)
    expect(Buffer.byteLength(html)).toBeLessThan(60 * KB)
    expect(Buffer.byteLength(data)).toBeLessThan(60 * KB)
  })

  it('applies the filters before counting, and "+N more" keeps them', async () => {
    const byRole = await get(`/shifts?view=month&date=${MONTH}-15&role=book_handling`)
    for (const day of DAYS) expect(byRole).toContain(counts(day, 10, 1, 0))
    expect(occurrences(byRole, '+7 个')).toBe(DAYS.length)
    expect(byRole).toContain(`href="/shifts?view=day&amp;date=${MONTH}-01&amp;role=book_handling"`)

    const both = await get(`/shifts?view=month&date=${MONTH}-15&role=book_handling&site=${siteA}`)
    for (const day of DAYS) expect(both).toContain(counts(day, 6, 0, 0))
    expect(occurrences(both, '+3 个')).toBe(DAYS.length)
    expect(shiftLinks(both)).not.toContain(byDay.get(`${MONTH}-01`)![0])
  })

  it('pages the list through every shift of its range, with stable URLs that keep the filters', async () => {
    const week = DAYS.slice(4, 11).flatMap((day) => byDay.get(day)!)
    const seen: number[] = []
    let path: string | undefined = `/shifts?view=list&date=${MONTH}-05`
    let pages = 0
    while (path) {
      const html = await get(path)
      pages++
      const page = shiftLinks(html)
      expect(page.length).toBeLessThanOrEqual(50)
      seen.push(...page)
      const next = /<a rel="next"[^>]* href="([^"]+)"/.exec(html)?.[1]
      path = next?.replaceAll('&amp;', '&')
      if (path) expect(path).toContain(`page=${pages + 1}`)
    }
    expect(pages).toBe(7)
    expect(seen).toHaveLength(week.length)
    expect(new Set(seen)).toEqual(new Set(week))
    expect((await app.client().get(`/shifts?view=list&date=${MONTH}-05&page=8`)).status).toBe(404)

    const filtered = await get(`/shifts?view=list&date=${MONTH}-05&role=book_handling&page=2`)
    expect(filtered).toContain('第 2 / 2 页')
    expect(filtered).toMatch(
      new RegExp(`<a rel="prev"[^>]* href="/shifts\\?view=list&amp;date=${MONTH}-05&amp;role=book_handling"`),
    )
    expect(shiftLinks(filtered)).toHaveLength(20)
  })

  it('puts a shift in the Shanghai day it starts on, on each side of midnight', async () => {
    const db = app.database.db
    const late = await createShift(db, siteA, new Date(shanghaiInstant('2031-07-01', '23:30')))
    const early = await createShift(db, siteA, new Date(shanghaiInstant('2031-07-02', '00:30')))
    const month = await loadMonth(
      db,
      { from: new Date(shanghaiInstant('2031-07-01', '00:00')), to: new Date(shanghaiInstant('2031-08-01', '00:00')) },
      3,
    )
    expect(month.map((d) => [d.day, d.total, d.shifts.map((s) => s.id)])).toEqual([
      ['2031-07-01', 1, [late]],
      ['2031-07-02', 1, [early]],
    ])
  })

  it('loads every shift of the day and the week', async () => {
    const day = await get(`/shifts?view=day&date=${MONTH}-10`)
    expect(day).toContain('共 50 个岗位')
    expect(day).toContain('在列表中查看全部 50 个岗位')
    const range = (from: string, to: string) => ({
      from: new Date(shanghaiInstant(from, '00:00')),
      to: new Date(shanghaiInstant(to, '00:00')),
    })
    const week = await loadCalendar(
      app.database.db,
      { layout: 'range', filter: range(`${MONTH}-05`, `${MONTH}-12`), page: 1 },
      new Date(),
    )
    const expected = DAYS.slice(4, 11).flatMap((d) => byDay.get(d)!)
    expect(week.total).toBe(7 * PER_DAY)
    expect(week.kind === 'range' ? week.shifts.map((s) => s.id).sort((a, b) => a - b) : []).toEqual(
      expected.sort((a, b) => a - b),
    )
  })
})
