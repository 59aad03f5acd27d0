import { afterEach, beforeEach, expect, it } from 'vitest'
import { chatSession, testApp } from '../../tests/support/test-app'
import { describeEachDialect, migratedStore, type TestStore } from '../../tests/support/stores'
import { sweepDeadlines } from './deadline-sweep'

describeEachDialect('the deadline sweep', (open) => {
  let store: TestStore
  beforeEach(async () => {
    store = await migratedStore(open)
  })
  afterEach(async () => store.cleanup())

  it('flags a case nobody accepted in time as overdue, once, with an event', async () => {
    const { app } = testApp(store)
    // filed Saturday 2026-11-28 10:00 in Shanghai: accept by the end of Monday 11-30
    await (await chatSession(app)).complain('武进区湖塘镇工厂每天冒黑烟')
    expect(await sweepDeadlines(store, new Date('2026-11-30T12:00:00Z'))).toEqual([])
    const late = new Date('2026-11-30T16:30:00Z')
    expect(await sweepDeadlines(store, late)).toEqual(['CZ20261128-0001'])
    expect(await sweepDeadlines(store, late)).toEqual([])
    const row = await store.db
      .selectFrom('cases')
      .select(['overdue', 'status'])
      .executeTakeFirstOrThrow()
    expect(row).toEqual({ overdue: 1, status: 'new' })
    const events = await store.db
      .selectFrom('case_events')
      .select(['action', 'note'])
      .orderBy('id')
      .execute()
    expect(events.at(-1)).toEqual({ action: 'overdue', note: '超过受理期限' })
  })

  it('leaves referred cases alone: another agency holds them', async () => {
    const { app } = testApp(store)
    await (await chatSession(app)).complain('钟楼区南大街饭店油烟每天都很大')
    expect(await sweepDeadlines(store, new Date('2027-01-30T00:00:00Z'))).toEqual([])
  })
})
