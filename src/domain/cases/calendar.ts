import chineseDays from 'chinese-days'
import { addDays } from '../shanghai-time'
import { publishedSchedule, type HolidaySchedule } from './working-days'

export interface CalendarDay {
  /** YYYY-MM-DD */
  date: string
  kind: 'holiday' | 'workday'
  name: string | null
}

/** The years whose full schedule chinese-days ships (as the State Council published it). */
export const PUBLISHED_YEARS: ReadonlySet<number> = new Set(
  [...publishedSchedule.holidays].map((d) => Number(d.slice(0, 4))),
)
const LAST_PUBLISHED = Math.max(...PUBLISHED_YEARS)

const lunar = (year: number, monthDay: string) =>
  chineseDays.getSolarDateFromLunar(`${year}-${monthDay}`).date

/**
 * The statutory holidays of 《全国年节及纪念日放假办法》 (as revised in 2024, in force from 2025)
 * for a year: 元旦 1 day, 春节 4 (除夕 to 初三), 清明 1, 劳动节 2, 端午 1, 中秋 1, 国庆 3. The
 * State Council's yearly notice adds bridge days and make-up workdays (调休); without it these
 * are all we know.
 */
export function statutoryHolidays(year: number): CalendarDay[] {
  const springFestival = lunar(year, '01-01')
  const days: [string, string][] = [
    [`${year}-01-01`, '元旦'],
    [addDays(springFestival, -1), '春节'],
    [springFestival, '春节'],
    [addDays(springFestival, 1), '春节'],
    [addDays(springFestival, 2), '春节'],
    [chineseDays.getSolarTermDate(year, 4, 'pure_brightness'), '清明节'],
    [`${year}-05-01`, '劳动节'],
    [`${year}-05-02`, '劳动节'],
    [lunar(year, '05-05'), '端午节'],
    [lunar(year, '08-15'), '中秋节'],
    [`${year}-10-01`, '国庆节'],
    [`${year}-10-02`, '国庆节'],
    [`${year}-10-03`, '国庆节'],
  ]
  return days.map(([date, name]) => ({ date, kind: 'holiday', name }))
}

/** Where a year's working days come from: chinese-days, a schedule an admin loaded, or only the law. */
export type CalendarSource = 'published' | 'loaded' | 'statutory'

export function sourceOf(year: number, loadedYears: ReadonlySet<number>): CalendarSource {
  if (loadedYears.has(year)) return 'loaded'
  return PUBLISHED_YEARS.has(year) ? 'published' : 'statutory'
}

/**
 * The working-day calendar: chinese-days' schedules; for each later year (up to `untilYear`) the
 * statutory holidays, which always count, plus the schedule an admin loaded (bridge days and
 * make-up workdays). A loaded year chinese-days covers replaces its schedule for that year, so a
 * correction needs no release either.
 */
export function buildSchedule(loaded: readonly CalendarDay[], untilYear: number): HolidaySchedule {
  const loadedYears = new Set(loaded.map((d) => Number(d.date.slice(0, 4))))
  const notLoaded = (d: string) => !loadedYears.has(Number(d.slice(0, 4)))
  const holidays = new Set([...publishedSchedule.holidays].filter(notLoaded))
  const workdays = new Set([...publishedSchedule.workdays].filter(notLoaded))
  for (let year = LAST_PUBLISHED + 1; year <= untilYear; year++) {
    for (const d of statutoryHolidays(year)) holidays.add(d.date)
  }
  for (const d of loaded) (d.kind === 'holiday' ? holidays : workdays).add(d.date)
  return { holidays, workdays }
}

/**
 * The console's warning (SPEC §4): from November on, when next year's schedule is neither
 * shipped nor loaded, deadlines after New Year count only the statutory holidays.
 */
export function missingScheduleWarning(
  today: string,
  loadedYears: ReadonlySet<number>,
): string | null {
  const [year, month] = [Number(today.slice(0, 4)), Number(today.slice(5, 7))]
  const next = year + 1
  if (month < 11 || sourceOf(next, loadedYears) !== 'statutory') return null
  return `${next}年节假日安排尚未载入：${next}年的期限目前只按法定节假日（元旦、春节、清明、劳动节、端午、中秋、国庆）计算，调休和补班未计入。国务院办公厅公布安排后，请管理员在「工作日历」中载入。`
}
