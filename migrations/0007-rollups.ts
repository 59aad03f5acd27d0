import type { Kysely } from 'kysely'

// Counts kept in step with the cases, so a year's statistics read a few hundred rows however
// many cases there are: complaints per month, category, subcategory and district (by the Shanghai
// filing day), and survey answers per month of answer.
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('case_rollups')
    .addColumn('month', 'text', (c) => c.notNull())
    .addColumn('category', 'text', (c) => c.notNull())
    .addColumn('subcategory', 'text', (c) => c.notNull())
    .addColumn('district', 'text', (c) => c.notNull())
    .addColumn('count', 'integer', (c) => c.notNull())
    .addPrimaryKeyConstraint('case_rollups_key', ['month', 'category', 'subcategory', 'district'])
    .execute()
  await db.schema
    .createTable('survey_rollups')
    .addColumn('month', 'text', (c) => c.notNull())
    .addColumn('rating', 'text', (c) => c.notNull())
    .addColumn('count', 'integer', (c) => c.notNull())
    .addPrimaryKeyConstraint('survey_rollups_key', ['month', 'rating'])
    .execute()
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('survey_rollups').execute()
  await db.schema.dropTable('case_rollups').execute()
}
