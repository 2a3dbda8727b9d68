import { describe, expect, it } from 'vitest'
import { diffReports, type Report } from '~/domain/reports/model'
import { roundDown } from '~/domain/reports/sentences'

describe('roundDown (the summary’s 500余 rule)', () => {
  it('keeps counts under 100 exact', () => {
    expect(roundDown(0)).toEqual({ value: 0, over: false })
    expect(roundDown(86)).toEqual({ value: 86, over: false })
    expect(roundDown(99)).toEqual({ value: 99, over: false })
  })
  it('floors 100–9,999 to the hundred, with 余 only when something was dropped', () => {
    expect(roundDown(512)).toEqual({ value: 500, over: true })
    expect(roundDown(500)).toEqual({ value: 500, over: false })
    expect(roundDown(100)).toEqual({ value: 100, over: false })
    expect(roundDown(9999)).toEqual({ value: 9900, over: true })
  })
  it('floors 10,000 and more to the thousand', () => {
    expect(roundDown(915_878)).toEqual({ value: 915_000, over: true })
    expect(roundDown(10_000)).toEqual({ value: 10_000, over: false })
  })
})

describe('diffReports', () => {
  const report = (sessions: number, rows: number[]): Report => ({
    version: 1,
    scope: { year: 2021, from: '2021-01-01', to: '2021-12-31', siteId: null, programmeId: null },
    generatedAt: '',
    entered: [],
    sections: [
      {
        id: 'activities',
        figures: [{ id: 'sessions', value: sessions }],
        tables: [
          {
            id: 'bySite',
            measures: ['sessions'],
            rows: rows.map((v, i) => ({ label: { text: `馆${i}` }, values: [v] })),
          },
        ],
      },
    ],
  })
  it('lists changed figures and rows, treating a missing row as zero', () => {
    expect(diffReports(report(5, [5]), report(5, [5, 0]))).toEqual([])
    expect(diffReports(report(5, [5]), report(6, [5, 1]))).toEqual([
      { path: 'activities.sessions', published: 5, live: 6 },
      { path: 'bySite.name:馆1.sessions', published: null, live: 1 },
    ])
  })
})
