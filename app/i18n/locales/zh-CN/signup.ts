/** Strings of the signup pages (Simplified Chinese, the source of truth for keys). */
const signup = {
  title: '报名',
  action: {
    signUp: '报名',
    joinWaitlist: '加入候补',
    cancel: '取消报名',
    offer: '转让名额',
    withdrawOffer: '撤回转让',
    takeOffer: '接受名额',
  },
  status: {
    confirmed: '已报名',
    waitlisted: '候补第 {{position}} 位',
    cancelled: '已取消',
  },
  result: {
    confirmed: '报名成功，确认邮件已发送',
    waitlisted: '岗位已满，您已进入候补，当前第 {{position}} 位',
    alreadySignedUp: '您已报名此岗位',
    cancelled: '已取消报名',
    offered: '已发布转让，有人接受前您仍保留名额',
    offerWithdrawn: '已撤回转让',
    offerTaken: '您已接受转让的名额',
  },
  reason: {
    notVolunteer: '只有志愿者可以报名岗位',
    shiftCancelled: '该岗位已取消',
    shiftStarted: '该岗位已开始或已结束',
    windowNotOpen: '报名将于 {{date}} 开放',
    windowClosed: '报名已于 {{date}} 截止',
    emailNotVerified: '请先验证您的邮箱',
    guardianConsentMissing: '未满 14 周岁的志愿者需先登记监护人同意',
    birthDateUnknown: '该岗位要求年满 {{minAge}} 周岁，请先在个人资料中填写出生日期',
    tooYoung: '该岗位要求年满 {{minAge}} 周岁',
    trainingRequired: '需要完成“{{training}}”培训',
    skillRequired: '需要具备“{{skill}}”技能',
    insuranceRequired: '本活动要求当日（{{date}}）已投保意外险',
    overlap: '与您在 {{place}} 的岗位时间冲突（{{startsAt}}）',
    alreadySignedUp: '您已报名此岗位',
    wouldWaitlist: '岗位已满，报名后将进入候补',
  },
  cancel: {
    tooLate: '距岗位开始已不足 {{hours}} 小时，无法在线取消，请联系 {{name}}（{{phone}}）',
    tooLateNoContact: '距岗位开始已不足 {{hours}} 小时，无法在线取消，请联系志愿服务协调员',
    started: '岗位已开始，无法取消',
  },
  offer: {
    notConfirmed: '只有已确认的名额可以转让',
    gone: '该名额已被他人接受或已撤回',
    ownOffer: '不能接受自己转让的名额',
    alreadyConfirmed: '您已确认参加此岗位',
  },
  staff: {
    reasonRequired: '请填写原因',
    notAVolunteer: '该账号不是志愿者',
    alreadyOnShift: '该志愿者已在此岗位名单中',
  },
  capacity: {
    belowConfirmed: '名额不能少于已确认的 {{confirmed}} 人',
    invalid: '名额须为 1 到 1000 之间的整数',
  },
  notFound: '找不到该报名',
  shiftNotFound: '找不到该岗位',
  ics: {
    whatToBring: '请携带',
    contact: '联系人',
    notes: '备注',
  },
}

export default signup
