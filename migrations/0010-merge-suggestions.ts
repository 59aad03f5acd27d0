import type { Kysely } from 'kysely'
import { idType } from './dialect'

// Duplicate complaints: each case keeps the normalised name of the place it is about, and a
// new complaint of the same kind near an open case is suggested to the supervisor as a merge.
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('cases').addColumn('place_key', 'text').execute()
  await db.schema
    .createIndex('cases_department_category_created')
    .on('cases')
    .columns(['department_id', 'category', 'created_at'])
    .execute()
  await db.schema
    .createTable('merge_suggestions')
    .addColumn('id', idType(db), (c) => c.primaryKey())
    .addColumn('case_id', 'integer', (c) => c.notNull().references('cases.id'))
    .addColumn('primary_id', 'integer', (c) => c.notNull().references('cases.id'))
    .addColumn('reason', 'text', (c) => c.notNull())
    .addColumn('distance_m', 'integer')
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('decided_at', 'text')
    .addColumn('decided_by', 'text')
    .execute()
  await db.schema
    .createIndex('merge_suggestions_case')
    .on('merge_suggestions')
    .columns(['case_id'])
    .execute()
  await db.schema
    .createIndex('merge_suggestions_primary')
    .on('merge_suggestions')
    .columns(['primary_id'])
    .execute()
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('merge_suggestions').execute()
  await db.schema.dropIndex('cases_department_category_created').execute()
  await db.schema.alterTable('cases').dropColumn('place_key').execute()
}
