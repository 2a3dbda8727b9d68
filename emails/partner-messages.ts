/** Words of the partner and book-delivery mails, in both locales (kept apart from messages.ts). */
import type { Locale } from '#db/schema'

export const PARTNER_EVENTS = [
  'card_request_received',
  'card_request_to_review',
  'card_request_approved',
  'card_request_rejected',
  'cards_issued',
  'visit_request_received',
  'visit_request_to_review',
  'visit_request_accepted',
  'visit_request_proposed',
  'visit_request_declined',
  'visit_planned',
  'receipt_confirmed',
  'shortfall_flagged',
  'donation_thanks',
] as const
export type PartnerEvent = (typeof PARTNER_EVENTS)[number]

interface EventWords {
  subject: (ref: string) => string
  intro: (organisation: string, ref: string) => string
}

export interface PartnerMessages {
  events: Record<PartnerEvent, EventWords>
  detail: string
  button: string
  shipmentSent: {
    subject: (organisation: string) => string
    preheader: string
    intro: (books: number, boxes: number) => string
    carrier: (carrier: string, waybill: string) => string
    byTeam: string
    button: string
    expires: (days: number) => string
    oneUse: string
  }
}

const zhCN: PartnerMessages = {
  detail: '说明',
  button: '查看详情',
  events: {
    card_request_received: {
      subject: (ref) => `已收到您的借阅卡申请 ${ref}`,
      intro: (org, ref) => `我们已收到${org}的大容量借阅卡申请 ${ref}，图书馆将尽快审核。`,
    },
    card_request_to_review: {
      subject: (ref) => `新的借阅卡申请待审核 ${ref}`,
      intro: (org, ref) => `${org}提交了大容量借阅卡申请 ${ref}，请审核。`,
    },
    card_request_approved: {
      subject: (ref) => `借阅卡申请 ${ref} 已通过`,
      intro: (org, ref) => `${org}的借阅卡申请 ${ref} 已通过审核，图书馆正在制卡。`,
    },
    card_request_rejected: {
      subject: (ref) => `借阅卡申请 ${ref} 未获通过`,
      intro: (org, ref) => `很抱歉，${org}的借阅卡申请 ${ref} 未获通过。`,
    },
    cards_issued: {
      subject: (ref) => `借阅卡已发放（申请 ${ref}）`,
      intro: (org, ref) => `${org}的借阅卡（申请 ${ref}）已发放，卡号可在合作单位页面查看。`,
    },
    visit_request_received: {
      subject: (ref) => `已收到您的活动邀请 ${ref}`,
      intro: (org, ref) => `我们已收到${org}的活动邀请 ${ref}，图书馆将尽快答复。`,
    },
    visit_request_to_review: {
      subject: (ref) => `新的活动邀请待答复 ${ref}`,
      intro: (org, ref) => `${org}发来了活动邀请 ${ref}，请答复。`,
    },
    visit_request_accepted: {
      subject: (ref) => `活动邀请 ${ref} 已接受`,
      intro: (org, ref) => `图书馆已接受${org}的活动邀请 ${ref}，具体日期将与您商定。`,
    },
    visit_request_proposed: {
      subject: (ref) => `关于活动邀请 ${ref} 的日期建议`,
      intro: (org, ref) => `图书馆为${org}的活动邀请 ${ref} 建议了另一个日期，请查看。`,
    },
    visit_request_declined: {
      subject: (ref) => `活动邀请 ${ref} 暂无法安排`,
      intro: (org, ref) => `很抱歉，${org}的活动邀请 ${ref} 暂时无法安排。`,
    },
    visit_planned: {
      subject: (ref) => `活动已排期（邀请 ${ref}）`,
      intro: (org, ref) => `图书馆已为${org}安排了活动（邀请 ${ref}）。`,
    },
    receipt_confirmed: {
      subject: (ref) => `图书签收已确认（${ref}）`,
      intro: (org, ref) => `${org}已确认收到图书（${ref}）。`,
    },
    shortfall_flagged: {
      subject: (ref) => `图书签收有短缺或破损（${ref}）`,
      intro: (org, ref) => `${org}签收图书（${ref}）时报告了短缺或破损，请跟进。`,
    },
    donation_thanks: {
      subject: () => '感谢您为“翻书越岭”捐赠图书',
      intro: (org, ref) => `感谢您向${org}捐赠图书 ${ref}，我们会把它们送到需要的孩子手中。`,
    },
  },
  shipmentSent: {
    subject: (org) => `图书已寄往${org}，请在收到后确认`,
    preheader: '收到后请点击链接确认签收。',
    intro: (books, boxes) => `鼓楼图书馆为贵单位寄出图书 ${books} 册，共 ${boxes} 箱。`,
    carrier: (carrier, waybill) => `承运：${carrier}，运单号：${waybill}`,
    byTeam: '图书由志愿服务队随队送达。',
    button: '确认签收',
    expires: (days) => `链接 ${days} 天内有效，只能使用一次，无需登录。`,
    oneUse: '箱子上的二维码也可打开同一页面。',
  },
}

const en: PartnerMessages = {
  detail: 'Note',
  button: 'View details',
  events: {
    card_request_received: {
      subject: (ref) => `Card request ${ref} received`,
      intro: (org, ref) => `We received the bulk card request ${ref} of ${org}; the library will review it soon.`,
    },
    card_request_to_review: {
      subject: (ref) => `New card request to review: ${ref}`,
      intro: (org, ref) => `${org} sent the bulk card request ${ref}. Please review it.`,
    },
    card_request_approved: {
      subject: (ref) => `Card request ${ref} approved`,
      intro: (org, ref) => `The card request ${ref} of ${org} is approved; the library is preparing the cards.`,
    },
    card_request_rejected: {
      subject: (ref) => `Card request ${ref} not approved`,
      intro: (org, ref) => `We are sorry: the card request ${ref} of ${org} was not approved.`,
    },
    cards_issued: {
      subject: (ref) => `Cards issued (request ${ref})`,
      intro: (org, ref) => `The cards of ${org} (request ${ref}) are issued; the numbers are on the partner page.`,
    },
    visit_request_to_review: {
      subject: (ref) => `New visit request to answer: ${ref}`,
      intro: (org, ref) => `${org} sent the visit request ${ref}. Please answer it.`,
    },
    visit_request_received: {
      subject: (ref) => `Visit request ${ref} received`,
      intro: (org, ref) => `We received the visit request ${ref} of ${org}; the library will answer soon.`,
    },
    visit_request_accepted: {
      subject: (ref) => `Visit request ${ref} accepted`,
      intro: (org, ref) => `The library accepted the visit request ${ref} of ${org}; the date will be agreed with you.`,
    },
    visit_request_proposed: {
      subject: (ref) => `Another date for visit request ${ref}`,
      intro: (org, ref) => `The library proposes another date for the visit request ${ref} of ${org}.`,
    },
    visit_request_declined: {
      subject: (ref) => `Visit request ${ref} declined`,
      intro: (org, ref) => `We are sorry: the visit request ${ref} of ${org} cannot be arranged.`,
    },
    visit_planned: {
      subject: (ref) => `Visit planned (request ${ref})`,
      intro: (org, ref) => `The library planned a visit to ${org} (request ${ref}).`,
    },
    receipt_confirmed: {
      subject: (ref) => `Receipt confirmed (${ref})`,
      intro: (org, ref) => `${org} confirmed receiving the books (${ref}).`,
    },
    shortfall_flagged: {
      subject: (ref) => `Shortfall or damage reported (${ref})`,
      intro: (org, ref) => `${org} reported missing or damaged books (${ref}). Please follow up.`,
    },
    donation_thanks: {
      subject: () => 'Thank you for your book donation',
      intro: (org, ref) => `Thank you for donating books ${ref} to ${org}; they will reach children who need them.`,
    },
  },
  shipmentSent: {
    subject: (org) => `Books are on their way to ${org}: please confirm on arrival`,
    preheader: 'Follow the link to confirm receipt.',
    intro: (books, boxes) => `Gulou Library sent you ${books} books in ${boxes} boxes.`,
    carrier: (carrier, waybill) => `Carrier: ${carrier}, waybill: ${waybill}`,
    byTeam: 'The books come with the volunteer team.',
    button: 'Confirm receipt',
    expires: (days) => `The link works once, within ${days} days, without signing in.`,
    oneUse: 'The QR code on each box opens the same page.',
  },
}

export function partnerMessagesFor(locale: Locale): PartnerMessages {
  return locale === 'en' ? en : zhCN
}
