import type { Kysely } from 'kysely'
import { idType } from './dialect'

// Public satisfaction surveys (issue 7): an admin writes the questions, residents answer
// anonymously. A response carries at most the SHA-256 of a random cookie id, so one browser
// answers once and nobody's name or phone is kept.
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('public_surveys')
    .addColumn('id', idType(db), (c) => c.primaryKey())
    .addColumn('slug', 'text', (c) => c.notNull().unique())
    .addColumn('title', 'text', (c) => c.notNull())
    .addColumn('questions', 'text', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('created_by', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('published_at', 'text')
    .execute()
  await db.schema
    .createTable('public_survey_responses')
    .addColumn('id', idType(db), (c) => c.primaryKey())
    .addColumn('survey_id', 'integer', (c) => c.notNull().references('public_surveys.id'))
    .addColumn('respondent_key', 'text')
    .addColumn('answers', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addUniqueConstraint('public_survey_responses_once', ['survey_id', 'respondent_key'])
    .execute()
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('public_survey_responses').execute()
  await db.schema.dropTable('public_surveys').execute()
}
