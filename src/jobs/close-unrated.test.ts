import { afterEach, beforeEach, expect, it } from 'vitest'
import { describeEachDialect, migratedStore, type TestStore } from '../../tests/support/stores'
import { markResolved } from '../../tests/support/mark-resolved'
import { chatSession, testApp } from '../../tests/support/test-app'
import { closeUnrated } from './close-unrated'

describeEachDialect('closing unrated cases', (open) => {
  let store: TestStore
  beforeEach(async () => {
    store = await migratedStore(open)
  })
  afterEach(async () => store.cleanup())

  it('closes a case resolved over a week ago as not rated, never as satisfied', async () => {
    const { app } = testApp(store)
    await (await chatSession(app)).complain('武进区湖塘镇工厂每天冒黑烟')
    // resolved on 2026-11-28 (as a handler would have it)
    await markResolved(store, '2026-11-28T02:00:00.000Z')
    expect(await closeUnrated(store, new Date('2026-12-04T02:00:00Z'))).toEqual([])
    expect(await closeUnrated(store, new Date('2026-12-05T03:00:00Z'))).toEqual(['CZ20261128-0001'])
    expect(await closeUnrated(store, new Date('2026-12-06T03:00:00Z'))).toEqual([])
    const survey = await store.db
      .selectFrom('case_surveys')
      .select(['rating', 'channel'])
      .executeTakeFirstOrThrow()
    expect(survey).toEqual({ rating: 'not_rated', channel: 'system' })
    expect(
      (await store.db.selectFrom('cases').select('status').executeTakeFirstOrThrow()).status,
    ).toBe('closed')
  })
})
