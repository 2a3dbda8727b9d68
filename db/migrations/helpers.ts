/**
 * DDL helpers shared by migrations. Append-only: never change what an existing
 * helper emits, since old migrations depend on it; add a new helper instead.
 */
import { sql, type ColumnDefinitionBuilder, type CreateTableBuilder, type Kysely } from 'kysely'
import type { DialectName } from '../dialect'

export type MigrationDb = Kysely<any>

export interface Migration {
  name: string
  up(db: MigrationDb, dialect: DialectName): Promise<void>
}

/** Column type for an instant: ISO text on SQLite, timestamptz on PostgreSQL. */
export const instant = (dialect: DialectName) => (dialect === 'postgres' ? 'timestamptz' : 'text')

/** Column type for a calendar day `YYYY-MM-DD`. */
export const day = (dialect: DialectName) => (dialect === 'postgres' ? 'date' : 'text')

/** Adds an integer identity primary key named `id`. */
export function withId<T extends string>(table: CreateTableBuilder<T, never>, dialect: DialectName) {
  return table.addColumn('id', 'integer', (c) =>
    dialect === 'postgres' ? c.primaryKey().generatedByDefaultAsIdentity() : c.primaryKey(),
  )
}

/** `created_at` and `updated_at`, both required. */
export function withTimestamps<T extends string, C extends string>(
  table: CreateTableBuilder<T, C>,
  dialect: DialectName,
) {
  return table
    .addColumn('created_at', instant(dialect), (c) => c.notNull())
    .addColumn('updated_at', instant(dialect), (c) => c.notNull())
}

/** SQLite tables are STRICT, so a wrong type fails instead of being stored. */
export function finish<T extends string, C extends string>(table: CreateTableBuilder<T, C>, dialect: DialectName) {
  return dialect === 'sqlite' ? table.modifyEnd(sql`strict`) : table
}

/** `CHECK (column IN (…))` for one of the `as const` lists, copied into the migration. */
export function oneOf(column: string, values: readonly string[]) {
  return sql`${sql.ref(column)} in (${sql.join(values.map((v) => sql.lit(v)))})`
}

/** A 0/1 flag column. */
export function flag(name: string, defaultValue: 0 | 1) {
  return (c: ColumnDefinitionBuilder) =>
    c
      .notNull()
      .defaultTo(defaultValue)
      .check(sql`${sql.ref(name)} in (0, 1)`)
}

/** Column type for a floating-point number. */
export const double = (dialect: DialectName) => (dialect === 'postgres' ? 'double precision' : 'real')
