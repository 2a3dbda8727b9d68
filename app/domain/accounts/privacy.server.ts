/** PIPL rights: a volunteer takes their data with them, or leaves and is forgotten. */
import type { Kysely } from 'kysely'
import { writeTransaction } from '#db/dialect'
import type { DB } from '#db/schema'
import type { Actor } from '~/domain/actor'
import { recordAudit } from '~/domain/audit/audit.server'
import { enqueueEmail, forgetOutboxRecipient } from '~/domain/mail/outbox.server'
import { seats } from '~/domain/signups/seats.server'
import type { RequestMeta } from './request-meta'
import { confirmPassword } from './settings.server'

/** Everything the product holds about the actor, and nothing about anyone else. */
export async function exportAccountData(db: Kysely<DB>, actor: Actor, meta: RequestMeta) {
  const id = actor.accountId
  const [account, profile, trainings, signups, cardRequests, visitRequests, sessions, audit] = await Promise.all([
    db
      .selectFrom('account')
      .select([
        'id',
        'name',
        'email',
        'phone',
        'role',
        'locale',
        'status',
        'email_verified_at',
        'created_at',
        'updated_at',
      ])
      .where('id', '=', id)
      .executeTakeFirstOrThrow(),
    db.selectFrom('volunteer_profile').selectAll().where('account_id', '=', id).executeTakeFirst(),
    db
      .selectFrom('training_completion as tc')
      .innerJoin('training as t', 't.id', 'tc.training_id')
      .select(['t.name', 'tc.completed_on'])
      .where('tc.account_id', '=', id)
      .execute(),
    db
      .selectFrom('signup')
      .innerJoin('shift', 'shift.id', 'signup.shift_id')
      .leftJoin('site', 'site.id', 'shift.site_id')
      .leftJoin('activity', 'activity.id', 'shift.activity_id')
      .select([
        'signup.id',
        'signup.status',
        'signup.attendance',
        'signup.checked_in_at',
        'signup.checked_out_at',
        'signup.service_minutes',
        'signup.hours_status',
        'signup.created_at',
        'signup.cancelled_at',
        'shift.role',
        'shift.starts_at',
        'shift.ends_at',
        'site.name as site_name',
        'activity.title as activity_title',
      ])
      .where('signup.volunteer_id', '=', id)
      .orderBy('shift.starts_at')
      .execute(),
    db
      .selectFrom('card_request')
      .select(['id', 'card_count', 'classes', 'status', 'created_at'])
      .where('requested_by', '=', id)
      .execute(),
    db
      .selectFrom('visit_request')
      .select(['id', 'kind', 'preferred_dates', 'status', 'created_at'])
      .where('requested_by', '=', id)
      .execute(),
    db.selectFrom('session').select(['created_at', 'last_verified_at']).where('account_id', '=', id).execute(),
    db
      .selectFrom('audit_log')
      .select(['action', 'created_at', 'ip'])
      .where('actor_id', '=', id)
      .orderBy('created_at')
      .execute(),
  ])
  await recordAudit(
    db,
    { actorId: id, action: 'data_exported', subjectType: 'account', subjectId: id, ip: meta.ip },
    meta.now,
  )
  return {
    exportedAt: meta.now.toISOString(),
    account,
    volunteerProfile: profile
      ? {
          ...profile,
          skills: JSON.parse(profile.skills),
          interests: JSON.parse(profile.interests),
          availability: JSON.parse(profile.availability),
        }
      : null,
    trainings,
    signups,
    cardRequests,
    visitRequests,
    sessions,
    activityLog: audit,
  }
}

/**
 * Deletes the account: personal data goes, the rows that feed the library's
 * counts stay, attached to an anonymous account (hours served, attendance).
 * Future places are given up so others can take them.
 */
export async function deleteAccount(db: Kysely<DB>, actor: Actor, password: string, meta: RequestMeta): Promise<void> {
  await confirmPassword(db, actor, password, meta, 'password')
  const id = actor.accountId
  const now = meta.now.toISOString()
  await writeTransaction(db, async (trx) => {
    await enqueueEmail(
      trx,
      {
        dedupeKey: `account-deleted:${id}`,
        template: 'account-deleted',
        to: actor.email,
        toAccountId: null,
        locale: actor.locale,
        payload: { name: actor.name },
      },
      meta.now,
    )
    // Their future places go to the next in line (mailed), before their name and address go.
    await seats.releaseFutureSignupsOf(trx, id, 'account_deleted', meta)
    await trx.deleteFrom('volunteer_profile').where('account_id', '=', id).execute()
    await trx.deleteFrom('training_completion').where('account_id', '=', id).execute()
    for (const table of ['session', 'email_verification', 'password_reset'] as const) {
      await trx.deleteFrom(table).where('account_id', '=', id).execute()
    }
    // Mail already sent or waiting still names them: forget it, except the goodbye just queued.
    await forgetOutboxRecipient(
      trx,
      { accountId: id, addresses: [actor.email] },
      { keepDedupeKeys: [`account-deleted:${id}`] },
    )
    await trx
      .updateTable('account')
      .set({
        name: '已注销用户',
        email: `deleted-${id}@invalid`,
        email_normalised: `deleted-${id}@invalid`,
        phone: null,
        password_hash: null,
        email_verified_at: null,
        status: 'deleted',
        updated_at: now,
      })
      .where('id', '=', id)
      .execute()
    await recordAudit(
      trx,
      { actorId: id, action: 'account_deleted', subjectType: 'account', subjectId: id, ip: meta.ip },
      meta.now,
    )
  })
}
