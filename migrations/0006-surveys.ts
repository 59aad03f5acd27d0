import type { Kysely } from 'kysely'
import { idType } from './dialect'

// The resident's rating of how a case was handled: one per case. A case closed unanswered after
// seven days gets a row with rating 'not_rated', counted apart and never as satisfied.
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('case_surveys')
    .addColumn('id', idType(db), (c) => c.primaryKey())
    .addColumn('case_id', 'integer', (c) => c.notNull().unique().references('cases.id'))
    .addColumn('rating', 'text', (c) => c.notNull())
    .addColumn('comment', 'text')
    .addColumn('channel', 'text', (c) => c.notNull())
    .addColumn('answered_at', 'text', (c) => c.notNull())
    .execute()
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('case_surveys').execute()
}
