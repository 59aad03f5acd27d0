import { Hono } from 'hono'
import { z } from 'zod'
import { summarise } from '../domain/trends/summary'
import { shanghaiDay } from '../domain/shanghai-time'
import { categoryCounts, ratingCounts } from '../store/rollups'
import { staffSession } from './auth'
import type { AppEnv, Deps } from './env'
import { readQuery } from './read-json'

const summaryQuery = z.object({
  year: z.coerce.number().int().min(2000).max(2100).optional(),
  lang: z.enum(['zh', 'en']).default('zh'),
})

/** The bureau's statistics, read from rollups so they cost the same at any number of cases. */
export function statsRoutes(deps: Deps) {
  const app = new Hono<AppEnv>()
  app.use(staffSession(deps))

  app.get('/summary', async (c) => {
    const query = readQuery(c, summaryQuery)
    const year = query.year ?? Number(shanghaiDay(deps.now()).slice(0, 4))
    const db = deps.store.db
    const [counts, lastYear, ratings] = await Promise.all([
      categoryCounts(db, year),
      categoryCounts(db, year - 1),
      ratingCounts(db, year),
    ])
    return c.json(summarise({ year, counts, lastYear, ratings, lang: query.lang }))
  })

  return app
}
