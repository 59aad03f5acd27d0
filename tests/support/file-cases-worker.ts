import { createReferenceCache } from '../../src/store/reference-cache'
// A second server process for the multi-process test: files COUNT complaints on the SQLite
// database in DATA_DIR and prints their case numbers as JSON.
import { createApp } from '../../src/app'
import { parseConfig } from '../../src/config'
import { createLogger } from '../../src/logger'
import { openStore } from '../../src/store/open-database'
import { chatSession } from './test-app'

const store = openStore({ dataDir: process.env.DATA_DIR! })
const app = createApp({
  store,
  config: parseConfig({ NODE_ENV: 'test' }),
  reference: createReferenceCache(),
  logger: createLogger('error'),
  now: () => new Date('2026-11-28T02:00:00Z'),
})
const count = Number(process.env.COUNT ?? 10)
const numbers = await Promise.all(
  Array.from({ length: count }, async () => {
    const { complain } = await chatSession(app)
    const body = await complain('武进区湖塘镇工厂每天冒黑烟')
    if (!body.case) throw new Error(`no case filed: ${JSON.stringify(body)}`)
    return body.case.number as string
  }),
)
process.stdout.write(JSON.stringify(numbers))
await store.close()
