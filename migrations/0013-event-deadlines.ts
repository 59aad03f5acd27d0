import type { Kysely } from 'kysely'

// An acceptance or resolution event keeps the deadline in force when it happened, so on-time
// rates judge the first resolution by its own deadline even after a reopening sets a new one.
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('case_events').addColumn('due_at', 'text').execute()
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('case_events').dropColumn('due_at').execute()
}
