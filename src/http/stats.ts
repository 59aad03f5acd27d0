import { Hono } from 'hono'
import { createMiddleware } from 'hono/factory'
import { z } from 'zod'
import { DISTRICTS } from '../domain/classify/types'
import { shanghaiDay } from '../domain/shanghai-time'
import {
  comparedPeriod,
  comparedThrough,
  type ComparedPeriod,
} from '../domain/trends/compared-period'
import { periodsOf, ratingFigures, sideBySide, timingFigures } from '../domain/trends/figures'
import { labelOf } from '../domain/trends/labels'
import { trendsCsv } from '../domain/trends/trends-csv'
import { summarise } from '../domain/trends/summary'
import { AppError } from '../errors'
import {
  categoryCounts,
  firstYear,
  monthlyCounts,
  ratingCounts,
  timingCounts,
  topPlaces,
  type Scope,
} from '../store/rollups'
import { staffSession } from './auth'
import { publicSurveyYear } from './public-surveys'
import type { AppEnv, Deps } from './env'
import { readQuery } from './read-json'

const HOTSPOTS = 10

/** year, district and (for trends) breakdown and period: each names what it allows when wrong. */
export const statsQuery = z.object({
  /** checked against the years that hold data by `scopeOf` */
  year: z.string().optional(),
  district: z.enum(DISTRICTS, { error: `区县须为：${DISTRICTS.join('、')}` }).optional(),
  lang: z.enum(['zh', 'en'], { error: 'lang 须为 zh 或 en' }).default('zh'),
  by: z
    .enum(['category', 'subcategory', 'district'], {
      error: 'by 须为 category、subcategory 或 district',
    })
    .default('category'),
  period: z.enum(['month', 'quarter'], { error: 'period 须为 month 或 quarter' }).default('month'),
})

/** Who reads the bureau's statistics: analysts, admins and supervisors; handlers work cases. */
const READERS = new Set(['analyst', 'admin', 'supervisor'])

/** The bureau's statistics, read from rollups so they cost the same at any number of cases. */
export function statsRoutes(deps: Deps) {
  const app = new Hono<AppEnv>()
  app.use(staffSession(deps))
  app.use(
    createMiddleware<AppEnv>(async (c, next) => {
      if (!READERS.has(c.get('staff').role))
        throw new AppError('FORBIDDEN', '统计数据仅供分析人员、管理员和科室负责人查看')
      await next()
    }),
  )
  const db = deps.store.db
  const today = () => shanghaiDay(deps.now())

  /** The years one may ask for: from the first holding data to the current one, newest first. */
  async function years(): Promise<number[]> {
    const current = Number(today().slice(0, 4))
    const first = Math.min((await firstYear(db)) ?? current, current)
    return Array.from({ length: current - first + 1 }, (_, i) => current - i)
  }

  /** The asked year (this one when none) and the period compared in it; a 400 naming the years otherwise. */
  async function scopeOf(
    q: z.infer<typeof statsQuery>,
  ): Promise<Scope & { compared: ComparedPeriod; years: number[] }> {
    const allowed = await years()
    const year = q.year === undefined ? allowed[0]! : Number(q.year)
    if (!allowed.includes(year)) {
      const range = allowed.length > 1 ? `${allowed.at(-1)}–${allowed[0]}之间` : `${allowed[0]}年`
      throw new AppError('VALIDATION_FAILED', `年份应为${range}`, { years: allowed })
    }
    return { year, district: q.district, compared: comparedPeriod(year, today()), years: allowed }
  }
  /** The months of a scope that are counted and compared: through the last complete one. */
  const counted = (s: Scope & { compared: ComparedPeriod }): Scope => ({
    year: s.year,
    district: s.district,
    through: s.compared.through ?? undefined,
  })
  /** The same months of last year; none while no month of the year is complete. */
  const sameMonthsLastYear = (s: Scope & { compared: ComparedPeriod }): Scope | null =>
    s.compared.through === null ? null : { ...counted(s), year: s.year - 1 }
  const lastYearOf = (s: Scope): Scope => ({ year: s.year - 1, district: s.district })

  app.get('/summary', async (c) => {
    const query = readQuery(c, statsQuery)
    const scope = await scopeOf(query)
    const last = sameMonthsLastYear(scope)
    const [counts, lastYear, ratings, timing, hotspots, publicSurveys] = await Promise.all([
      categoryCounts(db, counted(scope)),
      last && categoryCounts(db, last),
      ratingCounts(db, counted(scope)),
      timingCounts(db, counted(scope)),
      topPlaces(db, scope, HOTSPOTS),
      // public surveys are of the whole city
      scope.district ? null : publicSurveyYear(db, scope.year),
    ])
    const summary = summarise({
      year: scope.year,
      period: scope.compared,
      counts,
      lastYear,
      ratings,
      timing,
      hotspots,
      publicSurveys,
      place: scope.district,
      lang: query.lang,
    })
    return c.json({ ...summary, district: scope.district ?? null, years: scope.years })
  })

  /** This year's and last year's counts per period and key, with their total. */
  async function trends(query: z.infer<typeof statsQuery>) {
    const scope = await scopeOf(query)
    const [thisYear, lastYear] = await Promise.all([
      monthlyCounts(db, scope, query.by),
      monthlyCounts(db, lastYearOf(scope), query.by),
    ])
    const through = scope.compared.through
    const series = sideBySide(
      { thisYear, lastYear },
      query.period,
      (k) => labelOf(query.by, k),
      through,
    )
    const total = sideBySide(
      {
        thisYear: thisYear.map((r) => ({ ...r, key: 'total' })),
        lastYear: lastYear.map((r) => ({ ...r, key: 'total' })),
      },
      query.period,
      () => '合计',
      through,
    )
    return {
      year: scope.year,
      lastYear: scope.year - 1,
      district: scope.district ?? null,
      by: query.by,
      period: query.period,
      periods: periodsOf(query.period),
      /** count, lastYearCount and yoy compare both years through this month; null: none complete */
      comparedThrough: comparedThrough(scope.compared),
      /** today while the year runs: its last period is counted so far */
      asOf: scope.compared.asOf,
      series,
      total: total[0] ?? null,
    }
  }

  app.get('/trends', async (c) => c.json(await trends(readQuery(c, statsQuery))))

  app.get('/export.csv', async (c) => {
    const t = await trends(readQuery(c, statsQuery))
    const name = `changzhou-complaints-${t.year}-${t.by}-${t.period}${t.district ? '-district' : ''}.csv`
    c.header('Content-Type', 'text/csv; charset=utf-8')
    c.header('Content-Disposition', `attachment; filename="${name}"`)
    return c.body(trendsCsv(t))
  })

  app.get('/satisfaction', async (c) => {
    const scope = await scopeOf(readQuery(c, statsQuery))
    const last = sameMonthsLastYear(scope)
    const [ratings, lastYear, timing] = await Promise.all([
      ratingCounts(db, counted(scope)),
      last && ratingCounts(db, last),
      timingCounts(db, counted(scope)),
    ])
    return c.json({
      year: scope.year,
      district: scope.district ?? null,
      comparedThrough: comparedThrough(scope.compared),
      asOf: scope.compared.asOf,
      ...ratingFigures(ratings),
      lastYear: lastYear && ratingFigures(lastYear),
      ...timingFigures(timing),
    })
  })

  app.get('/hotspots', async (c) => {
    const scope = await scopeOf(readQuery(c, statsQuery))
    return c.json({ year: scope.year, items: await topPlaces(db, scope, HOTSPOTS) })
  })

  return app
}
