/** Figures the platform does not record (visitors, loans, …), entered by staff for a year. */
import type { Kysely } from 'kysely'
import { writeTransaction } from '#db/dialect'
import { ENTERED_FIGURES, type DB } from '#db/schema'
import type { Actor } from '~/domain/actor'
import { recordAudit } from '~/domain/audit/audit.server'
import { DomainError, forbidden } from '~/domain/errors'
import { isStaff } from '~/domain/policy'
import type { EnteredValue } from './model'

export async function listEnteredFigures(db: Kysely<DB>, year: number): Promise<EnteredValue[]> {
  const rows = await db
    .selectFrom('report_entered_figure as f')
    .leftJoin('account as a', 'a.id', 'f.entered_by')
    .select(['f.figure', 'f.value', 'f.entered_at', 'a.name'])
    .where('f.year', '=', year)
    .execute()
  const order = (figure: string) => ENTERED_FIGURES.indexOf(figure as (typeof ENTERED_FIGURES)[number])
  return rows
    .sort((a, b) => order(a.figure) - order(b.figure))
    .map((r) => ({
      figure: r.figure,
      value: Number(r.value),
      enteredBy: r.name,
      enteredAt: new Date(r.entered_at).toISOString(),
    }))
}

/** Saves the figures given for an open year; a closed year refuses. */
export async function saveEnteredFigures(
  db: Kysely<DB>,
  actor: Actor,
  year: number,
  values: Partial<Record<(typeof ENTERED_FIGURES)[number], string | undefined>>,
  now: Date,
): Promise<void> {
  if (!isStaff(actor)) throw forbidden()
  await writeTransaction(db, async (trx) => {
    const closed = await trx.selectFrom('report_snapshot').select('year').where('year', '=', year).executeTakeFirst()
    if (closed) throw new DomainError('conflict', 'reports.closed.refused')
    for (const figure of ENTERED_FIGURES) {
      const raw = values[figure]
      if (raw === undefined || raw === '') continue
      const row = { value: Number(raw), entered_by: actor.accountId, entered_at: now.toISOString() }
      await trx
        .insertInto('report_entered_figure')
        .values({ year, figure, ...row })
        .onConflict((oc) => oc.columns(['year', 'figure']).doUpdateSet(row))
        .execute()
      await recordAudit(
        trx,
        {
          actorId: actor.accountId,
          action: 'report_figure_entered',
          subjectType: 'report',
          subjectId: year,
          details: { figure, value: row.value },
        },
        now,
      )
    }
  })
}
