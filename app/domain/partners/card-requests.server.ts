/**
 * Bulk borrowing card requests (大容量借阅卡): the contact submits and may
 * withdraw until approval; a coordinator approves (possibly with other
 * numbers) or rejects with a reason. Every change is one conditional update
 * on the expected state, so racing clicks change it once and the loser is told.
 */
import type { Kysely } from 'kysely'
import { writeTransaction } from '#db/dialect'
import type { CardRequestStatus, DB } from '#db/schema'
import type { RequestMeta } from '~/domain/accounts/request-meta'
import type { Actor } from '~/domain/actor'
import { recordAudit } from '~/domain/audit/audit.server'
import { DomainError, notFound } from '~/domain/errors'
import type { ClassLine } from './class-list'
import { CARD_LIMITS, TEXT_LIMITS, referenceOf } from './limits'
import { accountRecipient, activeCoordinators, organisationName, sendPartnerUpdate } from './notify.server'
import { partnerOrganisationOf, requireStaff, scopedToPartner } from './scope.server'

const P = 'partners.cards.'

export interface CardRequestInput {
  lines: ClassLine[]
  loanLimit: number
  loanPeriodDays: number
  note: string | null
}

function checkTerms(input: { loanLimit: number; loanPeriodDays: number }) {
  const { loanLimit, loanPeriodDays } = CARD_LIMITS
  if (!Number.isInteger(input.loanLimit) || input.loanLimit < loanLimit.min || input.loanLimit > loanLimit.max)
    throw new DomainError('rule', `${P}loanLimitRange`, { field: 'loanLimit', params: loanLimit })
  if (
    !Number.isInteger(input.loanPeriodDays) ||
    input.loanPeriodDays < loanPeriodDays.min ||
    input.loanPeriodDays > loanPeriodDays.max
  )
    throw new DomainError('rule', `${P}loanPeriodRange`, { field: 'loanPeriodDays', params: loanPeriodDays })
}

function checkCounts(counts: readonly number[], field: string) {
  if (counts.length === 0) throw new DomainError('rule', 'partners.classList.empty', { field })
  if (counts.length > CARD_LIMITS.maxClassLines)
    throw new DomainError('rule', 'partners.classList.tooManyRows', {
      field,
      params: { max: CARD_LIMITS.maxClassLines },
    })
  if (counts.some((n) => !Number.isInteger(n) || n < 1 || n > CARD_LIMITS.maxCardsPerClass))
    throw new DomainError('rule', 'partners.classList.badCount', {
      field,
      params: { max: CARD_LIMITS.maxCardsPerClass },
    })
  const total = counts.reduce((a, b) => a + b, 0)
  if (total > CARD_LIMITS.maxCardsPerRequest)
    throw new DomainError('rule', `${P}tooManyCards`, {
      field,
      params: { max: CARD_LIMITS.maxCardsPerRequest, count: total },
    })
  return total
}

export async function submitCardRequest(
  db: Kysely<DB>,
  actor: Actor,
  input: CardRequestInput,
  meta: RequestMeta,
): Promise<number> {
  const organisationId = partnerOrganisationOf(actor)
  checkTerms(input)
  const total = checkCounts(
    input.lines.map((l) => l.cardCount),
    'classList',
  )
  if ((input.note?.length ?? 0) > TEXT_LIMITS.note) throw new DomainError('rule', 'partners.tooLong', { field: 'note' })
  const now = meta.now.toISOString()
  return writeTransaction(db, async (trx) => {
    const { id } = await trx
      .insertInto('card_request')
      .values({
        partner_organisation_id: organisationId,
        requested_by: actor.accountId,
        card_count: total,
        requested_card_count: total,
        classes: input.lines.map((l) => l.className).join('、'),
        loan_limit: input.loanLimit,
        loan_period_days: input.loanPeriodDays,
        status: 'submitted',
        note: input.note,
        created_at: now,
        updated_at: now,
      })
      .returning('id')
      .executeTakeFirstOrThrow()
    await trx
      .insertInto('card_request_line')
      .values(
        input.lines.map((l, i) => ({
          card_request_id: id,
          line_no: i + 1,
          class_name: l.className,
          card_count: l.cardCount,
          requested_card_count: l.cardCount,
          teacher_name: l.teacherName,
        })),
      )
      .execute()
    await recordAudit(
      trx,
      {
        actorId: actor.accountId,
        action: 'card_request_submitted',
        subjectType: 'card_request',
        subjectId: id,
        ip: meta.ip,
      },
      meta.now,
    )
    const organisation = await organisationName(trx, organisationId)
    const reference = referenceOf('CR', id)
    await sendPartnerUpdate(
      trx,
      await accountRecipient(trx, actor.accountId),
      {
        event: 'card_request_received',
        key: String(id),
        organisation,
        reference,
        path: `/partner/card-requests/${id}`,
      },
      meta,
    )
    // Nobody is responsible for a new request yet: every coordinator hears of it.
    for (const to of await activeCoordinators(trx)) {
      await sendPartnerUpdate(
        trx,
        to,
        {
          event: 'card_request_to_review',
          key: String(id),
          organisation,
          reference,
          path: `/staff/card-requests/${id}`,
        },
        meta,
      )
    }
    return id
  })
}

/** The contact's own request; another organisation's is not found. */
export async function withdrawCardRequest(db: Kysely<DB>, actor: Actor, id: number, meta: RequestMeta): Promise<void> {
  await writeTransaction(db, async (trx) => {
    const result = await scopedToPartner(
      trx
        .updateTable('card_request')
        .set({ status: 'withdrawn', updated_at: meta.now.toISOString() })
        .where('id', '=', id)
        .where('status', '=', 'submitted'),
      actor,
      'card_request.partner_organisation_id',
    ).executeTakeFirst()
    if (Number(result.numUpdatedRows) === 0) {
      const row = await scopedToPartner(
        trx.selectFrom('card_request').select('status').where('id', '=', id),
        actor,
        'card_request.partner_organisation_id',
      ).executeTakeFirst()
      if (!row) throw notFound()
      throw new DomainError('conflict', `${P}cannotWithdraw`)
    }
    await recordAudit(
      trx,
      {
        actorId: actor.accountId,
        action: 'card_request_withdrawn',
        subjectType: 'card_request',
        subjectId: id,
        ip: meta.ip,
      },
      meta.now,
    )
  })
}

/** The state a coordinator's click found, when it was not the expected one. */
export async function conflictFor(trx: Kysely<DB>, id: number): Promise<never> {
  const row = await trx.selectFrom('card_request').select('status').where('id', '=', id).executeTakeFirst()
  if (!row) throw notFound()
  throw new DomainError('conflict', `${P}alreadyDecided`, { params: { status: row.status } })
}

async function mailDecision(
  trx: Kysely<DB>,
  id: number,
  event: 'card_request_approved' | 'card_request_rejected' | 'cards_issued',
  detail: string | null,
  meta: RequestMeta,
) {
  const row = await trx
    .selectFrom('card_request')
    .select(['requested_by', 'partner_organisation_id'])
    .where('id', '=', id)
    .executeTakeFirstOrThrow()
  await sendPartnerUpdate(
    trx,
    await accountRecipient(trx, row.requested_by),
    {
      event,
      key: String(id),
      organisation: await organisationName(trx, row.partner_organisation_id),
      reference: referenceOf('CR', id),
      detail,
      path: `/partner/card-requests/${id}`,
    },
    meta,
  )
}
export { mailDecision as mailCardRequestStep }

/**
 * Approves a submitted request; `lineCounts` (one per class line, in order)
 * sets other numbers than those asked for.
 */
export async function approveCardRequest(
  db: Kysely<DB>,
  actor: Actor,
  id: number,
  input: { lineCounts: number[] | null; loanLimit: number | null; loanPeriodDays: number | null; note: string | null },
  meta: RequestMeta,
): Promise<void> {
  requireStaff(actor)
  if ((input.note?.length ?? 0) > TEXT_LIMITS.reason)
    throw new DomainError('rule', 'partners.tooLong', { field: 'note' })
  await writeTransaction(db, async (trx) => {
    const current = await trx
      .selectFrom('card_request')
      .select(['loan_limit', 'loan_period_days'])
      .where('id', '=', id)
      .executeTakeFirst()
    if (!current) throw notFound()
    const lines = await trx
      .selectFrom('card_request_line')
      .select(['id', 'card_count'])
      .where('card_request_id', '=', id)
      .orderBy('line_no')
      .execute()
    const counts = input.lineCounts ?? lines.map((l) => l.card_count)
    if (counts.length !== lines.length) throw new DomainError('rule', 'errors.badRequestTitle')
    const total = checkCounts(counts, 'lineCounts')
    const terms = {
      loanLimit: input.loanLimit ?? current.loan_limit,
      loanPeriodDays: input.loanPeriodDays ?? current.loan_period_days,
    }
    checkTerms(terms)
    const now = meta.now.toISOString()
    const result = await trx
      .updateTable('card_request')
      .set({
        status: 'approved',
        card_count: total,
        loan_limit: terms.loanLimit,
        loan_period_days: terms.loanPeriodDays,
        decided_by: actor.accountId,
        decided_at: now,
        decision_note: input.note,
        updated_at: now,
      })
      .where('id', '=', id)
      .where('status', '=', 'submitted')
      .executeTakeFirst()
    if (Number(result.numUpdatedRows) === 0) await conflictFor(trx, id)
    for (const [i, line] of lines.entries())
      if (line.card_count !== counts[i])
        await trx.updateTable('card_request_line').set({ card_count: counts[i]! }).where('id', '=', line.id).execute()
    await recordAudit(
      trx,
      {
        actorId: actor.accountId,
        action: 'card_request_approved',
        subjectType: 'card_request',
        subjectId: id,
        details: { cards: total },
        ip: meta.ip,
      },
      meta.now,
    )
    await mailDecision(trx, id, 'card_request_approved', input.note, meta)
  })
}

export async function rejectCardRequest(
  db: Kysely<DB>,
  actor: Actor,
  id: number,
  reason: string,
  meta: RequestMeta,
): Promise<void> {
  requireStaff(actor)
  const text = reason.trim()
  if (!text) throw new DomainError('rule', `${P}reasonRequired`, { field: 'reason' })
  if (text.length > TEXT_LIMITS.reason) throw new DomainError('rule', 'partners.tooLong', { field: 'reason' })
  await writeTransaction(db, async (trx) => {
    const now = meta.now.toISOString()
    const result = await trx
      .updateTable('card_request')
      .set({ status: 'rejected', decided_by: actor.accountId, decided_at: now, decision_note: text, updated_at: now })
      .where('id', '=', id)
      .where('status', '=', 'submitted')
      .executeTakeFirst()
    if (Number(result.numUpdatedRows) === 0) await conflictFor(trx, id)
    await recordAudit(
      trx,
      {
        actorId: actor.accountId,
        action: 'card_request_rejected',
        subjectType: 'card_request',
        subjectId: id,
        ip: meta.ip,
      },
      meta.now,
    )
    await mailDecision(trx, id, 'card_request_rejected', text, meta)
  })
}

// ---------------------------------------------------------------------------
// Reading

function cardRequestColumns(db: Kysely<DB>) {
  return db
    .selectFrom('card_request')
    .innerJoin('partner_organisation as o', 'o.id', 'card_request.partner_organisation_id')
    .innerJoin('account as r', 'r.id', 'card_request.requested_by')
    .select([
      'card_request.id',
      'card_request.partner_organisation_id',
      'o.name as organisation',
      'r.name as requested_by_name',
      'card_request.card_count',
      'card_request.requested_card_count',
      'card_request.classes',
      'card_request.loan_limit',
      'card_request.loan_period_days',
      'card_request.status',
      'card_request.note',
      'card_request.decision_note',
      'card_request.decided_at',
      'card_request.issued_at',
      'card_request.created_at',
    ])
}

export async function cardRequestDetail(db: Kysely<DB>, id: number) {
  const [lines, cards] = await Promise.all([
    db
      .selectFrom('card_request_line')
      .select(['line_no', 'class_name', 'card_count', 'requested_card_count', 'teacher_name'])
      .where('card_request_id', '=', id)
      .orderBy('line_no')
      .execute(),
    db
      .selectFrom('bulk_card')
      .select(['card_number', 'class_name', 'issued_at'])
      .where('card_request_id', '=', id)
      .orderBy('class_name')
      .orderBy('card_number')
      .execute(),
  ])
  return { lines, cards }
}

export async function listOwnCardRequests(db: Kysely<DB>, actor: Actor) {
  return scopedToPartner(cardRequestColumns(db), actor, 'card_request.partner_organisation_id')
    .orderBy('card_request.created_at', 'desc')
    .limit(100)
    .execute()
}

export async function getOwnCardRequest(db: Kysely<DB>, actor: Actor, id: number) {
  const request = await scopedToPartner(
    cardRequestColumns(db).where('card_request.id', '=', id),
    actor,
    'card_request.partner_organisation_id',
  ).executeTakeFirst()
  if (!request) throw notFound()
  return { request, ...(await cardRequestDetail(db, id)) }
}

export async function listCardRequestQueue(db: Kysely<DB>, actor: Actor, status: CardRequestStatus | null) {
  requireStaff(actor)
  let query = cardRequestColumns(db)
  if (status) query = query.where('card_request.status', '=', status)
  return query.orderBy('card_request.created_at', 'desc').limit(200).execute()
}

export async function getCardRequestForStaff(db: Kysely<DB>, actor: Actor, id: number) {
  requireStaff(actor)
  const request = await cardRequestColumns(db).where('card_request.id', '=', id).executeTakeFirst()
  if (!request) throw notFound()
  return { request, ...(await cardRequestDetail(db, id)) }
}
