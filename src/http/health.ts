import { Hono } from 'hono'
import { sql } from 'kysely'
import type { AppEnv, Deps } from './env'

export function healthRoutes(deps: Deps) {
  const app = new Hono<AppEnv>()
  app.get('/healthz', async (c) => {
    try {
      await sql`select 1`.execute(deps.store.db)
      return c.json({ status: 'ok' })
    } catch (err) {
      deps.logger.error('health check failed', { error: String(err) })
      return c.json({ status: 'unavailable' }, 503)
    }
  })
  return app
}
