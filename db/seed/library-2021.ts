/**
 * 鼓楼图书馆 (Gulou Library, Xuzhou) as its 2021 work summary describes it
 * (the Chinese text DOMAIN.md is drawn from): the real names of its sites,
 * programmes and partners, and the figures the seeded year 2021 reproduces.
 *
 * Figures of the summary the seed reproduces exactly (tests/integration/seed.test.ts checks them):
 * - 开展各类线上线下公益活动500余场: 512 completed activities in 2021;
 * - 培训71场、讲座43场、阅读推广86次、展览15场、阅读服务43次、特殊群体关爱活动9次:
 *   exactly these counts per type; the other 245 are study trips (苏轼文化青少年研学, 红色研学…)
 *   and other events (亲子, 观影, 名家见面会, 线上活动…);
 * - 8 street branches (2020) sharing one card, 4 city book rooms (米兰 opened at the end of January
 *   2021, the other three at the end of 2021), and the reading points added in 2021: 4 on school
 *   campuses, 1 at a special-education school, 2 at enterprises;
 * - the programmes it names (我们在一起 with 翻书越岭, 特别的爱给特别的你, 我来读报给您听, 暖暖,
 *   与爱同行, 手拉手; 苏轼文化青少年研学; 红色经典诵读 and the red-reading series; 我们的阵地我做主),
 *   the campaigns (建党100周年, 国庆, 中秋, 教师节, 寒暑假) and its highlights (4·23 世界读书日
 *   推广大使, 《徐州是英雄的故乡》红色故事会, 《康震诗词38首》名家见面会, 微电影《暖心铸魂的温度》).
 *
 * The summary gives no attendance of its activities (its 915 878 人次 are library visits, its 1 729
 * cards are ordinary reader cards, its 201 158 loans are books lent), no volunteer hours and no count
 * of books delivered. The seed's figures for those are invented, but fixed by construction so the
 * year-end report always shows them (SEEDED_2021_FIGURES): 83 560 attendances, 8 420 approved
 * volunteer hours and 10 280 books received by partners. Not represented at all: visits, reader
 * cards, loans, the 300余篇 articles and the 12345 tickets (nothing in the schema holds them).
 *
 * Not in the summary, so invented (plausible, not real): the schools, care homes, rural schools and
 * enterprises other than the ones it names (苏宁, 金鹰, 童画国际, 苏宁璀璨, 蓝海影城, 徐州市图书馆),
 * addresses, opening days other than the month it gives, people, and every individual activity.
 */
import type { ActivityType, PartnerKind, SiteKind } from '../schema'

/** The summary's typed counts (培训71场、讲座43场、阅读推广86次、展览15场、阅读服务43次、特殊群体关爱活动9次). */
export const ACTIVITY_COUNTS_2021: Record<ActivityType, number> = {
  training: 71,
  lecture: 43,
  reading_promotion: 86,
  exhibition: 15,
  reading_service: 43,
  special_care: 9,
  // Not counted by the summary: the rest of its "500余场".
  study_trip: 36,
  other: 209,
}

export const TOTAL_ACTIVITIES_2021 = Object.values(ACTIVITY_COUNTS_2021).reduce((a, b) => a + b, 0)

/**
 * The year-end report's headline figures for 2021. `activities` is the summary's; the others are
 * the seed's own (the summary has none) and the generator scales its rows to hit them exactly.
 */
export const SEEDED_2021_FIGURES = {
  activities: TOTAL_ACTIVITIES_2021,
  /** Attendances (人次) of the 2021 activities. */
  attendances: 83_560,
  /** Approved volunteer hours on 2021 shifts. */
  volunteerHours: 8_420,
  /** Books received by partners in 2021 (翻书越岭 shipments and books brought on visits). */
  booksDelivered: 10_280,
} as const

export interface SiteSeed {
  name: string
  kind: SiteKind
  address: string
  openedOn: string
  /** For a reading point: the partner hosting it. */
  host?: string
}

/** The main library, the 8 street branches and the 4 city book rooms: the summary's 13 sites. */
export const LIBRARY_SITES: readonly SiteSeed[] = [
  // The summary: "运营两年来" at the end of 2021; the exact day is not given.
  { name: '鼓楼图书馆', kind: 'main_library', address: '徐州市鼓楼区', openedOn: '2020-01-18' },
  // "2020年先后建成并开放运营 … 8个街道分馆": months invented.
  { name: '丰财分馆', kind: 'branch', address: '徐州市鼓楼区丰财街道', openedOn: '2020-05-20' },
  { name: '环城分馆', kind: 'branch', address: '徐州市鼓楼区环城街道', openedOn: '2020-06-18' },
  { name: '黄楼分馆', kind: 'branch', address: '徐州市鼓楼区黄楼街道', openedOn: '2020-07-16' },
  { name: '铜沛分馆', kind: 'branch', address: '徐州市鼓楼区铜沛街道', openedOn: '2020-08-20' },
  { name: '九里分馆', kind: 'branch', address: '徐州市鼓楼区九里街道', openedOn: '2020-09-17' },
  { name: '牌楼分馆', kind: 'branch', address: '徐州市鼓楼区牌楼街道', openedOn: '2020-10-22' },
  { name: '琵琶分馆', kind: 'branch', address: '徐州市鼓楼区琵琶街道', openedOn: '2020-11-19' },
  { name: '拾屯分馆', kind: 'branch', address: '徐州市鼓楼区拾屯街道', openedOn: '2020-12-17' },
  // "2021年1月底 … 国潮汉风米兰城市书房"; "年底新建成3个".
  { name: '国潮汉风米兰城市书房', kind: 'book_room', address: '徐州市鼓楼区米兰商圈', openedOn: '2021-01-29' },
  { name: '国潮汉风龟山文旅城市书房', kind: 'book_room', address: '徐州市鼓楼区龟山景区', openedOn: '2021-12-18' },
  {
    name: '国潮汉风牌楼红引驿站城市书房',
    kind: 'book_room',
    address: '徐州市鼓楼区牌楼街道红引驿站',
    openedOn: '2021-12-24',
  },
  { name: '国潮汉风丰财惠民城市书房', kind: 'book_room', address: '徐州市鼓楼区丰财街道', openedOn: '2021-12-28' },
]

export interface PartnerSeed {
  name: string
  kind: PartnerKind
  address: string
  /** Co-building agreement (共建协议), for schools. */
  agreementSignedOn?: string
  notes?: string
  /** Named by the summary (the others are invented). */
  named?: true
}

/** The partner school the demo partner contact (partner@tongxing.demo) teaches at. */
export const DEMO_PARTNER_SCHOOL = '鼓楼区九里中心小学'

export const PARTNERS: readonly PartnerSeed[] = [
  // 与辖区内中小学学校合作，签订共建协议 (schools invented; 2021 agreements).
  { name: DEMO_PARTNER_SCHOOL, kind: 'school', address: '徐州市鼓楼区九里街道', agreementSignedOn: '2021-09-10' },
  { name: '鼓楼区琵琶小学', kind: 'school', address: '徐州市鼓楼区琵琶街道', agreementSignedOn: '2021-09-10' },
  { name: '鼓楼区环城实验小学', kind: 'school', address: '徐州市鼓楼区环城街道', agreementSignedOn: '2021-09-16' },
  { name: '鼓楼区黄楼小学', kind: 'school', address: '徐州市鼓楼区黄楼街道', agreementSignedOn: '2021-10-12' },
  { name: '鼓楼区丰财中学', kind: 'school', address: '徐州市鼓楼区丰财街道', agreementSignedOn: '2021-03-18' },
  { name: '鼓楼区牌楼中学', kind: 'school', address: '徐州市鼓楼区牌楼街道', agreementSignedOn: '2021-05-11' },
  { name: '鼓楼区铜沛小学', kind: 'school', address: '徐州市鼓楼区铜沛街道' },
  { name: '鼓楼区拾屯小学', kind: 'school', address: '徐州市鼓楼区拾屯街道' },
  // 特殊教育学校 ("特别的爱给特别的你") and 盲童 ("手拉手").
  {
    name: '鼓楼区特殊教育学校',
    kind: 'special_education_school',
    address: '徐州市鼓楼区',
    agreementSignedOn: '2021-04-02',
    notes: '“特别的爱给特别的你”定点学校；2021年设特教学校阅读点',
  },
  {
    name: '徐州市盲童康复中心',
    kind: 'special_education_school',
    address: '徐州市',
    notes: '“手拉手——为盲童送去阅读服务”',
  },
  // 敬老院 and 孤寡老人 ("我来读报给您听").
  { name: '九里街道敬老院', kind: 'nursing_home', address: '徐州市鼓楼区九里街道', notes: '“我来读报给您听”' },
  { name: '环城街道敬老院', kind: 'nursing_home', address: '徐州市鼓楼区环城街道', notes: '“我来读报给您听”' },
  { name: '牌楼街道居家养老服务中心', kind: 'nursing_home', address: '徐州市鼓楼区牌楼街道', notes: '关注孤寡老人' },
  // 留守儿童之家 ("暖暖", "与爱同行").
  { name: '铜山区棠张镇留守儿童之家', kind: 'left_behind_children_home', address: '徐州市铜山区棠张镇' },
  { name: '睢宁县王集镇留守儿童之家', kind: 'left_behind_children_home', address: '徐州市睢宁县王集镇' },
  // 翻书越岭——关爱山区儿童 (schools invented).
  { name: '贵州毕节松林村小学', kind: 'rural_school', address: '贵州省毕节市', notes: '“翻书越岭”受赠学校' },
  { name: '四川凉山溪口村小学', kind: 'rural_school', address: '四川省凉山彝族自治州', notes: '“翻书越岭”受赠学校' },
  { name: '甘肃定西梨园村小学', kind: 'rural_school', address: '甘肃省定西市', notes: '“翻书越岭”受赠学校' },
  { name: '陕西商洛杏坪村小学', kind: 'rural_school', address: '陕西省商洛市', notes: '“翻书越岭”受赠学校' },
  // 与中心商圈合作，在苏宁、金鹰策划开展大型阅读活动；携手童画国际、苏宁璀璨等；和蓝海影城合作.
  { name: '苏宁广场', kind: 'enterprise', address: '徐州市鼓楼区', named: true, notes: '商圈大型阅读活动' },
  { name: '金鹰购物中心', kind: 'enterprise', address: '徐州市鼓楼区', named: true, notes: '商圈大型阅读活动' },
  { name: '童画国际', kind: 'enterprise', address: '徐州市鼓楼区', named: true, notes: '亲子活动合作' },
  { name: '苏宁璀璨', kind: 'enterprise', address: '徐州市鼓楼区', named: true, notes: '亲子活动合作' },
  { name: '蓝海影城', kind: 'enterprise', address: '徐州市鼓楼区', named: true, notes: '观影及见面会' },
  // 和园区企业寻求共建共享合作模式: the two enterprise reading points (invented).
  { name: '徐州云创科技有限公司', kind: 'enterprise', address: '徐州市鼓楼区科技园', notes: '企业阅读点' },
  { name: '徐州汉风文化传媒有限公司', kind: 'enterprise', address: '徐州市鼓楼区文创园', notes: '企业阅读点' },
  // 与徐州市图书馆建立总分馆合作与资源共享.
  {
    name: '徐州市图书馆',
    kind: 'other',
    address: '徐州市',
    named: true,
    notes: '总分馆合作与资源共享：20万余册电子书共读、万方数据库同享',
  },
]

/** 2021年新增4个校园阅读点，1个特教学校阅读点，2个企业阅读点. */
export const READING_POINTS: readonly SiteSeed[] = [
  {
    name: '九里中心小学校园阅读点',
    kind: 'reading_point',
    address: '徐州市鼓楼区九里街道',
    openedOn: '2021-09-15',
    host: DEMO_PARTNER_SCHOOL,
  },
  {
    name: '琵琶小学校园阅读点',
    kind: 'reading_point',
    address: '徐州市鼓楼区琵琶街道',
    openedOn: '2021-09-22',
    host: '鼓楼区琵琶小学',
  },
  {
    name: '环城实验小学校园阅读点',
    kind: 'reading_point',
    address: '徐州市鼓楼区环城街道',
    openedOn: '2021-10-13',
    host: '鼓楼区环城实验小学',
  },
  {
    name: '丰财中学校园阅读点',
    kind: 'reading_point',
    address: '徐州市鼓楼区丰财街道',
    openedOn: '2021-04-20',
    host: '鼓楼区丰财中学',
  },
  {
    name: '特殊教育学校阅读点',
    kind: 'reading_point',
    address: '徐州市鼓楼区',
    openedOn: '2021-05-18',
    host: '鼓楼区特殊教育学校',
  },
  {
    name: '云创科技企业阅读点',
    kind: 'reading_point',
    address: '徐州市鼓楼区科技园',
    openedOn: '2021-06-25',
    host: '徐州云创科技有限公司',
  },
  {
    name: '汉风传媒企业阅读点',
    kind: 'reading_point',
    address: '徐州市鼓楼区文创园',
    openedOn: '2021-11-10',
    host: '徐州汉风文化传媒有限公司',
  },
]

export interface ProgrammeSeed {
  name: string
  parent?: string
  colour: string
  description: string
}

/** Brands and their projects; every colour distinct. */
export const PROGRAMMES: readonly ProgrammeSeed[] = [
  {
    name: '我们在一起',
    colour: '#c2410c',
    description: '特殊服务品牌：读者志愿队定期走进特殊教育学校、敬老院、留守儿童之家和山区学校',
  },
  {
    name: '翻书越岭——关爱山区儿童',
    parent: '我们在一起',
    colour: '#15803d',
    description: '为山区儿童募集、分拣、打包、寄送图书的大型公益项目',
  },
  {
    name: '特别的爱给特别的你',
    parent: '我们在一起',
    colour: '#db2777',
    description: '走进特殊教育学校，送去书籍、阅读服务和关爱活动',
  },
  {
    name: '我来读报给您听',
    parent: '我们在一起',
    colour: '#b45309',
    description: '关注孤寡老人：志愿者走进敬老院为老人读报',
  },
  { name: '暖暖', parent: '我们在一起', colour: '#ca8a04', description: '留守儿童之家的阅读陪伴' },
  { name: '与爱同行', parent: '我们在一起', colour: '#e11d48', description: '与留守儿童同行的关爱活动' },
  {
    name: '手拉手——为盲童送去阅读服务',
    parent: '我们在一起',
    colour: '#7c3aed',
    description: '为盲童送去有声读物与阅读服务',
  },
  {
    name: '我们的阵地我做主',
    colour: '#0369a1',
    description: '读者参与图书馆自治管理：导览、上架、借还服务、阅读服务',
  },
  { name: '苏轼文化青少年研学', colour: '#0f766e', description: '进校园、寻古迹、品诗词、邀专家、送书籍、沙龙会' },
  {
    name: '红色阅读',
    colour: '#b91c1c',
    description: '红色家书、致敬经典、红色故事诵读会、百年展览、红色书籍荐读、党员讲党史',
  },
  { name: '红色经典诵读', parent: '红色阅读', colour: '#ef4444', description: '红色经典诵读项目' },
  { name: '党员讲党史', parent: '红色阅读', colour: '#9f1239', description: '党员讲党史、红色故事宣讲' },
  {
    name: '馆校共建',
    colour: '#1d4ed8',
    description: '与中小学签订共建协议：送讲座、展览进学校，邀请课堂走进图书馆，双减下办理大容量借阅卡',
  },
  { name: '4·23世界读书日', colour: '#9333ea', description: '世界读书日推广大使与全民阅读进商圈' },
]

/** 2021's official holidays (放假), when weekly duty rosters pause. */
export const PUBLIC_HOLIDAYS_2021: readonly string[] = [
  '2021-01-01',
  '2021-01-02',
  '2021-01-03',
  '2021-02-11',
  '2021-02-12',
  '2021-02-13',
  '2021-02-14',
  '2021-02-15',
  '2021-02-16',
  '2021-02-17',
  '2021-04-03',
  '2021-04-04',
  '2021-04-05',
  '2021-05-01',
  '2021-05-02',
  '2021-05-03',
  '2021-05-04',
  '2021-05-05',
  '2021-06-12',
  '2021-06-13',
  '2021-06-14',
  '2021-09-19',
  '2021-09-20',
  '2021-09-21',
  '2021-10-01',
  '2021-10-02',
  '2021-10-03',
  '2021-10-04',
  '2021-10-05',
  '2021-10-06',
  '2021-10-07',
]

/** Spring Festival week 2021: no activities at all. */
export const SPRING_FESTIVAL_2021 = { first: '2021-02-10', last: '2021-02-17' } as const

/**
 * How busy each month of 2021 was, relative: quiet around Spring Festival (February), busy
 * for World Book Day (April), the Party's centenary (late June, July) and the summer holidays.
 */
export const MONTH_WEIGHTS_2021: readonly number[] = [0.75, 0.45, 0.85, 1.4, 1.0, 1.15, 1.4, 1.25, 1.0, 1.05, 0.85, 0.9]

export const VOLUNTEER_TRAININGS = [
  { name: '借还服务培训', description: '借还台操作、通借通还、读者证办理与常见问题' },
  { name: '导读培训', description: '馆内导览、书目检索、阅读推荐与读者引导' },
  { name: '特殊群体服务培训', description: '与特殊教育学校学生、老人、盲童、留守儿童相处与服务的要点' },
  { name: '图书分拣与上架培训', description: '中图法排架、图书分拣、打包与寄送（翻书越岭）' },
  { name: '消防安全与应急疏散培训', description: '消防器材使用、应急疏散路线与演练' },
  { name: '研学活动带队培训', description: '青少年研学活动的组织、安全与讲解' },
] as const
export type TrainingName = (typeof VOLUNTEER_TRAININGS)[number]['name']
