import type { Db } from './schema'

/** Counts one filed complaint; call it in the filing transaction. */
export async function countFiling(
  db: Db,
  c: { filedDay: string; category: string; subcategory: string; district: string | null },
): Promise<void> {
  await db
    .insertInto('case_rollups')
    .values({
      month: c.filedDay.slice(0, 7),
      category: c.category,
      subcategory: c.subcategory,
      district: c.district ?? '',
      count: 1,
    })
    .onConflict((oc) =>
      oc
        .columns(['month', 'category', 'subcategory', 'district'])
        .doUpdateSet((eb) => ({ count: eb('case_rollups.count', '+', 1) })),
    )
    .execute()
}

/** Counts one survey answer (or a case closed unrated); call it in the same transaction. */
export async function countRating(db: Db, c: { day: string; rating: string }): Promise<void> {
  await db
    .insertInto('survey_rollups')
    .values({ month: c.day.slice(0, 7), rating: c.rating, count: 1 })
    .onConflict((oc) =>
      oc
        .columns(['month', 'rating'])
        .doUpdateSet((eb) => ({ count: eb('survey_rollups.count', '+', 1) })),
    )
    .execute()
}

/** Complaints per category in a year, from the rollups. */
export async function categoryCounts(db: Db, year: number): Promise<Map<string, number>> {
  const rows = await db
    .selectFrom('case_rollups')
    .select(['category', (eb) => eb.fn.sum<number>('count').as('n')])
    .where('month', '>=', `${year}-01`)
    .where('month', '<=', `${year}-12`)
    .groupBy('category')
    .execute()
  return new Map(rows.map((r) => [r.category, Number(r.n)]))
}

/** Survey answers per rating in a year, from the rollups. */
export async function ratingCounts(db: Db, year: number): Promise<Map<string, number>> {
  const rows = await db
    .selectFrom('survey_rollups')
    .select(['rating', (eb) => eb.fn.sum<number>('count').as('n')])
    .where('month', '>=', `${year}-01`)
    .where('month', '<=', `${year}-12`)
    .groupBy('rating')
    .execute()
  return new Map(rows.map((r) => [r.rating, Number(r.n)]))
}
