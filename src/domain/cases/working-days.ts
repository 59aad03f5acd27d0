import published from 'chinese-days/dist/chinese-days.json'
import { addDays, shanghaiDay, startOfShanghaiDay } from '../shanghai-time'

/** Days off and make-up working days (调休) as the State Council publishes them, YYYY-MM-DD. */
export interface HolidaySchedule {
  holidays: ReadonlySet<string>
  workdays: ReadonlySet<string>
}

/** The schedules chinese-days ships: every year the State Council had published at its release. */
export const publishedSchedule: HolidaySchedule = {
  holidays: new Set(Object.keys(published.holidays)),
  workdays: new Set(Object.keys(published.workdays)),
}

/** Whether a Shanghai calendar day is a working day: weekdays, minus holidays, plus make-up days. */
export function isWorkingDay(day: string, schedule: HolidaySchedule = publishedSchedule): boolean {
  if (schedule.workdays.has(day)) return true
  if (schedule.holidays.has(day)) return false
  const weekday = new Date(`${day}T00:00:00Z`).getUTCDay()
  return weekday !== 0 && weekday !== 6
}

/**
 * The end of the `n`-th working day after the day of `from` (「n个工作日内」): a complaint filed
 * on Friday with one working day to accept is due by the end of Monday.
 */
export function workingDaysDeadline(
  from: Date,
  n: number,
  schedule: HolidaySchedule = publishedSchedule,
): Date {
  let day = shanghaiDay(from)
  let left = n
  while (left > 0) {
    day = addDays(day, 1)
    if (isWorkingDay(day, schedule)) left -= 1
  }
  return new Date(startOfShanghaiDay(addDays(day, 1)).getTime() - 1000)
}
