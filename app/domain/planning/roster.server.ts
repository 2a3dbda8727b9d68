/**
 * A shift's roster for coordinators: who is confirmed (with phone), the waitlist
 * in order, and which of the shift's requirements each volunteer meets. Only
 * staff see it; phones never leave this module for anyone else.
 *
 * Requirements here are the shift's own (age on the day, skill, training). The
 * sign-up rules as a whole (window, overlaps) live in ~/domain/signups/eligibility;
 * they decide who may sign up, while the roster shows a coordinator what a
 * volunteer already on the shift meets, including those added by hand.
 */
import type { Kysely } from 'kysely'
import { writeTransaction } from '#db/dialect'
import type { DB } from '#db/schema'
import type { Actor } from '~/domain/actor'
import type { RequestMeta } from '~/domain/accounts/request-meta'
import { DomainError, notFound } from '~/domain/errors'
import { enqueueEmail, messageIdDomainOf } from '~/domain/mail/outbox.server'
import {
  meetsRequirements,
  type InsuranceCover,
  type RequirementCheck,
  type ShiftFacts,
} from '~/domain/signups/eligibility'
import { activityRequiresInsurance, loadInsuranceCover, parseSkills } from '~/domain/signups/eligibility.server'
import { loadShiftMailInfo } from '~/domain/signups/mail.server'
import { activeVolunteers, placeOf, requireStaff, shiftTitleOf } from './shifts.server'

export type { RequirementCheck }

/** The roster's flags: the same check the sign-up rules make (~/domain/signups/eligibility). */
export function checkRequirements(
  shift: Pick<
    ShiftFacts,
    'starts_at' | 'ends_at' | 'min_age' | 'required_skill' | 'required_training_id' | 'requires_insurance'
  >,
  volunteer: {
    birth_date: string | null
    skills: string | null
    trainingIds: readonly number[]
    insuranceCover: readonly InsuranceCover[]
  },
): RequirementCheck {
  return meetsRequirements(shift, {
    birthDate: volunteer.birth_date,
    skills: parseSkills(volunteer.skills),
    completedTrainingIds: volunteer.trainingIds,
    insuranceCover: volunteer.insuranceCover,
  })
}

export async function getRoster(db: Kysely<DB>, actor: Actor, shiftId: number, now: Date) {
  requireStaff(actor)
  const shift = await db
    .selectFrom('shift')
    .leftJoin('training', 'training.id', 'shift.required_training_id')
    .selectAll('shift')
    .select('training.name as training_name')
    .where('shift.id', '=', shiftId)
    .executeTakeFirst()
  if (!shift) throw notFound()
  const [place, title] = await Promise.all([placeOf(db, shift.id), shiftTitleOf(db, shift)])
  const signups = await db
    .selectFrom('signup')
    .innerJoin('account', 'account.id', 'signup.volunteer_id')
    .leftJoin('volunteer_profile as vp', 'vp.account_id', 'signup.volunteer_id')
    .leftJoin('account as adder', 'adder.id', 'signup.added_by')
    .leftJoin('account as approver', 'approver.id', 'signup.hours_approved_by')
    .select([
      'signup.id',
      'signup.volunteer_id',
      'signup.status',
      'signup.waitlist_position',
      'signup.attendance',
      'signup.checked_in_at',
      'signup.checked_out_at',
      'signup.service_minutes',
      'signup.hours_status',
      'signup.hours_override_reason',
      'signup.hours_approved_at',
      'signup.added_reason',
      'signup.cancel_reason',
      'signup.created_at',
      'account.name',
      'account.phone',
      'account.email',
      'vp.birth_date',
      'vp.skills',
      'vp.volunteer_number',
      'adder.name as added_by_name',
      'approver.name as approved_by_name',
    ])
    .where('signup.shift_id', '=', shiftId)
    .orderBy('signup.created_at')
    .orderBy('signup.id')
    .execute()
  const volunteerIds = [...new Set(signups.map((s) => s.volunteer_id))]
  const trainings =
    shift.required_training_id === null || volunteerIds.length === 0
      ? []
      : await db
          .selectFrom('training_completion')
          .select(['account_id', 'training_id'])
          .where('training_id', '=', shift.required_training_id)
          .where('account_id', 'in', volunteerIds)
          .execute()
  const [needsInsurance, cover] = await Promise.all([
    activityRequiresInsurance(db, shift.activity_id),
    loadInsuranceCover(db, volunteerIds),
  ])
  const rows = signups.map((s) => ({
    ...s,
    requirements: checkRequirements(
      { ...shift, requires_insurance: needsInsurance },
      {
        birth_date: s.birth_date,
        skills: s.skills,
        trainingIds: trainings.filter((t) => t.account_id === s.volunteer_id).map((t) => t.training_id),
        insuranceCover: cover.get(s.volunteer_id) ?? [],
      },
    ),
  }))
  const { check_in_secret: _secret, ...publicShift } = shift
  return {
    shift: { ...publicShift, place, display_title: title },
    confirmed: rows.filter((r) => r.status === 'confirmed'),
    waitlist: rows
      .filter((r) => r.status === 'waitlisted')
      .sort((a, b) => (a.waitlist_position ?? 0) - (b.waitlist_position ?? 0)),
    cancelled: rows.filter((r) => r.status === 'cancelled'),
    started: Date.parse(shift.starts_at) <= now.getTime(),
    ended: Date.parse(shift.ends_at) <= now.getTime(),
  }
}

export type Roster = Awaited<ReturnType<typeof getRoster>>

/** Mails a coordinator's message to every confirmed and waitlisted volunteer of the shift. */
export async function messageShiftVolunteers(
  db: Kysely<DB>,
  actor: Actor,
  shiftId: number,
  message: string,
  meta: RequestMeta,
): Promise<number> {
  requireStaff(actor)
  const text = message.trim()
  if (!text) throw new DomainError('rule', 'form.required', { field: 'message' })
  return writeTransaction(db, async (trx) => {
    const shift = await trx.selectFrom('shift').selectAll().where('id', '=', shiftId).executeTakeFirst()
    if (!shift) throw notFound()
    const [info, volunteers] = await Promise.all([loadShiftMailInfo(trx, shiftId), activeVolunteers(trx, shiftId)])
    const title = info.title ?? info.activityTitle
    for (const v of volunteers) {
      await enqueueEmail(
        trx,
        {
          dedupeKey: `shift-message:${shiftId}:${v.signup_id}:${meta.now.getTime()}`,
          template: 'shift-message',
          to: v.email,
          toAccountId: v.account_id,
          locale: v.locale,
          messageIdDomain: messageIdDomainOf(meta.appOrigin),
          payload: {
            name: v.name,
            senderName: actor.name,
            role: shift.role,
            ...(title ? { activityTitle: title } : {}),
            startsAt: shift.starts_at,
            endsAt: shift.ends_at,
            place: info.placeName ?? undefined,
            message: text,
            shiftUrl: `${meta.appOrigin}/shifts/${shiftId}`,
          },
        },
        meta.now,
      )
    }
    return volunteers.length
  })
}

/** The active volunteer with this email, for adding by hand; the field's error otherwise. */
export async function findVolunteerByEmail(db: Kysely<DB>, actor: Actor, email: string): Promise<number> {
  requireStaff(actor)
  const row = await db
    .selectFrom('account')
    .select('id')
    .where('email_normalised', '=', email.trim().toLowerCase())
    .where('role', '=', 'volunteer')
    .where('status', '=', 'active')
    .executeTakeFirst()
  if (!row) throw new DomainError('rule', 'planning.roster.volunteerNotFound', { field: 'volunteerEmail' })
  return row.id
}
