/**
 * Query pieces every area reads shifts with, so "where is it", "is this sign-up
 * active" and "which hours count" mean one thing everywhere.
 */
import { sql, type Kysely } from 'kysely'
import type { DB, SignupStatus } from '#db/schema'

/**
 * The shift with what names its place: its own site (`s`), else its activity's
 * (`a`) partner organisation (`p`) or site (`activity_site`); and its required
 * training (`tr`). Select `placeName` / `placeAddress` from it.
 */
export function shiftWithPlace(db: Kysely<DB>) {
  return db
    .selectFrom('shift')
    .leftJoin('activity as a', 'a.id', 'shift.activity_id')
    .leftJoin('site as s', 's.id', 'shift.site_id')
    .leftJoin('site as activity_site', 'activity_site.id', 'a.site_id')
    .leftJoin('partner_organisation as p', 'p.id', 'a.partner_organisation_id')
    .leftJoin('training as tr', 'tr.id', 'shift.required_training_id')
}

/** Where a shift happens, for a query built on shiftWithPlace. */
export const placeName = sql<string | null>`coalesce(s.name, p.name, activity_site.name)`
export const placeAddress = sql<string | null>`coalesce(s.address, p.address, activity_site.address)`

/** A sign-up that holds or waits for a seat. */
export const ACTIVE_SIGNUP_STATUSES = ['confirmed', 'waitlisted'] as const satisfies readonly SignupStatus[]

/** Service hours that count (reports, the volunteer's record): approved by a coordinator. */
export const APPROVED_HOURS = 'approved' as const
