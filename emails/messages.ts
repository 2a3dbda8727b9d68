/**
 * Every word the mail templates say, in both locales. Kept apart from the UI's
 * app/i18n: mail is rendered by the worker, long after the request, in the
 * recipient's stored locale. Values that come from users are passed in as
 * arguments and escaped by React in the HTML part.
 */
import type { Locale, Role, ShiftRole } from '#db/schema'

export interface EmailMessages {
  /** Shown as the sender and in every header. */
  brand: string
  greeting: (name: string) => string
  /** `label：value` / `label: value` */
  labelled: (label: string, value: string) => string
  signOff: string
  footerAutomated: string
  footerOpenApp: string
  linkFallback: string
  roles: Record<Role, string>
  /** A shift without a title is named by its role. */
  shiftRoles: Record<ShiftRole, string>
  emailVerification: {
    subject: (code: string) => string
    preheader: string
    intro: string
    codeLabel: string
    button: string
    expires: (minutes: number) => string
    notYou: string
  }
  passwordReset: {
    subject: string
    preheader: string
    intro: string
    button: string
    expires: (minutes: number) => string
    notYou: string
  }
  invitation: {
    subject: string
    preheader: string
    greeting: string
    intro: (inviter: string, role: string) => string
    introWithOrganisation: (inviter: string, role: string, organisation: string) => string
    button: string
    expires: (days: number) => string
    notExpected: string
  }
  emailChanged: {
    subject: string
    preheader: string
    body: (newEmail: string) => string
    notYou: string
  }
  accountDeleted: {
    subject: string
    preheader: string
    body: string
    comeBack: string
  }
  shiftMessage: {
    subject: (activity: string) => string
    preheader: (sender: string) => string
    intro: (sender: string, activity: string) => string
    when: string
    where: string
    button: string
  }
  /** Shared by every shift mail. */
  shiftMail: {
    when: string
    where: string
    whatToBring: string
    contact: string
    button: string
    icsHint: string
    calendarName: string
  }
  signupConfirmed: { subject: (shift: string) => string; preheader: string; intro: (shift: string) => string }
  signupWaitlisted: {
    subject: (shift: string) => string
    preheader: string
    intro: (shift: string, position: number) => string
    promise: string
  }
  waitlistPromoted: { subject: (shift: string) => string; preheader: string; intro: (shift: string) => string }
  shiftReminder: {
    subject: (shift: string) => string
    preheader: string
    intro: (shift: string) => string
    cantCome: string
  }
  placeOffered: {
    subject: (shift: string) => string
    preheader: string
    intro: (shift: string) => string
    firstWins: string
    button: string
  }
  shiftChanged: {
    subject: (shift: string) => string
    preheader: string
    intro: (shift: string) => string
    changes: string
    newTime: (time: string) => string
    newPlace: (place: string) => string
    check: string
  }
  shiftCancelled: {
    subject: (shift: string) => string
    preheader: string
    intro: (shift: string) => string
    thanks: string
  }
  signupReleased: {
    subject: (shift: string) => string
    preheader: string
    intro: Record<'overlap' | 'requirements', (shift: string) => string>
    other: string
  }
}

const zhCN: EmailMessages = {
  brand: '同行 · 图书馆志愿服务',
  greeting: (name) => `${name}，您好：`,
  labelled: (label, value) => `${label}：${value}`,
  signOff: '同行 · 图书馆志愿服务团队',
  footerAutomated: '这是一封系统自动发送的邮件，请勿直接回复。',
  footerOpenApp: '打开同行',
  linkFallback: '如果按钮无法点击，请复制以下链接到浏览器中打开：',
  roles: {
    volunteer: '志愿者',
    coordinator: '志愿服务协调员',
    partner_contact: '合作单位联系人',
    admin: '管理员',
  },
  shiftRoles: {
    lending_desk: '借还服务',
    reading_guide: '导读',
    activity_assistant: '活动协助',
    newspaper_reading: '读报',
    book_handling: '图书整理与搬运',
    other: '志愿服务',
  },
  emailVerification: {
    subject: (code) => `您的邮箱验证码：${code}`,
    preheader: '请使用验证码完成邮箱验证。',
    intro: '感谢您注册同行。请在验证页面输入以下验证码，完成邮箱验证：',
    codeLabel: '验证码',
    button: '前往验证',
    expires: (minutes) => `验证码 ${minutes} 分钟内有效，且只能使用一次。`,
    notYou: '如果这不是您本人的操作，请忽略本邮件，您的邮箱不会被使用。',
  },
  passwordReset: {
    subject: '重置您的同行密码',
    preheader: '点击链接设置新密码。',
    intro: '我们收到了重置您同行账号密码的请求。请点击下方按钮设置新密码：',
    button: '设置新密码',
    expires: (minutes) => `链接 ${minutes} 分钟内有效，且只能使用一次。`,
    notYou: '如果您没有申请重置密码，请忽略本邮件，您的密码不会改变。',
  },
  invitation: {
    subject: '邀请您加入同行 · 图书馆志愿服务',
    preheader: '接受邀请，创建您的账号。',
    greeting: '您好：',
    intro: (inviter, role) => `${inviter} 邀请您以“${role}”身份加入同行 · 图书馆志愿服务平台。`,
    introWithOrganisation: (inviter, role, organisation) =>
      `${inviter} 邀请您代表“${organisation}”，以“${role}”身份加入同行 · 图书馆志愿服务平台。`,
    button: '接受邀请',
    expires: (days) => `邀请 ${days} 天内有效。`,
    notExpected: '如果您不认识邀请人，请忽略本邮件。',
  },
  emailChanged: {
    subject: '您的同行账号邮箱已更改',
    preheader: '您的登录邮箱已更改。',
    body: (newEmail) => `您同行账号的登录邮箱已更改为 ${newEmail}。今后的通知将发送到新邮箱。`,
    notYou: '如果这不是您本人的操作，请立即联系图书馆志愿服务工作人员。',
  },
  accountDeleted: {
    subject: '您的同行账号已删除',
    preheader: '您的账号和个人信息已删除。',
    body: '按照您的申请，您的同行账号已删除，个人信息已删除或匿名化。您参与志愿服务的统计数据会以匿名形式保留。',
    comeBack: '感谢您一直以来的志愿服务，欢迎您随时回来。',
  },
  shiftMessage: {
    subject: (activity) => `志愿岗位通知：${activity}`,
    preheader: (sender) => `${sender} 给您发来一条岗位通知。`,
    intro: (sender, activity) => `${sender} 就您报名的“${activity}”岗位发来通知：`,
    when: '时间',
    where: '地点',
    button: '查看岗位',
  },
  shiftMail: {
    when: '时间',
    where: '地点',
    whatToBring: '请携带',
    contact: '联系人',
    button: '查看岗位',
    icsHint: '附件中的日历文件（.ics）可以添加到手机或电脑的日历中。',
    calendarName: '同行 · 我的志愿岗位',
  },
  signupConfirmed: {
    subject: (shift) => `报名成功：${shift}`,
    preheader: '您的志愿岗位已确认。',
    intro: (shift) => `您已成功报名“${shift}”，名额已为您保留。`,
  },
  signupWaitlisted: {
    subject: (shift) => `已加入候补：${shift}`,
    preheader: '岗位已满，您已进入候补名单。',
    intro: (shift, position) => `“${shift}”名额已满，您已进入候补名单，当前排在第 ${position} 位。`,
    promise: '一旦有人取消，系统会按顺序为您补上名额，并发邮件通知您。',
  },
  waitlistPromoted: {
    subject: (shift) => `候补成功：${shift}`,
    preheader: '有人取消了报名，您已从候补转为正式名额。',
    intro: (shift) => `好消息！有志愿者取消了报名，您在“${shift}”的候补已转为正式名额。`,
  },
  shiftReminder: {
    subject: (shift) => `明天的志愿岗位：${shift}`,
    preheader: '您的志愿岗位大约 24 小时后开始。',
    intro: (shift) => `温馨提醒：您报名的“${shift}”大约 24 小时后开始。`,
    cantCome: '如果无法参加，请尽早在“我的岗位”中取消或转让名额，或联系协调员。',
  },
  placeOffered: {
    subject: (shift) => `有志愿者转让名额：${shift}`,
    preheader: '一个岗位名额正在转让，先到先得。',
    intro: (shift) => `一位志愿者无法参加“${shift}”，正在转让名额，您符合报名条件。`,
    firstWins: '名额先到先得，被接受后本邮件中的链接将不再可用。',
    button: '查看并接受名额',
  },
  shiftChanged: {
    subject: (shift) => `岗位有变动：${shift}`,
    preheader: '您报名的岗位信息有更新。',
    intro: (shift) => `协调员更新了您报名的“${shift}”。`,
    changes: '变动内容：',
    newTime: (time) => `时间改为 ${time}`,
    newPlace: (place) => `地点改为 ${place}`,
    check: '请查看最新信息；如果无法参加，请在“我的岗位”中取消。',
  },
  shiftCancelled: {
    subject: (shift) => `岗位已取消：${shift}`,
    preheader: '您报名的岗位已取消。',
    intro: (shift) => `很抱歉，您报名的“${shift}”已取消，您无需到场。`,
    thanks: '感谢您的理解与支持，欢迎报名其他岗位。',
  },
  signupReleased: {
    subject: (shift) => `您已不在岗位名单中：${shift}`,
    preheader: '协调员修改了岗位，您的报名已取消。',
    intro: {
      overlap: (shift) => `协调员调整了“${shift}”的时间，它与您报名的另一个岗位时间冲突，因此本岗位的报名已为您取消。`,
      requirements: (shift) => `协调员修改了“${shift}”的报名要求，您目前不符合，因此您的报名已取消。`,
    },
    other: '欢迎报名其他岗位；如有疑问，请联系协调员。',
  },
}

const en: EmailMessages = {
  brand: 'Tongxing library volunteering',
  greeting: (name) => `Dear ${name},`,
  labelled: (label, value) => `${label}: ${value}`,
  signOff: 'The Tongxing library volunteering team',
  footerAutomated: 'This message was sent automatically; replies are not read.',
  footerOpenApp: 'Open Tongxing',
  linkFallback: 'If the button does not work, copy this link into your browser:',
  roles: {
    volunteer: 'volunteer',
    coordinator: 'volunteer coordinator',
    partner_contact: 'partner contact',
    admin: 'administrator',
  },
  shiftRoles: {
    lending_desk: 'Lending desk',
    reading_guide: 'Reading guide',
    activity_assistant: 'Activity assistant',
    newspaper_reading: 'Newspaper reading',
    book_handling: 'Sorting and moving books',
    other: 'Volunteering',
  },
  emailVerification: {
    subject: (code) => `Your verification code: ${code}`,
    preheader: 'Use this code to verify your email address.',
    intro:
      'Thank you for signing up to Tongxing. Enter this code on the verification page to confirm your email address:',
    codeLabel: 'Verification code',
    button: 'Go to verification',
    expires: (minutes) => `The code works once, within ${minutes} minutes.`,
    notYou: 'If you did not sign up, ignore this message; your address will not be used.',
  },
  passwordReset: {
    subject: 'Reset your Tongxing password',
    preheader: 'Follow the link to choose a new password.',
    intro: 'We received a request to reset the password of your Tongxing account. Choose a new password here:',
    button: 'Choose a new password',
    expires: (minutes) => `The link works once, within ${minutes} minutes.`,
    notYou: 'If you did not ask for this, ignore this message; your password stays the same.',
  },
  invitation: {
    subject: 'You are invited to Tongxing library volunteering',
    preheader: 'Accept the invitation to create your account.',
    greeting: 'Hello,',
    intro: (inviter, role) => `${inviter} has invited you to join Tongxing library volunteering as a ${role}.`,
    introWithOrganisation: (inviter, role, organisation) =>
      `${inviter} has invited you to join Tongxing library volunteering as a ${role} for ${organisation}.`,
    button: 'Accept the invitation',
    expires: (days) => `The invitation is valid for ${days} days.`,
    notExpected: 'If you do not know who invited you, ignore this message.',
  },
  emailChanged: {
    subject: 'The email address of your Tongxing account changed',
    preheader: 'Your sign-in address has changed.',
    body: (newEmail) =>
      `Your Tongxing account now signs in with ${newEmail}. Messages will go to the new address from now on.`,
    notYou: 'If you did not make this change, contact the library volunteering staff at once.',
  },
  accountDeleted: {
    subject: 'Your Tongxing account has been deleted',
    preheader: 'Your account and personal information are gone.',
    body: 'As you asked, your Tongxing account has been deleted and your personal information removed or anonymised. Anonymous totals of volunteering stay in the statistics.',
    comeBack: 'Thank you for volunteering with us. You are welcome back at any time.',
  },
  shiftMessage: {
    subject: (activity) => `About your shift: ${activity}`,
    preheader: (sender) => `${sender} sent you a message about your shift.`,
    intro: (sender, activity) => `${sender} sent a message about your shift “${activity}”:`,
    when: 'When',
    where: 'Where',
    button: 'View the shift',
  },
  shiftMail: {
    when: 'When',
    where: 'Where',
    whatToBring: 'What to bring',
    contact: 'Contact',
    button: 'View the shift',
    icsHint: 'The attached calendar file (.ics) adds the shift to your phone or computer calendar.',
    calendarName: 'Tongxing: my volunteer shifts',
  },
  signupConfirmed: {
    subject: (shift) => `You are signed up: ${shift}`,
    preheader: 'Your volunteer shift is confirmed.',
    intro: (shift) => `You are signed up for “${shift}”; your place is kept for you.`,
  },
  signupWaitlisted: {
    subject: (shift) => `On the waitlist: ${shift}`,
    preheader: 'The shift is full; you are on the waitlist.',
    intro: (shift, position) => `“${shift}” is full, so you are on the waitlist, number ${position}.`,
    promise: 'When someone cancels, places go to the waitlist in order, and we will email you.',
  },
  waitlistPromoted: {
    subject: (shift) => `You have a place: ${shift}`,
    preheader: 'Someone cancelled, and your waitlist place is now confirmed.',
    intro: (shift) => `Good news: a volunteer cancelled, and you now have a confirmed place on “${shift}”.`,
  },
  shiftReminder: {
    subject: (shift) => `Your shift tomorrow: ${shift}`,
    preheader: 'Your volunteer shift starts in about 24 hours.',
    intro: (shift) => `A reminder: your shift “${shift}” starts in about 24 hours.`,
    cantCome:
      'If you cannot come, please cancel or offer your place under “My shifts” soon, or contact the coordinator.',
  },
  placeOffered: {
    subject: (shift) => `A place is offered: ${shift}`,
    preheader: 'A place on a shift is up for grabs: first come, first served.',
    intro: (shift) => `A volunteer cannot make “${shift}” and offers their place. You meet the requirements.`,
    firstWins: 'The first to accept gets the place; after that the link no longer offers it.',
    button: 'See and take the place',
  },
  shiftChanged: {
    subject: (shift) => `Your shift changed: ${shift}`,
    preheader: 'The details of your shift have changed.',
    intro: (shift) => `A coordinator has changed your shift “${shift}”.`,
    changes: 'What changed:',
    newTime: (time) => `New time: ${time}`,
    newPlace: (place) => `New place: ${place}`,
    check: 'Please check the new details; if you can no longer come, cancel under “My shifts”.',
  },
  shiftCancelled: {
    subject: (shift) => `Shift cancelled: ${shift}`,
    preheader: 'Your shift has been cancelled.',
    intro: (shift) => `We are sorry: your shift “${shift}” has been cancelled. You do not need to come.`,
    thanks: 'Thank you for your understanding; other shifts are waiting for you.',
  },
  signupReleased: {
    subject: (shift) => `You are no longer on: ${shift}`,
    preheader: 'A coordinator changed the shift, and your sign-up was cancelled.',
    intro: {
      overlap: (shift) =>
        `A coordinator moved “${shift}”; it now overlaps another shift you signed up for, so your place on it was cancelled.`,
      requirements: (shift) =>
        `A coordinator changed the requirements of “${shift}”; you no longer meet them, so your sign-up was cancelled.`,
    },
    other: 'Other shifts are waiting for you; ask the coordinator if anything is unclear.',
  },
}

export const emailMessages: Record<Locale, EmailMessages> = { 'zh-CN': zhCN, en }
