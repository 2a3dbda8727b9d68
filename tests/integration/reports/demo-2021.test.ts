/** The 2021 demo data (db/seed) reproduces the library's summary: 71/43/86/15/43/9 and "500余场". */
import type { Kysely } from 'kysely'
import { afterAll, beforeAll, expect, it } from 'vitest'
import type { DB } from '#db/schema'
import { ACTIVITY_COUNTS_2021, seedDemoData, TOTAL_ACTIVITIES_2021 } from '#db/seed'
import { figureValue, tableOf, wholeYear, type Report } from '~/domain/reports/model'
import { buildReport } from '~/domain/reports/report.server'
import { summarySentences } from '~/domain/reports/sentences'
import { createI18n } from '~/i18n/i18n'
import { describeEachDialect, openTestDatabase, type TestDatabase } from '../../support/databases'

describeEachDialect('2021 demo report', (dialect) => {
  let database: TestDatabase
  let db: Kysely<DB>
  let report: Report

  beforeAll(async () => {
    database = await openTestDatabase(dialect)
    db = database.db
    await seedDemoData(db, { now: new Date('2026-11-25T05:53:00.000Z') })
    report = await buildReport(db, wholeYear(2021), new Date())
  }, 60_000)
  afterAll(async () => {
    await database?.close()
  })

  it('reproduces the summary’s typed counts and its total', async () => {
    const byType = Object.fromEntries(
      tableOf(report, 'byType')!.rows.map((r) => [
        ('key' in r.label ? r.label.key : '').replace('activity.type.', ''),
        r.values[0],
      ]),
    )
    expect(byType).toMatchObject({
      training: 71,
      lecture: 43,
      reading_promotion: 86,
      exhibition: 15,
      reading_service: 43,
      special_care: 9,
    })
    expect(byType).toEqual(ACTIVITY_COUNTS_2021)
    expect(figureValue(report, 'sessions')).toBe(TOTAL_ACTIVITIES_2021)
    // The six named types are far fewer than the total: the total is counted, not summed.
    expect(71 + 43 + 86 + 15 + 43 + 9).toBeLessThan(figureValue(report, 'sessions'))
  })

  it('writes the summary’s sentence in both languages', () => {
    const [zh] = summarySentences(report, createI18n('zh-CN').t)
    expect(TOTAL_ACTIVITIES_2021).toBe(512)
    expect(zh).toContain(
      '开展各类线上线下公益活动500余场，其中，培训71场、讲座43场、阅读推广86次、展览15场、阅读服务43次、特殊群体关爱活动9次，内容涵盖',
    )
    expect(zh).toMatch(/内容涵盖.*文化.*等类别。$/)
    const [en] = summarySentences(report, createI18n('en').t)
    expect(en).toContain('over 500 sessions')
    expect(en).toContain(
      '71 trainings, 43 lectures, 86 reading promotions, 15 exhibitions, 43 reading services, 9 activities for special groups',
    )
  })
})
