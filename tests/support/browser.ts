import { createReferenceCache } from '../../src/store/reference-cache'
import { existsSync, mkdtempSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { serve, type ServerType } from '@hono/node-server'
import { chromium, type BrowserContext } from 'playwright-core'
import { createApp } from '../../src/app'
import { staticFiles } from '../../src/http/static-files'
import { parseConfig } from '../../src/config'
import { createLogger } from '../../src/logger'
import type { Store } from '../../src/store/open-database'
import { afterAll, beforeAll } from 'vitest'
import { dialects, migratedStore, type TestStore } from './stores'
import { photosOnDisk } from '../../src/store/photos-on-disk'

const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium'
export const browserAvailable = existsSync(CHROMIUM)

if (!browserAvailable && process.env.REQUIRE_BROWSER) {
  throw new Error(
    `REQUIRE_BROWSER is set but ${CHROMIUM} is missing: CI must run the browser tests`,
  )
}
if (!browserAvailable) {
  console.warn(
    `\n*** Browser tests are SKIPPED: no Chromium at ${CHROMIUM} (apt-get install chromium fonts-wqy-microhei) ***\n`,
  )
}

/** The whole service on a free localhost port, as `npm start` serves it. */
export async function startServer(
  store: Store & { dataDir: string },
  env: Record<string, string> = {},
): Promise<{ url: string; close: () => Promise<void> }> {
  const app = createApp(
    {
      store,
      config: parseConfig({ NODE_ENV: 'test', SSE_POLL_MS: '100', ...env }),
      reference: createReferenceCache(),
      photos: photosOnDisk(store.dataDir),
      logger: createLogger('silent'),
      now: () => new Date(),
    },
    { serveStatic: staticFiles() },
  )
  const server: ServerType = await new Promise((resolve) => {
    const s = serve({ fetch: app.fetch, port: 0, hostname: '127.0.0.1' }, () => resolve(s))
  })
  const address = server.address()
  const port = typeof address === 'object' && address ? address.port : 0
  return {
    url: `http://127.0.0.1:${port}`,
    close: () => new Promise((r) => server.close(() => r())),
  }
}

/** Headless Debian Chromium with a fresh profile and no calls to the outside network. */
export async function launchBrowser(
  viewport = { width: 390, height: 844 },
): Promise<BrowserContext> {
  return chromium.launchPersistentContext(mkdtempSync(join(tmpdir(), 'cz-chromium-')), {
    executablePath: CHROMIUM,
    headless: true,
    viewport,
    locale: 'zh-CN',
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
    ],
  })
}

/**
 * A fresh SQLite store served on a free port for the tests of the calling `describe`: opened
 * before they run and removed after. Read `store` and `server` inside the tests.
 */
export function servedStore(env: Record<string, string> = {}) {
  const served = {} as { store: TestStore; server: Awaited<ReturnType<typeof startServer>> }
  beforeAll(async () => {
    served.store = await migratedStore(dialects[0]!.open)
    served.server = await startServer(served.store, env)
  })
  afterAll(async () => {
    await served.server?.close()
    await served.store?.cleanup()
  })
  return served
}
