import { buildSchedule, type CalendarDay } from '../domain/cases/calendar'
import type { HolidaySchedule } from '../domain/cases/working-days'
import type { Db } from './schema'

/** The holidays and make-up workdays admins loaded, optionally of one year, by date. */
export async function listCalendarDays(db: Db, year?: number): Promise<CalendarDay[]> {
  let query = db.selectFrom('calendar_days').select(['day as date', 'kind', 'name'])
  if (year !== undefined) query = query.where('year', '=', year)
  return query.orderBy('day').execute()
}

/** Replaces a year's loaded schedule with a new one (the State Council's notice, as typed in). */
export async function replaceCalendarYear(
  db: Db,
  year: number,
  days: readonly CalendarDay[],
  by: string,
  now: Date,
): Promise<void> {
  await db.deleteFrom('calendar_days').where('year', '=', year).execute()
  if (days.length === 0) return
  await db
    .insertInto('calendar_days')
    .values(
      days.map((d) => ({
        day: d.date,
        year,
        kind: d.kind,
        name: d.name,
        created_by: by,
        created_at: now.toISOString(),
      })),
    )
    .execute()
}

/** How many years past `now` the statutory holidays are laid out. */
const YEARS_AHEAD = 5

/** The working-day calendar as it stands in the database: shipped, loaded and statutory days. */
export async function scheduleOf(
  db: Db,
  now: Date,
): Promise<{ schedule: HolidaySchedule; loadedYears: ReadonlySet<number> }> {
  const loaded = await listCalendarDays(db)
  return {
    schedule: buildSchedule(loaded, now.getUTCFullYear() + YEARS_AHEAD),
    loadedYears: new Set(loaded.map((d) => Number(d.date.slice(0, 4)))),
  }
}
