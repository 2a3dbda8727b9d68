/**
 * Outreach visits' teams in the demo: every shift of a coming visit at a partner
 * is a team role (reader, activity assistant, book handling), each visit gets a
 * team-lead shift (taken for the visits of the next two weeks, always for the
 * demo partner school's) and its plan (purpose, what to bring, transport,
 * meeting point); the insured mountain trip of 翻书越岭 has its group
 * accident-insurance policy covering everyone on its team. Adds no 2021
 * activity or shift, so the 2021 counts stay.
 */
import type { PartnerKind } from '../schema'
import type { ComingWeeksContext, PlannedVisit } from './coming-weeks'
import { DEMO_PARTNER_SCHOOL } from './library-2021'
import { add } from './plan'
import { addDays, daysBetween, shanghaiDay, shanghaiInstant } from './time'

const TEAM_ROLE = {
  newspaper_reading: 'reader',
  reading_guide: 'reader',
  activity_assistant: 'activity_assistant',
  book_handling: 'book_handling',
} as const

const MEETING_POINT = '鼓楼图书馆总馆东门（服务开始前 30 分钟集合）'

/** What a visit is for and what the team takes, by the kind of partner it goes to. */
const VISIT_PLAN: Partial<Record<PartnerKind, { purpose: string; whatToBring: string; transport: string }>> = {
  nursing_home: {
    purpose: '为老人读报，讲解时事与健康常识，陪伴聊天',
    whatToBring: '当日报纸、大字本图书、老花镜',
    transport: '公交前往，往返车费凭票报销',
  },
  school: {
    purpose: '协助讲座进校园：引导学生入场、发放材料、维持秩序',
    whatToBring: '讲座资料、签到表、志愿者马甲',
    transport: '步行或骑行前往，距总馆约 15 分钟',
  },
  special_education_school: {
    purpose: '为特教学校学生共读绘本，协助老师开展阅读游戏',
    whatToBring: '绘本、触摸书、手偶',
    transport: '图书馆公务车，总馆东门发车',
  },
  left_behind_children_home: {
    purpose: '陪留守儿童读书、写作业，开展亲子共读视频连线',
    whatToBring: '儿童读物、文具、平板电脑（视频连线）',
    transport: '图书馆公务车，总馆东门发车',
  },
  enterprise: {
    purpose: '走进企业职工书屋：图书交换、借阅证办理咨询、好书推荐',
    whatToBring: '交换图书、借阅证申请表、推荐书目',
    transport: '地铁前往，往返车费凭票报销',
  },
  rural_school: {
    purpose: '为山区学校送书送课：图书交接、上阅读课、整理图书角',
    whatToBring: '捐赠图书、阅读课教具、急救包',
    transport: '图书馆包车往返，途中约 3 小时',
  },
}

export function planVisitTeams(ctx: ComingWeeksContext, visits: Map<string, PlannedVisit>) {
  const { plan, today, now, people, shifts } = ctx
  const visitIds = new Set(
    plan.activity.flatMap((a, i) =>
      a.partner_organisation_id != null && a.starts_at >= `${today}` && a.status !== 'cancelled' ? [i + 1] : [],
    ),
  )
  plan.shift.forEach((shift) => {
    if (shift.activity_id == null || !visitIds.has(shift.activity_id)) return
    const role = shift.role as keyof typeof TEAM_ROLE
    shift.team_role = TEAM_ROLE[role] ?? null
  })
  const demoSchool = plan.partner_organisation.findIndex((p) => p.name === DEMO_PARTNER_SCHOOL) + 1
  for (const id of visitIds) {
    const visit = plan.activity[id - 1]!
    const partner = plan.partner_organisation[visit.partner_organisation_id! - 1]!
    const kind = partner.kind as PartnerKind
    const planned = VISIT_PLAN[kind]
    visit.purpose = planned?.purpose ?? `${partner.name}外出服务：协助活动开展`
    visit.what_to_bring = planned?.whatToBring ?? null
    visit.transport = planned?.transport ?? null
    visit.meeting_point = MEETING_POINT
    const startDay = shanghaiDay(visit.starts_at)
    const opensAt = shanghaiInstant(addDays(startDay, -21), '09:00')
    const ahead = daysBetween(today, startDay)
    const leadWanted = opensAt <= now && (ahead <= 14 || visit.partner_organisation_id === demoSchool)
    const createdAt = String(visit.created_at)
    const leadShift = shifts.addShift(
      {
        activityId: id,
        role: 'other',
        title: '领队',
        startsAt: visit.starts_at,
        endsAt: visit.ends_at,
        capacity: 1,
        opensAt,
        closesAt: shanghaiInstant(addDays(startDay, -1), '20:00'),
        cancelCutoffHours: 48,
        notes: '领队：带队前往、当天点名并登记成效。',
        contact: visit.coordinator_id ?? people.demoCoordinator,
        createdBy: visit.coordinator_id ?? people.demoCoordinator,
        createdAt,
      },
      { confirmed: leadWanted ? 1 : 0 },
    )
    plan.shift[leadShift - 1]!.team_role = 'team_lead'
  }
  const trip = visits.get('mountain-trip')
  if (!trip) return
  const tripShifts = new Set(plan.shift.flatMap((s, i) => (s.activity_id === trip.id ? [i + 1] : [])))
  const team = [
    ...new Set(
      plan.signup.filter((s) => tripShifts.has(s.shift_id) && s.status !== 'cancelled').map((s) => s.volunteer_id),
    ),
  ]
  const at = `${addDays(today, -10)}T02:00:00.000Z`
  const policy = add(plan, 'insurance_policy', {
    insurer: '中国人寿保险股份有限公司徐州分公司',
    policy_number: `GL-YW-${today.slice(0, 4)}-0815`,
    covers_from: addDays(today, -10),
    covers_until: addDays(today, 80),
    note: '翻书越岭 山区送书送课 团体意外险',
    created_by: people.demoCoordinator,
    created_at: at,
    updated_at: at,
  })
  for (const accountId of team) {
    add(plan, 'insurance_cover', {
      policy_id: policy,
      account_id: accountId,
      added_by: people.demoCoordinator,
      created_at: at,
    })
  }
}
