import { sql } from 'kysely'
import { afterEach, describe, expect, it } from 'vitest'
import { createApp } from '../src/app'
import { parseConfig } from '../src/config'
import { consoleLogger } from '../src/console-logger'
import { createLogger, type Logger } from '../src/logger'
import { createReferenceCache } from '../src/store/reference-cache'
import { migrateToLatest } from '../src/store/migrate'
import { chatSession } from './support/chat-session'
import { describeEachDialect, type TestStore } from './support/stores'
import { testApp } from './support/test-app'

const PHONE = '13912345678'
const OPENID = 'o9AgO5Kd5ggOC-bXrbNODIiE3bGY'

describeEachDialect('readiness', (open) => {
  let store: TestStore
  afterEach(async () => store.cleanup())

  it('is ready once the database has every migration, and says which ones it lacks', async () => {
    store = await open()
    const { app } = testApp(store)
    const empty = await app.request('/readyz')
    expect(empty.status).toBe(503)

    await migrateToLatest(store.db, store.schema)
    const ready = await app.request('/readyz')
    expect(ready.status).toBe(200)
    expect(await ready.json()).toEqual({ status: 'ready' })

    const table = store.schema
      ? sql.table(`${store.schema}.kysely_migration`)
      : sql.table('kysely_migration')
    await sql`delete from ${table} where name = '0007-rollups'`.execute(store.db)
    const behind = await app.request('/readyz')
    expect(behind.status).toBe(503)
    expect(await behind.json()).toEqual({ status: 'migrations pending', pending: ['0007-rollups'] })
    // alive all the same: a restart would not help
    expect((await app.request('/healthz')).status).toBe(200)
  })
})

describe.each([
  ['pino (Node)', (lines: string[]) => createLogger('debug', (line) => lines.push(line))],
  [
    'console (Workers)',
    (lines: string[]) => {
      const logger = consoleLogger('debug')
      return Object.fromEntries(
        (['debug', 'info', 'warn', 'error'] as const).map((l) => [
          l,
          (msg: string, fields?: Record<string, unknown>) => {
            const original = console[l === 'error' ? 'error' : 'log']
            console[l === 'error' ? 'error' : 'log'] = (line: string) => lines.push(line)
            try {
              logger[l](msg, fields)
            } finally {
              console[l === 'error' ? 'error' : 'log'] = original
            }
          },
        ]),
      ) as unknown as Logger
    },
  ],
])('structured logs through %s', (_name, make) => {
  it('writes one JSON line per event with residents’ phone numbers and WeChat ids hidden', () => {
    const lines: string[] = []
    const logger = make(lines)
    logger.info('message stored', {
      requestId: 'req-1',
      phone: PHONE,
      wechat: { FromUserName: OPENID, MsgId: '7' },
      openid: OPENID,
    })
    logger.error('filing failed', { error: `constraint failed: ${PHONE}, ${OPENID}` })
    const events = lines.map((l) => JSON.parse(l))
    expect(events[0]).toMatchObject({
      level: 'info',
      msg: 'message stored',
      requestId: 'req-1',
      phone: '[redacted]',
      openid: '[redacted]',
      wechat: { FromUserName: '[redacted]', MsgId: '7' },
    })
    expect(events[0].time).toMatch(/^\d{4}-\d\d-\d\dT/)
    expect(events[1]).toMatchObject({
      level: 'error',
      error: 'constraint failed: 139****5678, o***',
    })
    expect(lines.join('\n')).not.toContain(PHONE)
    expect(lines.join('\n')).not.toContain(OPENID)
  })
})

describeEachDialect('request logs', (open) => {
  let store: TestStore
  afterEach(async () => store.cleanup())

  it('carry the request id the client was given, and never the complaint’s phone number', async () => {
    store = await open()
    await migrateToLatest(store.db, store.schema)
    const lines: string[] = []
    const app = createApp({
      store,
      config: parseConfig({ NODE_ENV: 'test' }),
      reference: createReferenceCache(),
      logger: createLogger('debug', (line) => lines.push(line)),
      now: () => new Date('2026-11-28T02:00:00Z'),
    })
    const me = await chatSession(app)
    const res = await me.send({ text: `武进区湖塘镇工厂每天冒黑烟，我的电话${PHONE}` })
    expect(res.status).toBe(200)
    const requestLine = lines
      .map((l) => JSON.parse(l))
      .find((e) => e.path === '/api/v1/chat/messages')
    expect(requestLine).toMatchObject({ msg: 'request', status: 200 })
    expect(requestLine.requestId).toBe(res.headers.get('x-request-id'))
    expect(lines.join('\n')).not.toContain(PHONE)
  })
})
