import { afterEach, beforeEach, expect, it } from 'vitest'
import { describeEachDialect, migratedStore, type TestStore } from '../../tests/support/stores'
import { markResolved } from '../../tests/support/mark-resolved'
import { chatSession, testApp } from '../../tests/support/test-app'
import { closeUnrated } from './close-unrated'
import { remindUnrated } from './remind-unrated'

describeEachDialect('reminding residents to rate', (open) => {
  let store: TestStore
  beforeEach(async () => {
    store = await migratedStore(open)
  })
  afterEach(async () => store.cleanup())

  it('reminds once, three days after resolution, and still closes unrated after seven', async () => {
    const { app } = testApp(store)
    const resident = await chatSession(app)
    await resident.complain('武进区湖塘镇工厂每天冒黑烟')
    await markResolved(store, '2026-11-28T02:00:00.000Z')
    expect(await remindUnrated(store, new Date('2026-11-30T02:00:00Z'))).toEqual([])
    expect(await remindUnrated(store, new Date('2026-12-01T03:00:00Z'))).toEqual([
      'CZ20261128-0001',
    ])
    expect(await remindUnrated(store, new Date('2026-12-02T03:00:00Z'))).toEqual([])
    const reminder = await store.db
      .selectFrom('notifications')
      .select(['text', 'options'])
      .where('conversation_id', '=', resident.sessionId)
      .orderBy('id', 'desc')
      .executeTakeFirstOrThrow()
    expect(reminder.text).toContain('CZ20261128-0001 已办结三天，还没有收到您的评价')
    expect(JSON.parse(reminder.options!)).toEqual(['满意', '基本满意', '不满意'])
    expect(await closeUnrated(store, new Date('2026-12-05T03:00:00Z'))).toEqual(['CZ20261128-0001'])
  })
})
