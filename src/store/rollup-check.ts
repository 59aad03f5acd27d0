import { sql, type RawBuilder } from 'kysely'
import { BUCKET_EDGES_HOURS } from '../domain/trends/durations'
import type { Dialect } from './open-database'
import type { Db } from './schema'

const TABLES = {
  case_rollups: ['month', 'category', 'subcategory', 'district'],
  survey_rollups: ['month', 'district', 'rating'],
  case_timing_rollups: ['month', 'district', 'stage', 'bucket', 'on_time'],
  place_rollups: ['year', 'district', 'place'],
  public_survey_tallies: ['survey_id', 'question_id', 'answer'],
} as const
export type RollupTableName = keyof typeof TABLES

/** count per key (the key columns joined by a tab), rows of count 0 left out */
type Counts = Map<string, number>

const HOUR_MS = 3_600_000

/** Each rollup as the raw cases, surveys, answers and events say it should be, counted afresh in SQL. */
function recount(dialect: Dialect): Record<RollupTableName, RawBuilder<Record<string, unknown>>> {
  const ms =
    dialect === 'postgres'
      ? sql`round(extract(epoch from (e.at::timestamptz - c.created_at::timestamptz)) * 1000)`
      : sql`cast(round((julianday(e.at) - julianday(c.created_at)) * 86400000) as integer)`
  const bucket = sql.raw(
    `case ${BUCKET_EDGES_HOURS.map((h, i) => `when ms < ${h * HOUR_MS} then ${i}`).join(' ')} else ${BUCKET_EDGES_HOURS.length} end`,
  )
  const timing = (stage: 'accept' | 'resolve') => {
    const due = sql.ref(`c.${stage}_due_at`)
    return sql`select month, district, ${sql.lit(stage)} as stage, ${bucket} as bucket, on_time, count(*) as count from (
        select substr(c.filed_day, 1, 7) as month, coalesce(c.district, '') as district, ${ms} as ms,
          case when coalesce(e.due, ${due}) is null or e.at <= coalesce(e.due, ${due}) then 1 else 0 end as on_time
        from cases c join (
          select f.case_id, f.created_at as at, f.due_at as due from case_events f
          where f.action = ${stage} and f.id = (
            select min(g.id) from case_events g where g.case_id = f.case_id and g.action = ${stage})
        ) e on e.case_id = c.id
      ) t group by month, district, ${bucket}, on_time`
  }
  return {
    case_rollups: sql`select substr(filed_day, 1, 7) as month, category, subcategory,
        coalesce(district, '') as district, count(*) as count
      from cases group by substr(filed_day, 1, 7), category, subcategory, coalesce(district, '')`,
    survey_rollups: sql`select substr(c.filed_day, 1, 7) as month, coalesce(c.district, '') as district,
        s.rating, count(*) as count
      from case_surveys s join cases c on c.id = s.case_id
      group by substr(c.filed_day, 1, 7), coalesce(c.district, ''), s.rating`,
    case_timing_rollups: sql`${timing('accept')} union all ${timing('resolve')}`,
    place_rollups: sql`select substr(filed_day, 1, 4) as year, coalesce(district, '') as district,
        trim(address) as place, count(*) as count
      from cases where address is not null and trim(address) <> ''
      group by substr(filed_day, 1, 4), coalesce(district, ''), trim(address)`,
    // each answer of each response, and the responses themselves under the empty question id
    public_survey_tallies: sql`select r.survey_id, j.key as question_id, j.value as answer,
        count(*) as count
      from public_survey_responses r, ${
        dialect === 'postgres' ? sql`jsonb_each_text(r.answers::jsonb)` : sql`json_each(r.answers)`
      } j
      group by r.survey_id, j.key, j.value
      union all
      select survey_id, '' as question_id, '' as answer, count(*) as count
      from public_survey_responses group by survey_id`,
  }
}

function keyed(table: RollupTableName, rows: Record<string, unknown>[]): Counts {
  const counts: Counts = new Map()
  for (const r of rows) {
    const n = Number(r.count)
    if (n !== 0) counts.set(TABLES[table].map((c) => String(r[c])).join('\t'), n)
  }
  return counts
}

export interface RollupDifference {
  table: RollupTableName
  /** the key columns and their values */
  key: Record<string, string>
  stored: number
  expected: number
}

/** Recounts every rollup from the raw rows and lists where the stored counts differ. */
export async function checkRollups(db: Db, dialect: Dialect): Promise<RollupDifference[]> {
  const recounts = recount(dialect)
  const differences: RollupDifference[] = []
  for (const table of Object.keys(TABLES) as RollupTableName[]) {
    const expected = keyed(table, (await recounts[table].execute(db)).rows)
    const stored = keyed(table, await db.selectFrom(table).selectAll().execute())
    for (const key of new Set([...expected.keys(), ...stored.keys()])) {
      const [s, e] = [stored.get(key) ?? 0, expected.get(key) ?? 0]
      if (s === e) continue
      const values = key.split('\t')
      differences.push({
        table,
        key: Object.fromEntries(TABLES[table].map((c, i) => [c, values[i]!])),
        stored: s,
        expected: e,
      })
    }
  }
  return differences
}

/** Replaces every rollup with its recount from the raw rows, in one transaction. */
export async function rebuildRollups(db: Db, dialect: Dialect): Promise<void> {
  const recounts = recount(dialect)
  await db.transaction().execute(async (trx) => {
    for (const table of Object.keys(TABLES) as RollupTableName[]) {
      await trx.deleteFrom(table).execute()
      const columns = sql.join([...TABLES[table], 'count'].map((c) => sql.ref(c)))
      await sql`insert into ${sql.table(table)} (${columns}) select ${columns} from (${recounts[table]}) r`.execute(
        trx,
      )
    }
  })
}
