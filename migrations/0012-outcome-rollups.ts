import { sql, type Kysely } from 'kysely'
import { isPostgres } from './dialect'

// What happened to the complaints, kept in step like the counts of 0007 and, like them, by the
// Shanghai filing month so every figure of a year describes the same complaints:
// - survey_rollups is rebuilt keyed by filing month and district (it was by month of answer);
// - case_timing_rollups: the first acceptance and first resolution of each case, as a histogram
//   of hours since filing (buckets of src/domain/trends/durations.ts) and whether it met the
//   deadline, so medians and on-time rates come from a few hundred rows;
// - place_rollups: complaints per year, district and place, for hotspots.
// Existing data is counted in from the raw cases here, once.
const EDGES_HOURS = [1, 2, 4, 8, 12, 24, 48, 72, 120, 168, 240, 336, 504, 720]

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('survey_rollups').execute()
  await db.schema
    .createTable('survey_rollups')
    .addColumn('month', 'text', (c) => c.notNull())
    .addColumn('district', 'text', (c) => c.notNull())
    .addColumn('rating', 'text', (c) => c.notNull())
    .addColumn('count', 'integer', (c) => c.notNull())
    .addPrimaryKeyConstraint('survey_rollups_key', ['month', 'district', 'rating'])
    .execute()
  await db.schema
    .createTable('case_timing_rollups')
    .addColumn('month', 'text', (c) => c.notNull())
    .addColumn('district', 'text', (c) => c.notNull())
    .addColumn('stage', 'text', (c) => c.notNull())
    .addColumn('bucket', 'integer', (c) => c.notNull())
    .addColumn('on_time', 'integer', (c) => c.notNull())
    .addColumn('count', 'integer', (c) => c.notNull())
    .addPrimaryKeyConstraint('case_timing_rollups_key', [
      'month',
      'district',
      'stage',
      'bucket',
      'on_time',
    ])
    .execute()
  await db.schema
    .createTable('place_rollups')
    .addColumn('year', 'text', (c) => c.notNull())
    .addColumn('district', 'text', (c) => c.notNull())
    .addColumn('place', 'text', (c) => c.notNull())
    .addColumn('count', 'integer', (c) => c.notNull())
    .addPrimaryKeyConstraint('place_rollups_key', ['year', 'district', 'place'])
    .execute()
  // the top places of a year come from this index without reading every place
  await db.schema
    .createIndex('place_rollups_top')
    .on('place_rollups')
    .columns(['year', 'count'])
    .execute()

  await sql`insert into survey_rollups (month, district, rating, count)
    select substr(c.filed_day, 1, 7), coalesce(c.district, ''), s.rating, count(*)
    from case_surveys s join cases c on c.id = s.case_id
    group by substr(c.filed_day, 1, 7), coalesce(c.district, ''), s.rating`.execute(db)
  await sql`insert into place_rollups (year, district, place, count)
    select substr(filed_day, 1, 4), coalesce(district, ''), trim(address), count(*)
    from cases where address is not null and trim(address) <> ''
    group by substr(filed_day, 1, 4), coalesce(district, ''), trim(address)`.execute(db)
  const ms = isPostgres(db)
    ? sql`round(extract(epoch from (e.at::timestamptz - c.created_at::timestamptz)) * 1000)`
    : sql`cast(round((julianday(e.at) - julianday(c.created_at)) * 86400000) as integer)`
  const bucket = sql.raw(
    `case ${EDGES_HOURS.map((h, i) => `when ms < ${h * 3_600_000} then ${i}`).join(' ')} else ${EDGES_HOURS.length} end`,
  )
  for (const [stage, due] of [
    ['accept', 'accept_due_at'],
    ['resolve', 'resolve_due_at'],
  ] as const) {
    await sql`insert into case_timing_rollups (month, district, stage, bucket, on_time, count)
      select month, district, ${sql.lit(stage)}, ${bucket}, on_time, count(*) from (
        select substr(c.filed_day, 1, 7) as month, coalesce(c.district, '') as district, ${ms} as ms,
          case when c.${sql.raw(due)} is null or e.at <= c.${sql.raw(due)} then 1 else 0 end as on_time
        from cases c join (
          select case_id, min(created_at) as at from case_events where action = ${stage} group by case_id
        ) e on e.case_id = c.id
      ) t group by month, district, ${bucket}, on_time`.execute(db)
  }
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('place_rollups').execute()
  await db.schema.dropTable('case_timing_rollups').execute()
  await db.schema.dropTable('survey_rollups').execute()
  await db.schema
    .createTable('survey_rollups')
    .addColumn('month', 'text', (c) => c.notNull())
    .addColumn('rating', 'text', (c) => c.notNull())
    .addColumn('count', 'integer', (c) => c.notNull())
    .addPrimaryKeyConstraint('survey_rollups_key', ['month', 'rating'])
    .execute()
}
