/** Simplified Chinese: the default locale and the source of truth for keys. */
const zhCN = {
  app: {
    name: '同行',
    library: '鼓楼图书馆',
    tagline: '鼓楼图书馆志愿服务与阅读推广平台',
    skipToContent: '跳到主要内容',
  },
  nav: {
    label: '主导航',
    home: '首页',
    activities: '活动',
    openMenu: '打开菜单',
  },
  locale: {
    label: '语言',
    switchTo: 'English',
    switchToLabel: 'Switch to English',
  },
  home: {
    heroTitle: '和读者一起，把阅读送到每一个角落',
    heroBody: '报名图书馆值守与外出服务岗位，参加讲座、展览和阅读推广活动，走进特殊教育学校、敬老院和山区学校。',
    upcomingActivities: '近期活动',
    noUpcomingActivities: '接下来六周暂无公开活动。',
    openShifts: '开放报名的志愿岗位',
    noOpenShifts: '目前没有开放报名的岗位。',
    allActivities: '查看全部活动',
    yearInNumbers: '{{year}} 年度回顾',
    activitiesHeld: '开展活动',
    activitiesHeldValue: '{{count}} 场',
    attendances: '参与人次',
    attendancesValue: '{{count}} 人次',
    volunteerHours: '志愿服务时长',
    volunteerHoursValue: '{{count}} 小时',
    booksDelivered: '送达图书',
    booksDeliveredValue: '{{count}} 册',
  },
  activity: {
    online: '线上',
    outreach: '外出服务',
    insuranceRequired: '需购买保险',
    at: '地点',
    when: '时间',
    filterType: '活动类型',
    filterAll: '全部类型',
    filterApply: '筛选',
    listTitle: '活动',
    listIntro: '未来六周的公开活动，线上线下均可参加。',
    noneMatching: '没有符合条件的活动。',
    type: {
      training: '培训',
      lecture: '讲座',
      reading_promotion: '阅读推广',
      exhibition: '展览',
      reading_service: '阅读服务',
      special_care: '特殊群体关爱',
      study_trip: '研学',
      other: '其他',
    },
  },
  shift: {
    seatsLeft: '剩余 {{count}} 个名额',
    seatsOf: '{{confirmed}}/{{capacity}} 人',
    full: '已满，可候补',
    almostFull: '即将满员',
    open: '可报名',
    role: {
      lending_desk: '借还服务',
      reading_guide: '导读',
      activity_assistant: '活动协助',
      newspaper_reading: '读报',
      book_handling: '图书整理与搬运',
      other: '其他',
    },
  },
  errors: {
    notFoundTitle: '页面不存在',
    notFoundBody: '您要找的页面不存在或已被移除。',
    serverErrorTitle: '出错了',
    serverErrorBody: '服务器暂时无法完成请求，请稍后再试。您填写的内容没有丢失，可以返回上一页重新提交。',
    forbiddenTitle: '无权访问',
    forbiddenBody: '您没有访问此页面的权限。',
    badRequestTitle: '请求有误',
    badRequestBody: '请求的内容无法处理，请检查后重试。',
    backHome: '返回首页',
    statusCode: '错误代码 {{status}}',
  },
  footer: {
    address: '徐州市鼓楼区 · 鼓楼图书馆',
    motto: '最有温度的图书馆',
  },
}

export default zhCN

type Leaves<T> = { [K in keyof T]: T[K] extends string ? string : Leaves<T[K]> }
/** The shape every other locale must fill, key for key. */
export type Messages = Leaves<typeof zhCN>
