import type { ActivityBeneficiaryCountTable, ActivitySeriesTable, ActivityTable } from './activities'
import type {
  EmailVerificationTable,
  InvitationTable,
  PasswordResetTable,
  RateLimitBucketTable,
  SessionTable,
} from './auth'
import type { CertificateSequenceTable, CertificateTable } from './certificates'
import type { InsuranceCoverTable, InsurancePolicyTable } from './insurance'
import type { BookDonationTable, BookShipmentTable, ShipmentReceiptTokenTable } from './books'
import type { BulkCardTable, CardRequestLineTable, CardRequestTable, VisitRequestTable } from './partner-requests'
import type { AccountTable, TrainingCompletionTable, TrainingTable, VolunteerProfileTable } from './people'
import type { PartnerOrganisationTable, ProgrammeTable, SiteTable } from './places'
import type {
  CalendarFeedTable,
  HolidayOverrideTable,
  ShiftSeriesTable,
  ShiftTable,
  SignupOfferTable,
  SignupTable,
} from './shifts'
import type {
  ReportEnteredFigureTable,
  ReportSnapshotTable,
  ShiftServiceTotalTable,
  VolunteerServiceDayTable,
} from './reports'
import type { AuditLogTable, EmailOutboxTable } from './system'

export * from './activities'
export * from './auth'
export * from './books'
export * from './certificates'
export * from './insurance'
export * from './partner-requests'
export * from './people'
export * from './places'
export * from './reports'
export * from './shifts'
export * from './system'
export * from './types'

/** The whole database, as Kysely sees it. Property names are the columns' snake_case names. */
export interface DB {
  site: SiteTable
  partner_organisation: PartnerOrganisationTable
  programme: ProgrammeTable
  account: AccountTable
  volunteer_profile: VolunteerProfileTable
  training: TrainingTable
  training_completion: TrainingCompletionTable
  activity: ActivityTable
  activity_beneficiary_count: ActivityBeneficiaryCountTable
  activity_series: ActivitySeriesTable
  shift_series: ShiftSeriesTable
  shift: ShiftTable
  signup: SignupTable
  book_donation: BookDonationTable
  book_shipment: BookShipmentTable
  card_request: CardRequestTable
  bulk_card: BulkCardTable
  visit_request: VisitRequestTable
  email_outbox: EmailOutboxTable
  audit_log: AuditLogTable
  session: SessionTable
  email_verification: EmailVerificationTable
  password_reset: PasswordResetTable
  invitation: InvitationTable
  rate_limit_bucket: RateLimitBucketTable
  signup_offer: SignupOfferTable
  calendar_feed: CalendarFeedTable
  holiday_override: HolidayOverrideTable
  certificate: CertificateTable
  certificate_sequence: CertificateSequenceTable
  report_entered_figure: ReportEnteredFigureTable
  report_snapshot: ReportSnapshotTable
  volunteer_service_day: VolunteerServiceDayTable
  shift_service_total: ShiftServiceTotalTable
  card_request_line: CardRequestLineTable
  shipment_receipt_token: ShipmentReceiptTokenTable
  insurance_policy: InsurancePolicyTable
  insurance_cover: InsuranceCoverTable
}
