/**
 * When a visit's outcome is filed: its coordinator is told (unless they filed it
 * themselves), and everyone who served on its team is thanked with the hours
 * recorded for them. Runs in the filing transaction; nothing for an activity
 * that is not at a partner.
 */
import { sql, type Kysely } from 'kysely'
import type { DB } from '#db/schema'
import type { Actor } from '~/domain/actor'
import type { RequestMeta } from '~/domain/accounts/request-meta'
import { enqueueEmail, messageIdDomainOf } from '~/domain/mail/outbox.server'

export async function enqueueOutcomeMails(trx: Kysely<DB>, actor: Actor, activityId: number, meta: RequestMeta) {
  const visit = await trx
    .selectFrom('activity')
    .innerJoin('partner_organisation as p', 'p.id', 'activity.partner_organisation_id')
    .leftJoin('account as c', 'c.id', 'activity.coordinator_id')
    .select([
      'activity.id',
      'activity.title',
      'activity.starts_at',
      'activity.participant_count',
      'p.name as partner_name',
      'c.id as coordinator_id',
      'c.name as coordinator_name',
      'c.email as coordinator_email',
      'c.locale as coordinator_locale',
      'c.status as coordinator_status',
    ])
    .where('activity.id', '=', activityId)
    .executeTakeFirst()
  if (!visit) return
  const origin = meta.appOrigin.replace(/\/+$/, '')
  const messageIdDomain = messageIdDomainOf(meta.appOrigin)
  if (
    visit.coordinator_id !== null &&
    visit.coordinator_id !== actor.accountId &&
    visit.coordinator_status === 'active' &&
    visit.coordinator_email
  ) {
    await enqueueEmail(
      trx,
      {
        dedupeKey: `visit-outcome-filed:${activityId}`,
        template: 'visit-outcome-filed',
        to: visit.coordinator_email,
        toAccountId: visit.coordinator_id,
        locale: visit.coordinator_locale ?? 'zh-CN',
        messageIdDomain,
        payload: {
          name: visit.coordinator_name ?? '',
          title: visit.title,
          organisation: visit.partner_name,
          startsAt: visit.starts_at,
          filedBy: actor.name,
          participants: visit.participant_count ?? 0,
          url: `${origin}/staff/visits/${activityId}`,
        },
      },
      meta.now,
    )
  }
  const team = await trx
    .selectFrom('signup')
    .innerJoin('shift', 'shift.id', 'signup.shift_id')
    .innerJoin('account', 'account.id', 'signup.volunteer_id')
    .select([
      'account.id',
      'account.name',
      'account.email',
      'account.locale',
      sql<number>`sum(signup.service_minutes)`.as('minutes'),
    ])
    .where('shift.activity_id', '=', activityId)
    .where('signup.status', '=', 'confirmed')
    .where('signup.attendance', '=', 'attended')
    .where('account.status', '=', 'active')
    .groupBy(['account.id', 'account.name', 'account.email', 'account.locale'])
    .orderBy('account.id')
    .execute()
  for (const member of team) {
    await enqueueEmail(
      trx,
      {
        dedupeKey: `visit-thanks:${activityId}:${member.id}`,
        template: 'visit-thanks',
        to: member.email,
        toAccountId: member.id,
        locale: member.locale,
        messageIdDomain,
        payload: {
          name: member.name,
          title: visit.title,
          organisation: visit.partner_name,
          startsAt: visit.starts_at,
          minutes: Number(member.minutes ?? 0),
          url: `${origin}/me/shifts`,
        },
      },
      meta.now,
    )
  }
}
