import type { Kysely } from 'kysely'
import { shanghaiDay } from '../domain/shanghai-time'
import { bucketOf } from '../domain/trends/durations'
import type { CaseRow, Db } from './schema'

type RollupTable = 'case_rollups' | 'survey_rollups' | 'case_timing_rollups' | 'place_rollups'
/** The rollup tables seen loosely: their key columns differ, the statements on them do not. */
type Loose = Kysely<Record<string, Record<string, string | number>>>

/** Adds `delta` to one rollup row, creating it at `delta`; the one upsert every counter shares. */
async function bump(
  db: Db,
  table: RollupTable,
  key: Record<string, string | number>,
  delta = 1,
): Promise<void> {
  await (db as unknown as Loose)
    .insertInto(table)
    .values({ ...key, count: delta })
    .onConflict((oc) =>
      oc
        .columns(Object.keys(key))
        .doUpdateSet((eb) => ({ count: eb(`${table}.count`, '+', delta) })),
    )
    .execute()
}

/** The place a complaint names, as hotspots count it: its address, trimmed (spaces only, as SQL's trim). */
export const placeOf = (address: string | null): string | null =>
  address?.replace(/^ +| +$/g, '') || null

/** Counts one filed complaint (and its place); call it in the filing transaction. */
export async function countFiling(
  db: Db,
  c: {
    filedDay: string
    category: string
    subcategory: string
    district: string | null
    address?: string | null
  },
): Promise<void> {
  const district = c.district ?? ''
  await bump(db, 'case_rollups', {
    month: c.filedDay.slice(0, 7),
    category: c.category,
    subcategory: c.subcategory,
    district,
  })
  const place = placeOf(c.address ?? null)
  if (place) await bump(db, 'place_rollups', { year: c.filedDay.slice(0, 4), district, place })
}

/** Counts one survey answer (or a case closed unrated) by the case's filing month; same transaction. */
export async function countRating(
  db: Db,
  c: { filedDay: string; district: string | null; rating: string },
): Promise<void> {
  await bump(db, 'survey_rollups', {
    month: c.filedDay.slice(0, 7),
    district: c.district ?? '',
    rating: c.rating,
  })
}

export interface Timing {
  filedDay: string
  district: string | null
  stage: 'accept' | 'resolve'
  /** when the case was filed and when it was accepted or resolved, ISO UTC */
  from: string
  at: string
  /** the deadline it had, ISO UTC; none counts as on time */
  due: string | null
}

/** The rollup key of a first acceptance or resolution: its hours bucket and whether it met the deadline. */
export function timingKey(t: Timing) {
  return {
    month: t.filedDay.slice(0, 7),
    district: t.district ?? '',
    stage: t.stage,
    bucket: bucketOf(Date.parse(t.at) - Date.parse(t.from)),
    on_time: t.due === null || t.at <= t.due ? 1 : 0,
  }
}

/** Counts (delta 1) or uncounts (delta −1) a case's first acceptance or resolution. */
export async function countTiming(db: Db, t: Timing, delta = 1): Promise<void> {
  await bump(db, 'case_timing_rollups', timingKey(t), delta)
}

/** When a case was first accepted or resolved (its events say), if ever. */
export async function firstTime(
  db: Db,
  caseId: number,
  action: 'accept' | 'resolve',
): Promise<string | undefined> {
  const row = await db
    .selectFrom('case_events')
    .select('created_at')
    .where('case_id', '=', caseId)
    .where('action', '=', action)
    .orderBy('id')
    .limit(1)
    .executeTakeFirst()
  return row?.created_at
}

export interface Scope {
  year: number
  /** one district, or all of them */
  district?: string | undefined
  /** the last month (MM) counted; none: the whole year */
  through?: string | undefined
}

/**
 * The first year holding data (Asia/Shanghai): a filed case, a rollup row (imported history) or a
 * published public survey; none when there is nothing yet.
 */
export async function firstYear(db: Db): Promise<number | undefined> {
  // each minimum reads the first entry of an index (the rollup key, cases_filed_day) or a few rows
  const [rollup, filed, survey] = await Promise.all([
    db
      .selectFrom('case_rollups')
      .select((eb) => eb.fn.min('month').as('m'))
      .executeTakeFirst(),
    db
      .selectFrom('cases')
      .select((eb) => eb.fn.min('filed_day').as('m'))
      .executeTakeFirst(),
    db
      .selectFrom('public_surveys')
      .select((eb) => eb.fn.min('published_at').as('m'))
      .executeTakeFirst(),
  ])
  const days = [rollup?.m, filed?.m, survey?.m && shanghaiDay(new Date(survey.m))]
  const years = days.filter((d) => d != null).map((d) => Number(d!.slice(0, 4)))
  return years.length ? Math.min(...years) : undefined
}

/** A rollup table's rows of a year (month is YYYY-MM), of one district or all. */
function inYear(db: Db, table: Exclude<RollupTable, 'place_rollups'>, s: Scope) {
  let q = (db as unknown as Loose)
    .selectFrom(table)
    .where('month', '>=', `${s.year}-01`)
    .where('month', '<=', `${s.year}-${s.through ?? '12'}`)
  if (s.district !== undefined) q = q.where('district', '=', s.district)
  return q
}

/** Complaints per category in a year, from the rollups. */
export async function categoryCounts(db: Db, s: Scope): Promise<Map<string, number>> {
  const rows = await inYear(db, 'case_rollups', s)
    .select(['category', (eb) => eb.fn.sum<number>('count').as('n')])
    .groupBy('category')
    .execute()
  return new Map(rows.map((r) => [String(r.category), Number(r.n)]))
}

/** Survey answers per rating for the complaints filed in a year, from the rollups. */
export async function ratingCounts(db: Db, s: Scope): Promise<Map<string, number>> {
  const rows = await inYear(db, 'survey_rollups', s)
    .select(['rating', (eb) => eb.fn.sum<number>('count').as('n')])
    .groupBy('rating')
    .execute()
  return new Map(rows.map((r) => [String(r.rating), Number(r.n)]))
}

export type Breakdown = 'category' | 'subcategory' | 'district'

/** Complaints per month and per category, subcategory (`air/dust`) or district in a year. */
export async function monthlyCounts(
  db: Db,
  s: Scope,
  by: Breakdown,
): Promise<{ month: string; key: string; n: number }[]> {
  const columns = by === 'subcategory' ? ['category', 'subcategory'] : [by]
  const rows = await inYear(db, 'case_rollups', s)
    .select([...columns, 'month', (eb) => eb.fn.sum<number>('count').as('n')])
    .groupBy([...columns, 'month'])
    .execute()
  return rows.map((r) => ({
    month: String(r.month),
    key: columns.map((c) => String(r[c])).join('/'),
    n: Number(r.n),
  }))
}

/** First acceptances and resolutions of a year's complaints: count per month, stage, bucket and on-time. */
export async function timingCounts(
  db: Db,
  s: Scope,
): Promise<{ month: string; stage: string; bucket: number; onTime: boolean; n: number }[]> {
  const rows = await inYear(db, 'case_timing_rollups', s)
    .select(['month', 'stage', 'bucket', 'on_time', (eb) => eb.fn.sum<number>('count').as('n')])
    .groupBy(['month', 'stage', 'bucket', 'on_time'])
    .execute()
  return rows.map((r) => ({
    month: String(r.month),
    stage: String(r.stage),
    bucket: Number(r.bucket),
    onTime: Number(r.on_time) === 1,
    n: Number(r.n),
  }))
}

/** The places with the most complaints filed in a year (two or more), most first. */
export async function topPlaces(
  db: Db,
  s: Scope,
  limit: number,
): Promise<{ place: string; district: string; count: number }[]> {
  let q = db
    .selectFrom('place_rollups')
    .select(['place', 'district', 'count'])
    .where('year', '=', String(s.year))
    .where('count', '>=', 2)
  if (s.district !== undefined) q = q.where('district', '=', s.district)
  const rows = await q.orderBy('count', 'desc').orderBy('place').limit(limit).execute()
  return rows.map((r) => ({ place: r.place, district: r.district, count: Number(r.count) }))
}

/**
 * What a staff action changes in the timing rollups, inside its transaction and before its event
 * is written: a first acceptance or resolution is counted, judged by the deadline in force then
 * (its event keeps that deadline, so a later reopening or extension does not move it).
 */
export async function countProgress(
  db: Db,
  row: CaseRow,
  action: string,
  p: { at: string },
): Promise<void> {
  const base = { filedDay: row.filed_day, district: row.district, from: row.created_at }
  if (action === 'accept' && !(await firstTime(db, row.id, 'accept')))
    await countTiming(db, { ...base, stage: 'accept', at: p.at, due: row.accept_due_at })
  if (action === 'resolve' && !(await firstTime(db, row.id, 'resolve')))
    await countTiming(db, { ...base, stage: 'resolve', at: p.at, due: row.resolve_due_at })
}
