import { randomBytes } from 'node:crypto'
import type { MigrationDb } from './helpers'

/**
 * Every shift gets its QR check-in secret when it is made (planning/shifts.server.ts);
 * shifts from before that get theirs here, so the coordinators' QR page only reads.
 */
export async function up(db: MigrationDb): Promise<void> {
  const rows = await db.selectFrom('shift').select('id').where('check_in_secret', 'is', null).execute()
  for (const { id } of rows) {
    await db
      .updateTable('shift')
      .set({ check_in_secret: randomBytes(32).toString('base64url') })
      .where('id', '=', id)
      .execute()
  }
}
