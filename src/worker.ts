/**
 * Cloudflare Workers entry: the same app as src/node.ts over D1, with the periodic sweeps on a
 * cron trigger. Nothing here may import better-sqlite3, pg, node:fs or worker_threads: the store
 * comes from src/store/d1.ts, and photos are not taken on Workers (no disk).
 */
import type { ExecutionContext, Hono } from 'hono'
import { createApp } from './app'
import { ConfigError, parseConfig, type Config } from './config'
import type { AppEnv } from './http/env'
import { runSweeps } from './jobs/deadline-sweep'
import { deliverDueNotifications, type Sender } from './jobs/deliver-notifications'
import { recoverPushes, type RecoveryDeps } from './jobs/recover-pushes'
import { deliveryOptions, wechatSenders } from './jobs/start-wechat-delivery'
import { menuSyncFor, syncWechatMenu, type MenuSync } from './jobs/sync-wechat-menu'
import { consoleLogger } from './console-logger'
import type { Logger } from './logger'
import { openD1Store, type D1Like } from './store/d1'
import { createReferenceCache } from './store/reference-cache'
import type { Store } from './store/store'
import { ensureAdmin } from './use-cases/ensure-admin'

/** The parts of the Workers runtime's types this entry uses (the app itself needs none). */
interface ScheduledController {
  scheduledTime: number
}

export interface Env {
  DB: D1Like
  [variable: string]: unknown
}

interface Instance {
  app: Hono<AppEnv>
  config: Config
  /** the channels notifications are pushed on (the Official Account when configured) */
  senders: Record<string, Sender>
  /** keeps the Official Account's menu in step with the published surveys, when configured */
  wechatMenu: MenuSync | undefined
  store: Store
  logger: Logger
  /** what the recovery of kept WeChat pushes works with */
  recovery: RecoveryDeps
  /** creates the first admin from ADMIN_PASSWORD once per isolate, before the first request */
  ready: Promise<unknown>
}

// one per isolate: env is the same object for every request an isolate serves
const instances = new WeakMap<object, Instance>()

function instanceFor(env: Env): Instance {
  let instance = instances.get(env)
  if (instance) return instance
  const variables = Object.fromEntries(
    Object.entries(env).filter((entry): entry is [string, string] => typeof entry[1] === 'string'),
  )
  const config = parseConfig({ NODE_ENV: 'production', ...variables })
  const logger = consoleLogger(config.LOG_LEVEL)
  const store = openD1Store(env.DB)
  const wechatMenu = menuSyncFor(config, store.db, logger)
  const reference = createReferenceCache()
  const app = createApp({
    store,
    reference,
    config,
    wechatMenu,
    logger,
    now: () => new Date(),
  })
  const ready = ensureAdmin(store.db, config.ADMIN_PASSWORD, logger, new Date()).catch((err) =>
    logger.error('admin account not created', { error: String(err) }),
  )
  const senders = wechatSenders(store, config, logger)
  const recovery = { store, reference, casePrefix: config.CASE_NUMBER_PREFIX, logger }
  instance = { app, config, senders, wechatMenu, store, logger, recovery, ready }
  instances.set(env, instance)
  return instance
}

export default {
  async fetch(request: Request, env: Env, ctx: ExecutionContext): Promise<Response> {
    let instance: Instance
    try {
      instance = instanceFor(env)
    } catch (err) {
      if (!(err instanceof ConfigError)) throw err
      // a wrong [vars] value or secret: say so in the log, and answer every request plainly
      console.error(err.message)
      return Response.json(
        { error: { code: 'UNAVAILABLE', message: '服务配置有误，请联系管理员' } },
        { status: 503 },
      )
    }
    const { app, ready } = instance
    await ready
    return app.fetch(request, env, ctx)
  },

  /**
   * every minute (wrangler.toml): the deadline and unrated-case sweeps, the recovery of kept
   * WeChat pushes, then the outbox
   */
  async scheduled(controller: ScheduledController, env: Env, ctx: ExecutionContext) {
    const { store, logger, senders, config, wechatMenu, recovery } = instanceFor(env)
    const now = new Date(controller.scheduledTime)
    ctx.waitUntil(
      runSweeps(store, now).catch((err) =>
        logger.error('scheduled sweep failed', { error: String(err) }),
      ),
    )
    ctx.waitUntil(
      recoverPushes(recovery, now).catch((err) =>
        logger.error('push recovery failed', { error: String(err) }),
      ),
    )
    if (Object.keys(senders).length > 0)
      ctx.waitUntil(
        deliverDueNotifications(store, deliveryOptions(config, senders), now).catch((err) =>
          logger.error('notification delivery failed', { error: String(err) }),
        ),
      )
    if (wechatMenu)
      ctx.waitUntil(
        syncWechatMenu(store, wechatMenu, now).catch((err) =>
          logger.error('wechat menu sync failed', { error: String(err) }),
        ),
      )
  },
}
