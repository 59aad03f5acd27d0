import { Hono } from 'hono'
import { sql } from 'kysely'
import { pendingMigrations } from '../store/migrate'
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
  // ready for traffic: the database answers and has every migration this code expects (a load
  // balancer keeps an instance out while an upgrade's migrations are still running elsewhere)
  app.get('/readyz', async (c) => {
    try {
      const pending = await pendingMigrations(deps.store)
      if (pending.length === 0) return c.json({ status: 'ready' })
      return c.json({ status: 'migrations pending', pending }, 503)
    } catch (err) {
      deps.logger.error('readiness check failed', { error: String(err) })
      return c.json({ status: 'unavailable' }, 503)
    }
  })
  return app
}
