import { sql } from 'kysely'
import type { DialectName } from '../dialect'
import { finish, instant, oneOf, type MigrationDb } from './helpers'

const ENTERED_FIGURES = ['visitors', 'loans', 'desk_cards_issued', 'articles_published', 'media_coverage']

/**
 * The year-end report: figures the platform does not record, entered by staff
 * for a year, and the stored snapshot of a closed year's report.
 */
export async function up(db: MigrationDb, dialect: DialectName): Promise<void> {
  const ts = instant(dialect)
  await finish(
    db.schema
      .createTable('report_entered_figure')
      .addColumn('year', 'integer', (c) => c.notNull())
      .addColumn('figure', 'text', (c) => c.notNull().check(oneOf('figure', ENTERED_FIGURES)))
      .addColumn('value', 'integer', (c) => c.notNull().check(sql`value >= 0`))
      .addColumn('entered_by', 'integer', (c) => c.references('account.id'))
      .addColumn('entered_at', ts, (c) => c.notNull())
      .addPrimaryKeyConstraint('report_entered_figure_pk', ['year', 'figure']),
    dialect,
  ).execute()
  await finish(
    db.schema
      .createTable('report_snapshot')
      .addColumn('year', 'integer', (c) => c.primaryKey().notNull())
      .addColumn('report', 'text', (c) => c.notNull())
      .addColumn('closed_by', 'integer', (c) => c.references('account.id'))
      .addColumn('closed_at', ts, (c) => c.notNull()),
    dialect,
  ).execute()
}
