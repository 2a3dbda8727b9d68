/**
 * Partner work in progress around `now`: 翻书越岭 donations and shipments (being
 * packed, on the road, arrived, called off), bulk borrowing card requests (双减)
 * and visit requests in every state, several from the demo partner school.
 */
import type { ComingWeeksContext, PlannedVisit } from './coming-weeks'
import { DEMO_PARTNER_SCHOOL } from './library-2021'
import { requireId } from './places'
import { add, type Plan } from './plan'
import { addDays, shanghaiInstant } from './time'
import { cardNumber, classNames } from './year-2021'

export function planPartnerWork(ctx: ComingWeeksContext, visits: Map<string, PlannedVisit>) {
  const { plan, places, people, r, today } = ctx
  const fanshu = requireId(places.programme, '翻书越岭——关爱山区儿童')
  const main = requireId(places.site, '鼓楼图书馆')
  const coordinator = people.demoCoordinator
  const contact = (name: string) => people.partnerContact.get(name)!.id
  const partner = (name: string) => requireId(places.partner, name)
  // Days ago, but never back into 2021 (whose books delivered the year-end report counts).
  const day = (daysAgo: number) => [addDays(today, -daysAgo), '2022-01-01'].sort().at(-1)!
  const at = (daysAgo: number, time: string) => shanghaiInstant(day(Math.max(1, daysAgo)), time)

  // 翻书越岭 keeps collecting.
  const donations = [
    { ago: 26, kind: 'book_drive' as const, name: '“翻书越岭”冬季图书募集', books: 420, site: main },
    {
      ago: 19,
      kind: 'organisation' as const,
      name: '徐州云创科技有限公司',
      books: 260,
      site: requireId(places.site, '云创科技企业阅读点'),
    },
    { ago: 12, kind: 'individual' as const, name: '读者王女士', books: 35, site: requireId(places.site, '丰财分馆') },
    { ago: 8, kind: 'individual' as const, name: '读者陈同学', books: 18, site: main },
    {
      ago: 3,
      kind: 'individual' as const,
      name: '读者赵先生',
      books: 52,
      site: requireId(places.site, '国潮汉风米兰城市书房'),
    },
  ]
  for (const d of donations) {
    add(plan, 'book_donation', {
      programme_id: fanshu,
      site_id: d.site,
      donor_kind: d.kind,
      donor_name: d.name,
      book_count: d.books,
      received_on: day(d.ago),
      notes: null,
      recorded_by: coordinator,
      created_at: at(d.ago, '17:00'),
    })
  }

  // Shipments: one being packed for the trip, two on the road, one arrived, one called off.
  const trip = visits.get('mountain-trip')
  const shipment = (s: {
    school: string
    activity?: number | null
    books: number
    status: 'preparing' | 'shipped' | 'received' | 'cancelled'
    createdAgo: number
    shippedAgo?: number
    receivedAgo?: number
    received?: number
    notes?: string
    boxes?: number
    damaged?: boolean
    cancelReason?: string
  }) =>
    add(plan, 'book_shipment', {
      programme_id: fanshu,
      partner_organisation_id: partner(s.school),
      activity_id: s.activity ?? null,
      book_count: s.books,
      status: s.status,
      shipped_on: s.shippedAgo !== undefined ? day(s.shippedAgo) : null,
      received_on: s.receivedAgo !== undefined ? day(s.receivedAgo) : null,
      received_book_count: s.received ?? null,
      receipt_confirmed_by: s.status === 'received' ? contact(s.school) : null,
      receipt_notes: s.notes ?? null,
      receipt_name: s.status === 'received' ? '教导处 李老师' : null,
      damage_reported: s.damaged ? 1 : 0,
      box_count: s.boxes ?? Math.ceil(s.books / 40),
      carrier: s.shippedAgo !== undefined && !s.activity ? '中国邮政' : null,
      waybill_number:
        s.shippedAgo !== undefined && !s.activity ? `98${String(s.books).padStart(4, '0')}3721${s.createdAgo}` : null,
      cancel_reason: s.cancelReason ?? null,
      created_by: coordinator,
      created_at: at(s.createdAgo, '10:00'),
      updated_at: at(s.receivedAgo ?? s.shippedAgo ?? s.createdAgo, '16:00'),
    })
  if (trip)
    shipment({ school: '陕西商洛杏坪村小学', activity: trip.id, books: 800, status: 'preparing', createdAgo: 5 })
  shipment({ school: '甘肃定西梨园村小学', books: 560, status: 'shipped', createdAgo: 9, shippedAgo: 6 })
  shipment({ school: '四川凉山溪口村小学', books: 480, status: 'shipped', createdAgo: 5, shippedAgo: 3 })
  shipment({
    school: '贵州毕节松林村小学',
    books: 620,
    status: 'received',
    createdAgo: 24,
    shippedAgo: 20,
    receivedAgo: 12,
    received: 618,
    damaged: true,
    notes: '运输中破损2册，其余完好，感谢鼓楼图书馆的志愿者！',
  })
  shipment({
    school: '陕西商洛杏坪村小学',
    books: 300,
    status: 'cancelled',
    createdAgo: 30,
    cancelReason: '改为随“翻书越岭”送书车一同送达。',
  })

  // Bulk borrowing cards (大容量借阅卡) under 双减.
  const cardRequest = (s: {
    school: string
    classes: string[]
    status: 'submitted' | 'approved' | 'issued' | 'rejected' | 'withdrawn'
    createdAgo: number
    decidedAgo?: number
    issuedAgo?: number
    note?: string
  }) => {
    const decided = s.decidedAgo !== undefined ? at(s.decidedAgo, '10:30') : null
    const issued = s.issuedAgo !== undefined ? at(s.issuedAgo, '15:00') : null
    const id = add(plan, 'card_request', {
      partner_organisation_id: partner(s.school),
      requested_by: contact(s.school),
      card_count: s.classes.length,
      classes: s.classes.join('、'),
      loan_limit: 40,
      loan_period_days: 30,
      status: s.status,
      decided_by: decided ? people.coordinators[3]! : null,
      decided_at: decided,
      decision_note: s.note ?? null,
      created_at: at(s.createdAgo, '16:20'),
      updated_at: issued ?? decided ?? at(s.createdAgo, '16:20'),
    })
    if (issued) {
      for (const className of s.classes) {
        add(plan, 'bulk_card', {
          card_request_id: id,
          card_number: cardNumber(ctx.cardNumbers),
          class_name: className,
          issued_at: issued,
        })
      }
    }
  }
  cardRequest({
    school: DEMO_PARTNER_SCHOOL,
    classes: classNames(6, r),
    status: 'issued',
    createdAgo: 40,
    decidedAgo: 37,
    issuedAgo: 34,
    note: '已按班级办理。',
  })
  cardRequest({
    school: DEMO_PARTNER_SCHOOL,
    classes: ['一年级(5)班', '一年级(6)班', '二年级(5)班', '二年级(6)班'],
    status: 'approved',
    createdAgo: 6,
    decidedAgo: 2,
    note: '同意办理，卡片制作中，约一周后发放。',
  })
  cardRequest({
    school: DEMO_PARTNER_SCHOOL,
    classes: ['三年级(7)班', '四年级(7)班'],
    status: 'submitted',
    createdAgo: 1,
  })
  cardRequest({ school: '鼓楼区琵琶小学', classes: classNames(5, r), status: 'submitted', createdAgo: 3 })
  cardRequest({
    school: '鼓楼区铜沛小学',
    classes: classNames(8, r),
    status: 'rejected',
    createdAgo: 14,
    decidedAgo: 10,
    note: '请先与图书馆签订共建协议，签订后可重新申请。',
  })
  cardRequest({ school: '鼓楼区黄楼小学', classes: classNames(3, r), status: 'withdrawn', createdAgo: 18 })

  // Visits partners asked for.
  const visitRequest = (s: {
    partner: string
    kind: 'lecture' | 'exhibition' | 'reading_service' | 'book_delivery' | 'other'
    preferred: string
    audience: string
    expected: number
    status: 'submitted' | 'accepted' | 'scheduled' | 'declined' | 'withdrawn'
    createdAgo: number
    decidedAgo?: number
    activity?: string
    note?: string
  }) => {
    const activityId = s.activity ? visits.get(s.activity)?.id : undefined
    const status = s.status === 'scheduled' && activityId === undefined ? 'accepted' : s.status
    const decided = s.decidedAgo !== undefined ? at(s.decidedAgo, '11:00') : null
    add(plan, 'visit_request', {
      partner_organisation_id: partner(s.partner),
      requested_by: contact(s.partner),
      kind: s.kind,
      preferred_dates: s.preferred,
      audience: s.audience,
      expected_participants: s.expected,
      status,
      activity_id: status === 'scheduled' ? activityId! : null,
      note: s.note ?? null,
      decided_by: decided ? coordinator : null,
      decided_at: decided,
      created_at: at(s.createdAgo, '16:00'),
      updated_at: decided ?? at(s.createdAgo, '16:00'),
    })
  }
  visitRequest({
    partner: DEMO_PARTNER_SCHOOL,
    kind: 'lecture',
    preferred: '近两周的周二或周四下午',
    audience: '四、五年级学生',
    expected: 200,
    status: 'scheduled',
    createdAgo: 12,
    decidedAgo: 9,
    activity: 'school-lecture',
  })
  visitRequest({
    partner: DEMO_PARTNER_SCHOOL,
    kind: 'exhibition',
    preferred: '下月上旬，展期两周',
    audience: '全校学生',
    expected: 600,
    status: 'accepted',
    createdAgo: 8,
    decidedAgo: 3,
    note: '百年党史图片展，具体日期待定。',
  })
  visitRequest({
    partner: DEMO_PARTNER_SCHOOL,
    kind: 'lecture',
    preferred: '期末考试后任一工作日下午',
    audience: '六年级学生',
    expected: 150,
    status: 'submitted',
    createdAgo: 2,
    note: '希望安排一场科普讲座。',
  })
  visitRequest({
    partner: '九里街道敬老院',
    kind: 'reading_service',
    preferred: '每两周一次，周三上午',
    audience: '院内老人',
    expected: 30,
    status: 'scheduled',
    createdAgo: 20,
    decidedAgo: 16,
    activity: 'newspaper-1',
  })
  visitRequest({
    partner: '鼓楼区特殊教育学校',
    kind: 'other',
    preferred: '下周四下午',
    audience: '在校学生',
    expected: 60,
    status: 'scheduled',
    createdAgo: 15,
    decidedAgo: 11,
    activity: 'special-school',
  })
  visitRequest({
    partner: '环城街道敬老院',
    kind: 'reading_service',
    preferred: '工作日上午均可',
    audience: '院内老人',
    expected: 25,
    status: 'submitted',
    createdAgo: 4,
  })
  visitRequest({
    partner: '鼓楼区琵琶小学',
    kind: 'lecture',
    preferred: '本周五下午',
    audience: '三年级学生',
    expected: 120,
    status: 'declined',
    createdAgo: 10,
    decidedAgo: 8,
    note: '该时段讲座已排满，建议改约下月。',
  })
  visitRequest({
    partner: '鼓楼区牌楼中学',
    kind: 'book_delivery',
    preferred: '月底前',
    audience: '初一学生',
    expected: 300,
    status: 'withdrawn',
    createdAgo: 22,
    note: '学校已自行安排。',
  })
}

/**
 * Every card request has one line per class (the seed gives each class one
 * card), and every programme has collected at least what it shipped: books
 * that went out with a programme's visits came from a drive for it at the
 * start of the year. Runs on the finished plan, so the figures follow the plan.
 */
export function completePartnerWork(plan: Plan, mainSiteId: number) {
  for (const s of plan.book_shipment) {
    s.box_count ??= Math.ceil(s.book_count / 40)
    // Books that went with a visit travelled with the team.
    s.delivered_by_team ??= s.activity_id ? 1 : 0
    s.damage_reported ??= s.receipt_notes?.includes('破损') ? 1 : 0
  }
  plan.card_request.forEach((request, i) => {
    request.classes.split('、').forEach((className, n) => {
      add(plan, 'card_request_line', {
        card_request_id: i + 1,
        line_no: n + 1,
        class_name: className,
        card_count: 1,
        requested_card_count: 1,
        teacher_name: null,
      })
    })
  })
  const collected = new Map<number, number>()
  for (const d of plan.book_donation)
    if (d.programme_id) collected.set(d.programme_id, (collected.get(d.programme_id) ?? 0) + d.book_count)
  const shipped = new Map<number, number>()
  for (const s of plan.book_shipment)
    if (s.programme_id && s.status !== 'cancelled')
      shipped.set(s.programme_id, (shipped.get(s.programme_id) ?? 0) + s.book_count)
  for (const [programmeId, books] of shipped) {
    const missing = books - (collected.get(programmeId) ?? 0)
    if (missing <= 0) continue
    const name = plan.programme[programmeId - 1]!.name
    add(plan, 'book_donation', {
      programme_id: programmeId,
      site_id: mainSiteId,
      donor_kind: 'book_drive',
      donor_name: `“${name}”年初图书募集`,
      // Rounded up to the next hundred: a drive leaves a little over.
      book_count: Math.ceil((missing + 1) / 100) * 100,
      received_on: '2021-01-16',
      notes: null,
      recorded_by: null,
      created_at: '2021-01-16T09:00:00.000Z',
    })
  }
}
