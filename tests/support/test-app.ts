import { createReferenceCache } from '../../src/store/reference-cache'
import { createApp } from '../../src/app'
import { parseConfig } from '../../src/config'
import { createLogger } from '../../src/logger'
import type { Store } from '../../src/store/open-database'
import { photosOnDisk } from '../../src/store/photos-on-disk'

/** The app over a given store, with a quiet logger and a clock the test can move. */
export function testApp(store: Store & { dataDir?: string }, env: Record<string, string> = {}) {
  const clock = { now: new Date('2026-11-28T02:00:00Z') }
  const config = parseConfig({ NODE_ENV: 'test', ...env })
  const app = createApp({
    store,
    config,
    reference: createReferenceCache(),
    ...(store.dataDir ? { photos: photosOnDisk(store.dataDir) } : {}),
    logger: createLogger('silent'),
    now: () => clock.now,
  })
  return { app, clock, config }
}

export { chatSession } from './chat-session'
