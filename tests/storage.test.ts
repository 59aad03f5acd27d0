import { createReferenceCache } from '../src/store/reference-cache'
import { sql } from 'kysely'
import { execFile } from 'node:child_process'
import { afterEach, describe, expect, it } from 'vitest'
import { migrateToLatest } from '../src/store/migrate'
import { createApp } from '../src/app'
import { parseConfig } from '../src/config'
import { createLogger } from '../src/logger'
import {
  countRows,
  describeEachDialect,
  dialects,
  migratedStore,
  type TestStore,
} from './support/stores'
import { chatSession, testApp } from './support/test-app'

describeEachDialect('storage', (open, dialect) => {
  let store: TestStore
  afterEach(async () => store?.cleanup())

  it('migrates an empty database and seeds the departments and routing rules', async () => {
    store = await open()
    await migrateToLatest(store.db, store.schema)
    const departments = await store.db.selectFrom('departments').select(['id', 'kind']).execute()
    expect(departments.filter((d) => d.kind === 'branch')).toHaveLength(7)
    expect(departments.map((d) => d.id)).toEqual(
      expect.arrayContaining(['police', 'urban-management']),
    )
    const rules = await store.db
      .selectFrom('routing_rules')
      .selectAll()
      .orderBy('priority')
      .execute()
    expect(rules.at(-1)).toMatchObject({
      category: '*',
      district: null,
      department_id: 'cz-bureau',
    })
  })

  it('runs again on a migrated database without changing anything', async () => {
    store = await migratedStore(open)
    await migrateToLatest(store.db, store.schema)
    expect(await countRows(store, 'departments')).toBe(12)
  })

  it('gives 50 complaints filed at the same moment 50 different numbers in one sequence', async () => {
    store = await migratedStore(open)
    const { app } = testApp(store)
    const sessions = await Promise.all(Array.from({ length: 50 }, () => chatSession(app)))
    const responses = await Promise.all(
      sessions.map(async (s, i) => {
        await s.send({ text: `天宁区红梅街道第${i}号工地夜里打桩太吵了` })
        return s.send({ text: '确认提交' })
      }),
    )
    const numbers = await Promise.all(responses.map(async (r) => (await r.json()).case.number))
    expect(new Set(numbers).size).toBe(50)
    const sequence = numbers.map((n: string) => Number(n.split('-')[1])).sort((a, b) => a - b)
    expect(sequence).toEqual(Array.from({ length: 50 }, (_, i) => i + 1))
    expect(numbers[0]).toMatch(/^CZ20261128-\d{4}$/)
  })

  // Two connections in one thread cannot share a SQLite file honestly; processes do, below.
  it.runIf(dialect === 'postgres')(
    'gives 40 complaints filed at once through two servers 40 numbers, each readable through either',
    async () => {
      store = await migratedStore(open)
      const second = store.reopen()
      try {
        const config = parseConfig({ NODE_ENV: 'test' })
        const at = () => new Date('2026-11-28T02:00:00Z')
        const apps = [store, second].map((s) =>
          createApp({
            store: s,
            config,
            reference: createReferenceCache(),
            logger: createLogger('silent'),
            now: at,
          }),
        )
        const filed = await Promise.all(
          Array.from({ length: 40 }, async (_, i) => {
            const s = await chatSession(apps[i % 2]!)
            return { token: s.token, body: await s.complain('钟楼区南大街有饭店晚上KTV唱歌太吵') }
          }),
        )
        const numbers = filed.map(({ body }) => body.case.number)
        expect(new Set(numbers).size).toBe(40)
        // a resident who filed through one instance reads the case through the other
        for (const [i, { token, body }] of filed.entries()) {
          const res = await apps[(i + 1) % 2]!.request(`/api/v1/my/cases/${body.case.number}`, {
            headers: { Authorization: `Bearer ${token}` },
          })
          expect(res.status).toBe(200)
          expect((await res.json()).number).toBe(body.case.number)
        }
      } finally {
        await second.close()
      }
    },
  )

  it('stores timestamps as UTC and the filing day in Asia/Shanghai', async () => {
    store = await migratedStore(open)
    const { app, clock } = testApp(store)
    // 17:30 UTC on the 28th is already 01:30 on the 29th in Shanghai
    clock.now = new Date('2026-11-28T17:30:00Z')
    const { complain } = await chatSession(app)
    const body = await complain('新北区薛家镇化工厂半夜一股刺鼻的味道')
    expect(body.case.number).toMatch(/^CZ20261129-0001$/)
    const row = await store.db.selectFrom('cases').selectAll().executeTakeFirstOrThrow()
    expect(row.created_at).toBe('2026-11-28T17:30:00.000Z')
    expect(row.filed_day).toBe('2026-11-29')
    const events = await sql<{ n: number }>`select count(*) as n from case_events`.execute(store.db)
    expect(Number(events.rows[0]!.n)).toBe(1)
  })
})

describe('storage [sqlite, several processes]', () => {
  it('keeps numbers unique when three server processes file on one SQLite file', async () => {
    const store = await migratedStore(dialects[0]!.open)
    try {
      const run = () =>
        new Promise<string[]>((resolve, reject) => {
          execFile(
            process.execPath,
            ['--import', 'tsx', 'tests/support/file-cases-worker.ts'],
            { env: { ...process.env, DATA_DIR: store.dataDir, COUNT: '15' } },
            (err, stdout, stderr) =>
              err ? reject(new Error(stderr)) : resolve(JSON.parse(stdout)),
          )
        })
      const numbers = (await Promise.all([run(), run(), run()])).flat()
      expect(numbers).toHaveLength(45)
      expect(new Set(numbers).size).toBe(45)
    } finally {
      await store.cleanup()
    }
  }, 60_000) // three processes start up and load the app: slow on a busy machine
})
