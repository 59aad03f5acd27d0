import { Hono } from 'hono'
import { createMiddleware } from 'hono/factory'
import { z } from 'zod'
import { DISTRICTS } from '../domain/classify/types'
import { shanghaiDay } from '../domain/shanghai-time'
import { periodsOf, ratingFigures, sideBySide, timingFigures } from '../domain/trends/figures'
import { labelOf } from '../domain/trends/labels'
import { trendsCsv } from '../domain/trends/trends-csv'
import { summarise } from '../domain/trends/summary'
import { AppError } from '../errors'
import {
  categoryCounts,
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
  year: z.coerce
    .number({ error: '年份须为 2000–2100 之间的整数' })
    .int({ error: '年份须为 2000–2100 之间的整数' })
    .min(2000, { error: '年份须为 2000–2100 之间的整数' })
    .max(2100, { error: '年份须为 2000–2100 之间的整数' })
    .optional(),
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
  const scopeOf = (q: z.infer<typeof statsQuery>): Scope => ({
    year: q.year ?? Number(shanghaiDay(deps.now()).slice(0, 4)),
    district: q.district,
  })
  const lastYearOf = (s: Scope): Scope => ({ ...s, year: s.year - 1 })
  /** "MM" of the current month while the year runs; undefined for a year that is over */
  const runningThrough = (year: number): string | undefined => {
    const today = shanghaiDay(deps.now())
    return Number(today.slice(0, 4)) === year ? today.slice(5, 7) : undefined
  }
  /** last year up to this month when the year is not over yet, so the change is like for like */
  const samePeriodLastYear = (s: Scope): Scope => ({
    ...lastYearOf(s),
    through: runningThrough(s.year),
  })

  app.get('/summary', async (c) => {
    const query = readQuery(c, statsQuery)
    const scope = scopeOf(query)
    const [counts, lastYear, ratings, timing, hotspots, publicSurveys] = await Promise.all([
      categoryCounts(db, scope),
      categoryCounts(db, samePeriodLastYear(scope)),
      ratingCounts(db, scope),
      timingCounts(db, scope),
      topPlaces(db, scope, HOTSPOTS),
      // public surveys are of the whole city
      scope.district ? null : publicSurveyYear(db, scope.year),
    ])
    const summary = summarise({
      year: scope.year,
      counts,
      lastYear,
      ratings,
      timing,
      hotspots,
      publicSurveys,
      place: scope.district,
      lang: query.lang,
    })
    return c.json({ ...summary, district: scope.district ?? null })
  })

  /** This year's and last year's counts per period and key, with their total. */
  async function trends(query: z.infer<typeof statsQuery>) {
    const scope = scopeOf(query)
    const [thisYear, lastYear] = await Promise.all([
      monthlyCounts(db, scope, query.by),
      monthlyCounts(db, lastYearOf(scope), query.by),
    ])
    const through = runningThrough(scope.year)
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
      /** the last month of last year that count, lastYearCount and yoy compare with */
      comparedThrough: `${scope.year - 1}-${through ?? '12'}`,
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
    const scope = scopeOf(readQuery(c, statsQuery))
    const [ratings, lastYear, timing] = await Promise.all([
      ratingCounts(db, scope),
      ratingCounts(db, lastYearOf(scope)),
      timingCounts(db, scope),
    ])
    return c.json({
      year: scope.year,
      district: scope.district ?? null,
      ...ratingFigures(ratings),
      lastYear: ratingFigures(lastYear),
      ...timingFigures(timing),
    })
  })

  app.get('/hotspots', async (c) => {
    const scope = scopeOf(readQuery(c, statsQuery))
    return c.json({ year: scope.year, items: await topPlaces(db, scope, HOTSPOTS) })
  })

  return app
}
