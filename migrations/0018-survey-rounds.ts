import { sql, type Kysely } from 'kysely'
import { isPostgres } from './dialect'

// A case is rated once per resolution, not once ever (SPEC §5): after 不满意, a reopening and a
// second resolution the resident judges the new resolution too. `round` is the resolution a row
// rates: 1 for the first, 2 after a reopening and a second resolution, and so on.
export async function up(db: Kysely<any>): Promise<void> {
  // an existing row rates the resolution before its answer: usually the first, but a case a
  // supervisor reopened and resolved again before the resident answered was rated in round 2
  const round = sql`coalesce(nullif((select count(*) from case_events e
    where e.case_id = case_surveys.case_id and e.action = 'resolve'
      and e.created_at <= case_surveys.answered_at), 0), 1)`
  if (isPostgres(db)) {
    await db.schema
      .alterTable('case_surveys')
      .addColumn('round', 'integer', (c) => c.notNull().defaultTo(1))
      .execute()
    await sql`update case_surveys set round = ${round}`.execute(db)
    await db.schema
      .alterTable('case_surveys')
      .alterColumn('round', (c) => c.dropDefault())
      .execute()
    await db.schema.alterTable('case_surveys').dropConstraint('case_surveys_case_id_key').execute()
    await db.schema
      .alterTable('case_surveys')
      .addUniqueConstraint('case_surveys_case_round', ['case_id', 'round'])
      .execute()
    return
  }
  // SQLite and D1 cannot drop a column's unique constraint: the table is built again
  await db.schema
    .createTable('case_surveys_next')
    .addColumn('id', 'integer', (c) => c.primaryKey())
    .addColumn('case_id', 'integer', (c) => c.notNull().references('cases.id'))
    .addColumn('round', 'integer', (c) => c.notNull())
    .addColumn('rating', 'text', (c) => c.notNull())
    .addColumn('comment', 'text')
    .addColumn('channel', 'text', (c) => c.notNull())
    .addColumn('answered_at', 'text', (c) => c.notNull())
    .addUniqueConstraint('case_surveys_case_round', ['case_id', 'round'])
    .execute()
  await sql`insert into case_surveys_next (id, case_id, round, rating, comment, channel, answered_at)
    select id, case_id, ${round}, rating, comment, channel, answered_at from case_surveys`.execute(
    db,
  )
  await db.schema.dropTable('case_surveys').execute()
  await db.schema.alterTable('case_surveys_next').renameTo('case_surveys').execute()
}

// Back to one row per case: the rows of later rounds are dropped, as the old schema cannot hold them.
export async function down(db: Kysely<any>): Promise<void> {
  await db.deleteFrom('case_surveys').where('round', '>', 1).execute()
  if (isPostgres(db)) {
    await db.schema.alterTable('case_surveys').dropConstraint('case_surveys_case_round').execute()
    await db.schema
      .alterTable('case_surveys')
      .addUniqueConstraint('case_surveys_case_id_key', ['case_id'])
      .execute()
    await db.schema.alterTable('case_surveys').dropColumn('round').execute()
    return
  }
  await db.schema
    .createTable('case_surveys_next')
    .addColumn('id', 'integer', (c) => c.primaryKey())
    .addColumn('case_id', 'integer', (c) => c.notNull().unique().references('cases.id'))
    .addColumn('rating', 'text', (c) => c.notNull())
    .addColumn('comment', 'text')
    .addColumn('channel', 'text', (c) => c.notNull())
    .addColumn('answered_at', 'text', (c) => c.notNull())
    .execute()
  await sql`insert into case_surveys_next (id, case_id, rating, comment, channel, answered_at)
    select id, case_id, rating, comment, channel, answered_at from case_surveys`.execute(db)
  await db.schema.dropTable('case_surveys').execute()
  await db.schema.alterTable('case_surveys_next').renameTo('case_surveys').execute()
}
