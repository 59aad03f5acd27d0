import { createReferenceCache } from './store/reference-cache'
import { join } from 'node:path'
import { serve } from '@hono/node-server'
import { createApp } from './app'
import { staticFiles } from './http/static-files'
import { ConfigError, parseConfig, type Config } from './config'
import { createLogger } from './logger'
import { migrateToLatest } from './store/migrate'
import { ensureAdmin } from './use-cases/ensure-admin'
import { startDeadlineSweep } from './jobs/deadline-sweep'
import { startWechatDelivery } from './jobs/start-wechat-delivery'
import { menuSyncFor, startMenuSync } from './jobs/sync-wechat-menu'
import { openStore } from './store/open-database'
import { photosOnDisk } from './store/photos-on-disk'

function loadConfig(): Config {
  try {
    return parseConfig(process.env)
  } catch (err) {
    if (err instanceof ConfigError) {
      console.error(err.message)
      process.exit(1)
    }
    throw err
  }
}

async function main(): Promise<void> {
  const config = loadConfig()
  const logger = createLogger(config.LOG_LEVEL)
  const store = openStore({
    dataDir: config.DATA_DIR,
    databaseUrl: config.DATABASE_URL,
    poolSize: config.DATABASE_POOL_SIZE,
  })
  await migrateToLatest(store.db, store.schema)
  await ensureAdmin(store.db, config.ADMIN_PASSWORD, logger, new Date())
  const wechatMenu = menuSyncFor(config, store.db, logger)
  const deps = {
    store,
    reference: createReferenceCache(),
    photos: photosOnDisk(config.DATA_DIR),
    config,
    wechatMenu,
    logger,
    now: () => new Date(),
  }
  const app = createApp(deps, { serveStatic: staticFiles() })
  const server = serve(
    {
      fetch: app.fetch,
      port: config.PORT,
      hostname: config.HOST,
      // a client that trickles its headers or body ties up a connection: it gets 408 and is cut
      // off (the event stream's long response is not a slow request and is not affected)
      serverOptions: {
        headersTimeout: config.HTTP_HEADERS_TIMEOUT_MS,
        requestTimeout: config.HTTP_REQUEST_TIMEOUT_MS,
        connectionsCheckingInterval: Math.min(config.HTTP_HEADERS_TIMEOUT_MS / 2, 30_000),
      },
    },
    (info) => {
      logger.info('listening', {
        url: `http://${config.HOST}:${info.port}`,
        database: store.dialect,
      })
    },
  )

  const stopSweep = startDeadlineSweep(store, (err) =>
    logger.error('deadline sweep failed', { error: String(err) }),
  )
  const stopMenuSync = wechatMenu ? startMenuSync(store, wechatMenu, logger) : () => undefined

  // the bot can take seconds to load: until it is up, a signal stops everything else
  const later: { wechaty?: Awaited<ReturnType<typeof startWechaty>>; stopDelivery: () => void } = {
    stopDelivery: () => undefined,
  }

  const stop = (signal: string) => {
    logger.info('stopping', { signal })
    stopSweep()
    stopMenuSync()
    later.stopDelivery()
    void later.wechaty?.stop().catch(() => undefined)
    server.close(() => void store.close().then(() => process.exit(0)))
    // requests in flight get two seconds; open event streams would otherwise hold the exit
    // (browsers reconnect to another instance and resume after their last event)
    setTimeout(
      () => (server as { closeAllConnections?: () => void }).closeAllConnections?.(),
      2000,
    ).unref()
    setTimeout(() => process.exit(1), 10_000).unref()
  }
  process.on('SIGTERM', () => stop('SIGTERM'))
  process.on('SIGINT', () => stop('SIGINT'))

  later.wechaty = await startWechaty(deps)
  later.stopDelivery = startWechatDelivery(
    store,
    config,
    logger,
    later.wechaty ? { wechaty: later.wechaty.sender } : {},
  )
}

/** The Wechaty bot when WECHATY_PUPPET is set; imported only then, so app.ts never pulls it in. */
async function startWechaty(deps: Parameters<typeof createApp>[0]) {
  const puppet = deps.config.WECHATY_PUPPET
  if (!puppet) return undefined
  try {
    const { startWechatyBot } = await import('./channels/wechaty/start-wechaty-bot')
    return await startWechatyBot(deps, {
      puppet: puppet as never,
      memoryName: join(deps.config.DATA_DIR, 'wechaty'),
    })
  } catch (err) {
    // the webhook and the web chat go on without the bot
    deps.logger.error('wechaty bot could not start', { puppet, error: String(err) })
    return undefined
  }
}

main().catch((err) => {
  console.error('start-up failed:', err)
  process.exit(1)
})
