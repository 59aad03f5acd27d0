import { sql, type Kysely } from 'kysely'
import { isPostgres } from './dialect'

// Public survey answers counted as they arrive (issue 7, "fast at any size"): one row per survey,
// question and answer, plus the survey's number of responses under the empty question id. The
// results page and the year summary read these instead of parsing every stored answer.
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('public_survey_tallies')
    .addColumn('survey_id', 'integer', (c) => c.notNull().references('public_surveys.id'))
    .addColumn('question_id', 'text', (c) => c.notNull())
    .addColumn('answer', 'text', (c) => c.notNull())
    .addColumn('count', 'integer', (c) => c.notNull())
    .addPrimaryKeyConstraint('public_survey_tallies_pkey', ['survey_id', 'question_id', 'answer'])
    .execute()
  const pairs = isPostgres(db) ? sql`jsonb_each_text(r.answers::jsonb)` : sql`json_each(r.answers)`
  await sql`insert into public_survey_tallies (survey_id, question_id, answer, count)
    select r.survey_id, j.key, j.value, count(*) from public_survey_responses r, ${pairs} j
    group by r.survey_id, j.key, j.value
    union all
    select survey_id, '', '', count(*) from public_survey_responses group by survey_id`.execute(db)
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('public_survey_tallies').execute()
}
