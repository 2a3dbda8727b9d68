/** Accounts of every role, volunteer profiles, trainings and their completions. */
import type { Role } from '../schema'
import { DEMO_PARTNER_SCHOOL, PARTNERS, VOLUNTEER_TRAININGS, type TrainingName } from './library-2021'
import { add, type Plan } from './plan'
import type { Places } from './places'
import type { Random } from './random'
import { addDays, addMinutes, daysBetween, daysFrom, shanghaiInstant, yearsBefore } from './time'

export const DEMO_EMAILS = {
  admin: 'admin@tongxing.demo',
  coordinator: 'coordinator@tongxing.demo',
  volunteer: 'volunteer@tongxing.demo',
  partner_contact: 'partner@tongxing.demo',
} as const satisfies Record<Role, string>

/** Stands in for the role's password hash until the plan is written (hashing is slow and salted). */
export const PASSWORD_PLACEHOLDER = (role: Role) => `seed-password:${role}`

export type VolunteerKind = 'student' | 'retiree' | 'adult' | 'minor'

export interface Volunteer {
  id: number
  name: string
  kind: VolunteerKind
  registeredOn: string
  birthDate: string
  /** Completed trainings and the day each was completed. */
  trainings: Map<TrainingName, string>
  /** How keen: the chance of being picked for a shift, relative. */
  keenness: number
}

export interface People {
  admins: number[]
  coordinators: number[]
  demoCoordinator: number
  volunteers: Volunteer[]
  demoVolunteer: Volunteer
  /** The contact account of each partner organisation, by the organisation's name. */
  partnerContact: Map<string, { id: number; since: string }>
  training: Map<TrainingName, number>
}

const SURNAMES = [
  '王',
  '李',
  '张',
  '刘',
  '陈',
  '杨',
  '赵',
  '黄',
  '周',
  '吴',
  '徐',
  '孙',
  '胡',
  '朱',
  '高',
  '林',
  '何',
  '郭',
  '马',
  '罗',
  '梁',
  '宋',
  '郑',
  '谢',
  '韩',
  '唐',
  '冯',
  '于',
  '董',
  '程',
  '曹',
  '袁',
  '邓',
  '许',
  '沈',
  '曾',
  '彭',
  '吕',
  '苏',
  '卢',
  '蒋',
  '蔡',
  '贾',
  '丁',
  '魏',
  '薛',
  '叶',
  '余',
  '潘',
  '杜',
  '戴',
  '夏',
  '钟',
  '汪',
  '田',
  '任',
  '姜',
  '范',
  '方',
  '石',
  '姚',
  '谭',
  '邹',
  '熊',
  '陆',
  '郝',
  '孔',
  '白',
  '崔',
  '康',
  '毛',
  '邱',
  '秦',
  '江',
  '史',
  '顾',
  '侯',
  '邵',
  '孟',
  '段',
  '雷',
  '钱',
  '汤',
  '尹',
  '常',
  '武',
  '乔',
  '贺',
  '龚',
  '文',
]
const GIVEN = {
  young: [
    '子涵',
    '梓轩',
    '欣怡',
    '雨桐',
    '浩然',
    '思远',
    '佳琪',
    '一诺',
    '宇航',
    '梓萱',
    '诗涵',
    '俊熙',
    '若曦',
    '沐阳',
    '语桐',
    '博文',
    '可欣',
    '子墨',
    '嘉怡',
    '天佑',
    '雨泽',
    '晨曦',
    '明轩',
    '安然',
    '书瑶',
    '奕辰',
    '芷若',
    '昊天',
    '思彤',
    '一鸣',
    '晓彤',
    '梦琪',
    '子豪',
    '心怡',
    '浩宇',
    '雅琪',
    '嘉豪',
    '诗雨',
    '皓轩',
    '欣妍',
  ],
  middle: [
    '婷婷',
    '磊',
    '静',
    '敏',
    '晓燕',
    '海涛',
    '丽娟',
    '伟',
    '鹏',
    '倩',
    '杰',
    '晓东',
    '雪梅',
    '志强',
    '春燕',
    '建军',
    '红梅',
    '文杰',
    '丽丽',
    '晓峰',
    '艳',
    '慧',
    '勇',
    '娜',
    '涛',
    '丹',
    '琳',
    '洁',
    '超',
    '军',
    '颖',
    '晓明',
    '亚男',
    '小燕',
    '国栋',
    '振华',
    '佳',
    '蕾',
    '冬梅',
    '晓丽',
  ],
  older: [
    '建华',
    '秀英',
    '桂兰',
    '国强',
    '玉兰',
    '志刚',
    '淑珍',
    '凤英',
    '建国',
    '德明',
    '永红',
    '丽华',
    '桂芳',
    '玉珍',
    '振国',
    '秀兰',
    '金凤',
    '长江',
    '淑英',
    '福生',
    '桂英',
    '文华',
    '素琴',
    '爱华',
    '卫东',
    '明华',
    '玉梅',
    '学军',
    '兰英',
    '庆华',
  ],
} as const

/** Volunteers who joined in 2020 and 2021 (they served in 2021), and each year since. */
const VOLUNTEERS_2020 = 220
const VOLUNTEERS_2021 = 480
const VOLUNTEERS_PER_YEAR_SINCE = 80

const SKILLS = [
  '阅读推广',
  '绘本讲读',
  '书法',
  '摄影',
  '英语',
  '朗诵',
  '手工',
  '计算机',
  '急救',
  '手语',
  '图书整理',
  '活动主持',
  '绘画',
  '视频剪辑',
]
const INTERESTS = [
  '亲子阅读',
  '红色经典',
  '传统文化',
  '科普',
  '关爱老人',
  '关爱特殊儿童',
  '翻书越岭',
  '苏轼研学',
  '读书会',
  '展览讲解',
]
/** Availability codes: weekday part of day, plus school holidays. */
const AVAILABILITY = [
  'sat_am',
  'sat_pm',
  'sun_am',
  'sun_pm',
  'weekday_am',
  'weekday_pm',
  'weekday_eve',
  'school_holidays',
]

class NameBook {
  private used = new Set<string>()
  constructor(private r: Random) {}

  reserve(name: string): string {
    this.used.add(name)
    return name
  }

  next(generation: keyof typeof GIVEN): string {
    for (;;) {
      const name = this.r.pick(SURNAMES) + this.r.pick(GIVEN[generation])
      if (!this.used.has(name)) return this.reserve(name)
    }
  }
}

function phone(r: Random): string {
  return `13${r.int(5, 9)}${String(r.int(0, 99_999_999)).padStart(8, '0')}`
}

function accountTimes(day: string, time: string) {
  const created = shanghaiInstant(day, time)
  return { created_at: created, updated_at: created, email_verified_at: addMinutes(created, 6) }
}

export function planPeople(plan: Plan, places: Places, r: Random, today: string): People {
  const names = new NameBook(r)
  const account = (
    role: Role,
    name: string,
    email: string,
    day: string,
    extra: { partner?: number; phone?: string } = {},
  ) =>
    add(plan, 'account', {
      name,
      email,
      email_normalised: email.toLowerCase(),
      phone: extra.phone ?? phone(r),
      role,
      partner_organisation_id: extra.partner ?? null,
      password_hash: PASSWORD_PLACEHOLDER(role),
      locale: 'zh-CN',
      status: 'active',
      ...accountTimes(day, '09:30'),
    })

  // Staff: the admins and the librarians who coordinate.
  const admins = [
    account('admin', names.reserve('陈静'), DEMO_EMAILS.admin, '2020-01-06'),
    account('admin', names.reserve('许文博'), 'admin2@tongxing.demo', '2020-01-06'),
  ]
  const coordinatorNames = ['王敏', '张伟', '刘洋', '赵丽', '孙磊', '周婷', '吴倩', '郑浩']
  const coordinators = coordinatorNames.map((name, i) =>
    account(
      'coordinator',
      names.reserve(name),
      i === 0 ? DEMO_EMAILS.coordinator : `coordinator${i + 1}@tongxing.demo`,
      addDays('2020-01-06', i * 9),
    ),
  )

  // One contact per partner organisation; the demo one teaches at the demo school.
  const partnerContact = new Map<string, { id: number; since: string }>()
  let partnerNumber = 1
  for (const p of PARTNERS) {
    const demo = p.name === DEMO_PARTNER_SCHOOL
    const since = p.agreementSignedOn ?? addDays('2021-01-08', r.int(0, 60))
    const name = demo ? names.reserve('刘芳') : names.next('middle')
    const email = demo ? DEMO_EMAILS.partner_contact : `partner${++partnerNumber}@tongxing.demo`
    const partnerId = places.partner.get(p.name)!
    const tel = phone(r)
    const id = account('partner_contact', name, email, since, { partner: partnerId, phone: tel })
    partnerContact.set(p.name, { id, since })
    const row = plan.partner_organisation[partnerId - 1]!
    row.contact_name = name
    row.contact_phone = tel
    row.contact_email = email
  }

  // Trainings the library runs for volunteers.
  const training = new Map<TrainingName, number>()
  for (const t of VOLUNTEER_TRAININGS) {
    training.set(
      t.name,
      add(plan, 'training', {
        name: t.name,
        description: t.description,
        created_at: shanghaiInstant('2020-03-02', '10:00'),
      }),
    )
  }

  // Volunteers: the 2020 and 2021 cohorts who served in 2021, then those who joined since.
  const registrations: { day: string; kind: VolunteerKind }[] = []
  const kindOf = (): VolunteerKind =>
    r.weighted(['student', 'retiree', 'adult'] as const, (k) => ({ student: 30, retiree: 25, adult: 45 })[k])
  const spread = (first: string, last: string, count: number, weight: (day: string) => number) => {
    const days = daysFrom(first, last)
    const picked = Array.from({ length: count }, () => r.weighted(days, weight))
    return picked.sort()
  }
  const seasonal = (day: string) => {
    const m = Number(day.slice(5, 7))
    return m === 4 ? 2.2 : m === 7 || m === 8 ? 1.8 : m === 2 ? 0.4 : 1
  }
  for (const day of spread('2020-03-01', '2020-12-20', VOLUNTEERS_2020, seasonal))
    registrations.push({ day, kind: kindOf() })
  for (const day of spread('2021-01-05', '2021-11-30', VOLUNTEERS_2021, seasonal))
    registrations.push({ day, kind: kindOf() })
  const thisYear = Number(today.slice(0, 4))
  for (let year = 2022; year <= thisYear; year++) {
    const last = year === thisYear ? addDays(today, -3) : `${year}-12-20`
    const first = `${year}-01-05`
    if (last <= first) continue
    const count = Math.max(1, Math.round(VOLUNTEERS_PER_YEAR_SINCE * Math.min(1, (daysBetween(first, last) + 1) / 350)))
    for (const day of spread(first, last, count, seasonal)) registrations.push({ day, kind: kindOf() })
  }
  // Two young readers (12 and 13) who joined this year with their guardians' consent.
  const minorsJoin = [addDays(today, -40), addDays(today, -25)].map((d) =>
    d < `${thisYear}-01-01` ? `${thisYear}-01-02` : d,
  )
  for (const day of minorsJoin) registrations.push({ day: day > today ? today : day, kind: 'minor' })
  registrations.sort((a, b) => (a.day < b.day ? -1 : a.day > b.day ? 1 : 0))

  const perYear = new Map<string, number>()
  const volunteers: Volunteer[] = []
  let demoVolunteer: Volunteer | undefined
  let volunteerNumber = 1
  let minorIndex = 0
  for (const reg of registrations) {
    const year = reg.day.slice(0, 4)
    const seq = (perYear.get(year) ?? 0) + 1
    perYear.set(year, seq)
    const number = `GL-${year}-${String(seq).padStart(4, '0')}`
    const demo = number === 'GL-2021-0042'
    const kind: VolunteerKind = demo ? 'adult' : reg.kind
    const ageAtJoining =
      kind === 'minor'
        ? 0
        : kind === 'student'
          ? r.chance(0.2)
            ? r.int(16, 17)
            : r.int(18, 22)
          : kind === 'retiree'
            ? r.int(58, 70)
            : r.int(24, 55)
    const birthDate =
      kind === 'minor'
        ? addDays(yearsBefore(today, 12 + minorIndex++), -r.int(30, 300))
        : addDays(yearsBefore(reg.day, ageAtJoining), -r.int(0, 364))
    const generation =
      kind === 'retiree'
        ? 'older'
        : kind === 'adult' && ageAtJoining > 40
          ? 'middle'
          : kind === 'adult'
            ? r.pick(['middle', 'young'] as const)
            : 'young'
    const name = demo ? names.reserve('李思远') : names.next(generation)
    const email = demo ? DEMO_EMAILS.volunteer : `volunteer${++volunteerNumber}@tongxing.demo`
    const times = accountTimes(
      reg.day,
      `${String(r.int(8, 21)).padStart(2, '0')}:${String(r.step(0, 55, 5)).padStart(2, '0')}`,
    )
    const id = add(plan, 'account', {
      name,
      email,
      email_normalised: email.toLowerCase(),
      phone: phone(r),
      role: 'volunteer',
      partner_organisation_id: null,
      password_hash: PASSWORD_PLACEHOLDER('volunteer'),
      locale: 'zh-CN',
      status: 'active',
      ...times,
    })
    const underage = daysBetween(birthDate, reg.day) < 18 * 365.25
    const guardian = underage
      ? { name: names.next('middle'), relation: r.pick(['母亲', '父亲']), phone: phone(r) }
      : null
    const skills = demo ? ['朗诵', '绘本讲读', '活动主持'] : r.sample(SKILLS, r.int(1, 3))
    const interests = demo ? ['亲子阅读', '关爱老人', '翻书越岭'] : r.sample(INTERESTS, r.int(1, 3))
    const availability = demo
      ? ['sat_am', 'sun_am', 'weekday_eve']
      : kind === 'retiree'
        ? r.sample(['weekday_am', 'weekday_pm', 'sat_am', 'sun_am'], r.int(2, 4))
        : kind === 'student' || kind === 'minor'
          ? [...r.sample(['sat_am', 'sat_pm', 'sun_am', 'sun_pm'], r.int(1, 3)), 'school_holidays']
          : r.sample(['sat_am', 'sat_pm', 'sun_am', 'sun_pm', 'weekday_eve'], r.int(1, 3))
    add(plan, 'volunteer_profile', {
      account_id: id,
      volunteer_number: number,
      birth_date: birthDate,
      skills: JSON.stringify(skills),
      interests: JSON.stringify(interests),
      availability: JSON.stringify(AVAILABILITY.filter((a) => availability.includes(a))),
      emergency_contact_name: guardian ? guardian.name : names.next('middle'),
      emergency_contact_phone: guardian ? guardian.phone : phone(r),
      guardian_name: guardian?.name ?? null,
      guardian_relation: guardian?.relation ?? null,
      guardian_phone: guardian?.phone ?? null,
      guardian_consent_on: guardian ? reg.day : null,
      privacy_consent_at: times.created_at,
      created_at: times.created_at,
      updated_at: times.created_at,
    })

    // Trainings, each some weeks after joining (and never in the future).
    const trainings = new Map<TrainingName, string>()
    const chances: Record<TrainingName, number> = {
      借还服务培训: kind === 'minor' ? 0 : 0.8,
      导读培训: 0.5,
      特殊群体服务培训: kind === 'retiree' || kind === 'adult' ? 0.4 : kind === 'student' ? 0.2 : 0,
      图书分拣与上架培训: 0.35,
      消防安全与应急疏散培训: kind === 'minor' ? 0 : 0.4,
      研学活动带队培训: kind === 'student' || kind === 'adult' ? 0.2 : 0,
    }
    for (const t of VOLUNTEER_TRAININGS) {
      const taken = demo ? t.name !== '研学活动带队培训' : r.chance(chances[t.name])
      const day = addDays(reg.day, r.int(5, 35))
      if (taken && day < today) trainings.set(t.name, day)
    }
    for (const [tName, day] of [...trainings].sort((a, b) => (a[1] < b[1] ? -1 : 1))) {
      add(plan, 'training_completion', {
        account_id: id,
        training_id: training.get(tName)!,
        completed_on: day,
        recorded_by: r.pick(coordinators),
        created_at: shanghaiInstant(day, '17:30'),
      })
    }
    const keenness = demo ? 6 : 0.15 + 4 * r.next() ** 3 + (kind === 'retiree' ? 0.6 : 0)
    const volunteer: Volunteer = { id, name, kind, registeredOn: reg.day, birthDate, trainings, keenness }
    volunteers.push(volunteer)
    if (demo) demoVolunteer = volunteer
  }
  if (!demoVolunteer) throw new Error('seed: the 2021 cohort is too small for GL-2021-0042')

  return {
    admins,
    coordinators,
    demoCoordinator: coordinators[0]!,
    volunteers,
    demoVolunteer,
    partnerContact,
    training,
  }
}

/** Whole years of age on `day`. */
export function ageOn(birthDate: string, day: string): number {
  let age = Number(day.slice(0, 4)) - Number(birthDate.slice(0, 4))
  if (day.slice(5) < birthDate.slice(5)) age--
  return age
}
