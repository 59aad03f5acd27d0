import { createReferenceCache } from './store/reference-cache'
import { serve } from '@hono/node-server'
import { createApp } from './app'
import { staticFiles } from './http/static-files'
import { ConfigError, parseConfig, type Config } from './config'
import { createLogger } from './logger'
import { migrateToLatest } from './store/migrate'
import { ensureAdmin } from './use-cases/ensure-admin'
import { startDeadlineSweep } from './jobs/deadline-sweep'
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
  const app = createApp(
    {
      store,
      reference: createReferenceCache(),
      photos: photosOnDisk(config.DATA_DIR),
      config,
      logger,
      now: () => new Date(),
    },
    { serveStatic: staticFiles() },
  )
  const server = serve({ fetch: app.fetch, port: config.PORT, hostname: config.HOST }, (info) => {
    logger.info('listening', { url: `http://${config.HOST}:${info.port}`, database: store.dialect })
  })

  const stopSweep = startDeadlineSweep(store, (err) =>
    logger.error('deadline sweep failed', { error: String(err) }),
  )

  const stop = (signal: string) => {
    logger.info('stopping', { signal })
    stopSweep()
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
}

main().catch((err) => {
  console.error('start-up failed:', err)
  process.exit(1)
})
