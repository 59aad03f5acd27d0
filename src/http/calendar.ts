import { Hono } from 'hono'
import { z } from 'zod'
import {
  missingScheduleWarning,
  sourceOf,
  statutoryHolidays,
  type CalendarDay,
} from '../domain/cases/calendar'
import { isWorkingDay, publishedSchedule } from '../domain/cases/working-days'
import { shanghaiDay } from '../domain/shanghai-time'
import { AppError } from '../errors'
import { listCalendarDays, replaceCalendarYear } from '../store/calendar'
import { requireRole, staffSession } from './auth'
import type { AppEnv, Deps } from './env'
import { readJson } from './read-json'

const yearParam = z.coerce.number().int().min(2000).max(2100)
const DATE = /^\d{4}-\d{2}-\d{2}$/
const entry = z.strictObject({
  date: z
    .string()
    .regex(DATE, '日期格式应为 YYYY-MM-DD')
    .refine((d) => new Date(`${d}T00:00:00Z`).toISOString().startsWith(d), '没有这一天'),
  name: z.string().trim().min(1).max(20).nullable().default(null),
})
const scheduleBody = z.strictObject({
  holidays: z.array(entry).min(1, '至少要有一天放假').max(60),
  workdays: z.array(entry).max(20).default([]),
})

function readYear(raw: string): number {
  const year = yearParam.safeParse(raw)
  if (!year.success) throw new AppError('VALIDATION_FAILED', `年份应为 2000–2100：${raw}`)
  return year.data
}

/** A weekday that is not a holiday needs no make-up: only weekends can be 调休 workdays. */
const isWeekend = (date: string) => [0, 6].includes(new Date(`${date}T00:00:00Z`).getUTCDay())

/**
 * The working-day calendar (SPEC §4): every staff member sees whether this and next year's
 * schedules are known; admins load a year's holidays and make-up workdays without a release.
 */
export function calendarRoutes(deps: Deps) {
  const app = new Hono<AppEnv>()
  app.use(staffSession(deps))

  app.get('/status', async (c) => {
    const now = deps.now()
    const { loadedYears } = await deps.reference.get(deps.store.db, now)
    const today = shanghaiDay(now)
    const year = Number(today.slice(0, 4))
    return c.json({
      today,
      years: [year, year + 1].map((y) => ({ year: y, source: sourceOf(y, loadedYears) })),
      warning: missingScheduleWarning(today, loadedYears),
    })
  })

  app.get('/:year', async (c) => {
    const year = readYear(c.req.param('year'))
    const { loadedYears, schedule } = await deps.reference.get(deps.store.db, deps.now())
    const source = sourceOf(year, loadedYears)
    let days: CalendarDay[]
    if (source === 'loaded') days = await listCalendarDays(deps.store.db, year)
    else if (source === 'statutory') days = statutoryHolidays(year)
    else {
      const inYear = (d: string) => d.startsWith(`${year}-`)
      days = [
        ...[...publishedSchedule.holidays].filter(inYear).map((date) => ({
          date,
          kind: 'holiday' as const,
          name: null,
        })),
        ...[...publishedSchedule.workdays].filter(inYear).map((date) => ({
          date,
          kind: 'workday' as const,
          name: null,
        })),
      ].sort((a, b) => a.date.localeCompare(b.date))
    }
    const pick = (kind: CalendarDay['kind']) =>
      days.filter((d) => d.kind === kind).map(({ date, name }) => ({ date, name }))
    return c.json({
      year,
      source,
      holidays: pick('holiday'),
      workdays: pick('workday'),
      // in force: the statutory holidays count in a loaded year whether listed or not
      workingDaysInYear: countWorkingDays(year, (d) => isWorkingDay(d, schedule)),
    })
  })

  app.put('/:year', requireRole('admin'), async (c) => {
    const year = readYear(c.req.param('year'))
    const body = await readJson(c, scheduleBody)
    const all = [...body.holidays, ...body.workdays]
    const outside = all.find((d) => !d.date.startsWith(`${year}-`))
    if (outside) throw new AppError('VALIDATION_FAILED', `${outside.date} 不在 ${year} 年`)
    const dates = all.map((d) => d.date)
    const twice = dates.find((d, i) => dates.indexOf(d) !== i)
    if (twice) throw new AppError('VALIDATION_FAILED', `${twice} 重复出现，或既放假又补班`)
    const weekday = body.workdays.find((d) => !isWeekend(d.date))
    if (weekday)
      throw new AppError('VALIDATION_FAILED', `${weekday.date} 本是工作日，调休补班只会在周末`)
    const days: CalendarDay[] = [
      ...body.holidays.map((d) => ({ ...d, kind: 'holiday' as const })),
      ...body.workdays.map((d) => ({ ...d, kind: 'workday' as const })),
    ]
    const by = `staff:${c.get('staff').username}`
    await deps.store.write((trx) => replaceCalendarYear(trx, year, days, by, deps.now()))
    deps.reference.invalidate()
    return c.json({
      year,
      source: 'loaded',
      holidays: body.holidays.length,
      workdays: body.workdays.length,
    })
  })

  return app
}

function countWorkingDays(year: number, working: (day: string) => boolean): number {
  let n = 0
  for (let t = Date.UTC(year, 0, 1); t < Date.UTC(year + 1, 0, 1); t += 86_400_000) {
    if (working(new Date(t).toISOString().slice(0, 10))) n += 1
  }
  return n
}
