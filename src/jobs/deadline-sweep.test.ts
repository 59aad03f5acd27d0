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

  const events = () =>
    store.db.selectFrom('case_events').select(['action', 'note', 'actor']).orderBy('id').execute()

  it('flags a case nobody accepted in time as overdue and escalates it, once, with events', async () => {
    const { app } = testApp(store)
    // filed Saturday 2026-11-28 10:00 in Shanghai: accept by the end of Monday 11-30
    await (await chatSession(app)).complain('武进区湖塘镇工厂每天冒黑烟')
    expect(await sweepDeadlines(store, new Date('2026-11-30T12:00:00Z'))).toEqual([])
    const late = new Date('2026-11-30T16:30:00Z')
    expect(await sweepDeadlines(store, late)).toEqual(['CZ20261128-0001'])
    expect(await sweepDeadlines(store, late)).toEqual([])
    const row = await store.db
      .selectFrom('cases')
      .select(['overdue', 'escalated', 'status'])
      .executeTakeFirstOrThrow()
    expect(row).toEqual({ overdue: 1, escalated: 1, status: 'new' })
    expect((await events()).slice(-2)).toEqual([
      { action: 'overdue', note: '超过受理期限', actor: 'system' },
      { action: 'escalate', note: '超过受理期限，自动督办，请负责人跟进', actor: 'system' },
    ])
  })

  it('does not escalate twice a case the supervisor escalated already', async () => {
    const { app } = testApp(store)
    await (await chatSession(app)).complain('武进区湖塘镇工厂每天冒黑烟')
    await store.db.updateTable('cases').set({ escalated: 1 }).execute()
    await sweepDeadlines(store, new Date('2026-11-30T16:30:00Z'))
    expect((await events()).map((e) => e.action)).toEqual(['file', 'overdue'])
  })

  it('gives an urgent matter two hours, not a working day', async () => {
    const { app } = testApp(store)
    // 10:00 on Saturday in Shanghai; dead fish is urgent
    const body = await (await chatSession(app)).complain('武进区湖塘镇河里大量死鱼，水发黑发臭')
    expect(body.case).toBeDefined()
    const row = await store.db.selectFrom('cases').selectAll().executeTakeFirstOrThrow()
    expect(row).toMatchObject({ urgent: 1, accept_due_at: '2026-11-28T04:00:00.000Z' })
    expect(await sweepDeadlines(store, new Date('2026-11-28T03:59:00Z'))).toEqual([])
    expect(await sweepDeadlines(store, new Date('2026-11-28T04:01:00Z'))).toEqual([row.number])
  })

  it('flags and escalates each case exactly once when several servers sweep at once', async () => {
    const { app } = testApp(store)
    const resident = await chatSession(app)
    const filed: string[] = []
    for (const place of ['湖塘镇', '牛塘镇', '洛阳镇', '雪堰镇', '前黄镇', '礼嘉镇']) {
      filed.push((await resident.complain(`武进区${place}工厂每天冒黑烟`)).case.number)
    }
    const others = [store.reopen(), store.reopen()]
    try {
      const late = new Date('2026-11-30T16:30:00Z')
      const results = await Promise.all(
        [store, ...others, store, ...others].map((s) => sweepDeadlines(s, late)),
      )
      expect(results.flat().sort()).toEqual(filed.sort())
    } finally {
      await Promise.all(others.map((s) => s.close()))
    }
    const counts = new Map<string, number>()
    for (const e of await events()) counts.set(e.action, (counts.get(e.action) ?? 0) + 1)
    expect(Object.fromEntries(counts)).toEqual({ file: 6, overdue: 6, escalate: 6 })
  })

  it('leaves referred cases alone: another agency holds them', async () => {
    const { app } = testApp(store)
    await (await chatSession(app)).complain('钟楼区南大街饭店油烟每天都很大')
    expect(await sweepDeadlines(store, new Date('2027-01-30T00:00:00Z'))).toEqual([])
  })
})
