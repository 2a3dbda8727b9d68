import type { Locale, Role } from '#db/schema'

/** Who is asking: built from the session by app/auth, passed to every domain function. */
export interface Actor {
  accountId: number
  role: Role
  /** Set for partner contacts only. */
  partnerOrganisationId: number | null
  name: string
  email: string
  locale: Locale
  emailVerified: boolean
}
