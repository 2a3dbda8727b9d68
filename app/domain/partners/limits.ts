/** Limits the library sets for partner requests and book deliveries (pure: the pages show them too). */
export const CARD_LIMITS = {
  /** Cards per request (the database CHECK says 500; the library's rule is lower). */
  maxCardsPerRequest: 200,
  maxCardsPerClass: 10,
  maxClassLines: 60,
  loanLimit: { min: 10, max: 100 },
  loanPeriodDays: { min: 14, max: 90 },
} as const

export const UPLOAD_LIMITS = {
  maxBytes: 200_000,
  maxRows: 60,
} as const

export const TEXT_LIMITS = {
  className: 40,
  teacherName: 40,
  note: 1000,
  reason: 500,
  topic: 200,
  audience: 200,
  name: 100,
  carrier: 60,
  waybill: 60,
} as const

export const VISIT_LIMITS = {
  maxPreferredDates: 5,
  maxParticipants: 5000,
} as const

export const BOOK_LIMITS = {
  maxBooksPerDonation: 100_000,
  maxBooksPerShipment: 20_000,
  maxBoxes: 500,
} as const

/** A receipt link lives this long after the shipment leaves. */
export const RECEIPT_LINK_DAYS = 45

/** `#12`: how mails and pages name a request. */
export const referenceOf = (prefix: 'CR' | 'VR' | 'SH', id: number) => `${prefix}-${String(id).padStart(5, '0')}`
