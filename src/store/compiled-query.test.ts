import { afterEach, expect, it } from 'vitest'
import { describeEachDialect, migratedStore, type TestStore } from '../../tests/support/stores'
import { compiledOnce } from './compiled-query'
import type { NewCaseEvent } from './schema'

describeEachDialect('queries compiled once', (open) => {
  let store: TestStore
  afterEach(async () => store?.cleanup())

  it('builds a query once and runs it with each call’s values', async () => {
    store = await migratedStore(open)
    let builds = 0
    const insertCounter = compiledOnce((db, p: { day: string; seq: number }) => {
      builds++
      return db.insertInto('case_counters').values(p).returning(['day', 'seq'])
    })
    const first = await insertCounter(store.db, { day: '2026-11-27', seq: 3 })
    const second = await insertCounter(store.db, { day: '2026-11-28', seq: 5 })
    expect([...first.rows, ...second.rows]).toEqual([
      { day: '2026-11-27', seq: 3 },
      { day: '2026-11-28', seq: 5 },
    ])
    expect(builds).toBe(1)
  })

  it('runs inside a transaction, and keeps constants written into the query', async () => {
    store = await migratedStore(open)
    const countEvents = compiledOnce((db, p: { caseId: number }) =>
      db
        .selectFrom('case_events')
        .select((eb) => eb.fn.countAll<number>().as('n'))
        .where('case_id', '=', p.caseId)
        .where('public', '=', 1),
    )
    const n = await store.db.transaction().execute(async (trx) => {
      const event: NewCaseEvent = {
        case_id: 1,
        actor: 'x',
        action: 'note',
        from_status: null,
        to_status: null,
        note: null,
        public: 1,
        created_at: 'x',
      }
      await trx.insertInto('cases').values(caseRow).execute()
      await trx
        .insertInto('case_events')
        .values([event, { ...event, public: 0 }])
        .execute()
      return (await countEvents(trx, { caseId: 1 })).rows[0]!.n
    })
    expect(Number(n)).toBe(1)
  })
})

const caseRow = {
  number: 'CZ20261128-0001',
  status: 'new',
  version: 1,
  category: 'noise',
  subcategory: 'construction',
  district: null,
  description: 'x',
  address: null,
  lat: null,
  lng: null,
  occurred: null,
  classification: null,
  reporter_channel: 'web',
  reporter_user_id: null,
  conversation_id: null,
  reporter_phone: null,
  anonymous: 0,
  department_id: null,
  assignee: null,
  urgent: 0,
  overdue: 0,
  escalated: 0,
  accept_due_at: null,
  resolve_due_at: null,
  public_note: null,
  merged_into_id: null,
  filed_day: '2026-11-28',
  created_at: 'x',
  updated_at: 'x',
  closed_at: null,
} as const
