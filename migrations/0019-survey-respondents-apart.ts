import { sql, type Kysely } from 'kysely'
import { isPostgres } from './dialect'

// Public survey answers kept apart from who answered (issue 7, "answers are anonymous"): the
// one-per-person keys move to their own table with no time and no link to an answer, and the
// answers lose their key and keep only the Shanghai day they came in. A follower's key is an
// HMAC of the OpenID, so beside the answer it would let anyone holding the database and the
// AppSecret tell which complainant gave which answer.
export async function up(db: Kysely<any>): Promise<void> {
  const table = db.schema
    .createTable('public_survey_respondents')
    .addColumn('survey_id', 'integer', (c) => c.notNull().references('public_surveys.id'))
    .addColumn('respondent_key', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('public_survey_respondents_pkey', ['survey_id', 'respondent_key'])
  // SQLite would otherwise keep a rowid in arrival order, matching the answers' order
  await (isPostgres(db) ? table : table.modifyEnd(sql`without rowid`)).execute()
  await sql`insert into public_survey_respondents (survey_id, respondent_key)
    select survey_id, respondent_key from public_survey_responses
    where respondent_key is not null`.execute(db)
  const shanghaiDayStart = isPostgres(db)
    ? sql`to_char(date_trunc('day', created_at::timestamptz at time zone 'Asia/Shanghai')
        at time zone 'Asia/Shanghai' at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"')`
    : sql`strftime('%Y-%m-%dT%H:%M:%fZ', created_at, '+8 hours', 'start of day', '-8 hours')`
  await sql`update public_survey_responses
    set respondent_key = null, created_at = ${shanghaiDayStart}`.execute(db)
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('public_survey_respondents').execute()
}
