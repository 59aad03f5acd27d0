import { afterEach, beforeEach, expect, it } from 'vitest'
import { recoverPushes } from '../src/jobs/recover-pushes'
import { createLogger } from '../src/logger'
import type { Store } from '../src/store/open-database'
import { createReferenceCache } from '../src/store/reference-cache'
import { countRows, describeEachDialect, migratedStore, type TestStore } from './support/stores'
import { testApp } from './support/test-app'
import { APPID, OPENID, signedQuery, textPush, TOKEN } from './support/wechat-push'

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms))
const minutes = (n: number) => n * 60_000

describeEachDialect('WeChat pushes answered `success` whose turn never committed', (open) => {
  let store: TestStore
  // how the turn's writes end: as usual, late, or never (the process was killed under them)
  const turns = { mode: 'ok' as 'ok' | 'late' | 'killed' | 'failed' }
  let post: (body: string) => Promise<Response>
  let clock: { now: Date }
  beforeEach(async () => {
    store = await migratedStore(open)
    turns.mode = 'ok'
    const dying: Store = {
      ...store,
      write: async (work) => {
        const mode = turns.mode
        if (mode === 'killed') return new Promise<never>(() => undefined)
        if (mode !== 'ok') await sleep(700)
        if (mode === 'failed') throw new Error('the process went down mid-turn')
        return store.write(work)
      },
    }
    const test = testApp(
      { ...dying, dataDir: store.dataDir },
      {
        WECHAT_TOKEN: TOKEN,
        WECHAT_APPID: APPID,
        WECHAT_APPSECRET: 'appsecret-7f3e9c1d2b',
        WECHAT_PASSIVE_REPLY_MS: '300',
      },
    )
    clock = test.clock
    post = async (body) =>
      test.app.request(`/wechat/official-account?${signedQuery()}`, { method: 'POST', body })
  })
  afterEach(async () => {
    await store.cleanup()
  })

  /** A server process on the same database, as after a restart or on another machine. */
  const instance = (on: Store) => ({
    store: on,
    reference: createReferenceCache(),
    casePrefix: 'CZ',
    logger: createLogger('silent'),
  })
  const queuedReplies = async () =>
    (
      await store.db
        .selectFrom('notification_deliveries')
        .innerJoin('notifications', 'notifications.id', 'notification_deliveries.notification_id')
        .select(['notifications.text', 'notification_deliveries.recipient'])
        .where('notification_deliveries.channel', '=', 'wechat-oa')
        .execute()
    ).filter((r) => /编号 CZ20261128-0001/.test(r.text))

  /** A complaint, then its confirmation acknowledged with `success` under a turn in `mode`. */
  async function confirmUnder(mode: typeof turns.mode) {
    await post(textPush('武进区湖塘镇工地每天半夜打桩', '24500000000000001'))
    turns.mode = mode
    const res = await post(textPush('确认提交', '24500000000000002'))
    expect(await res.text()).toBe('success')
    turns.mode = 'ok'
  }

  it('files the case after the process died under the turn, and queues the reply for the resident', async () => {
    await confirmUnder('killed')
    expect(await countRows(store, 'cases')).toBe(0)

    const restarted = store.reopen()
    try {
      // a push this fresh may still be in its first turn on a live instance: left to it
      const soon = new Date(clock.now.getTime() + 10_000)
      expect(await recoverPushes(instance(restarted), soon)).toMatchObject({ recovered: 0 })
      const later = new Date(clock.now.getTime() + minutes(2))
      expect(await recoverPushes(instance(restarted), later)).toMatchObject({ recovered: 1 })
    } finally {
      await restarted.close()
    }
    expect(await countRows(store, 'cases')).toBe(1)
    expect(await queuedReplies()).toEqual([
      { text: expect.stringContaining('CZ20261128-0001'), recipient: OPENID },
    ])
  })

  it('files one case when two instances recover at once, and again when run twice', async () => {
    await confirmUnder('failed')
    const other = store.reopen()
    const later = new Date(clock.now.getTime() + minutes(2))
    try {
      const runs = await Promise.all([
        recoverPushes(instance(store), later),
        recoverPushes(instance(other), later),
      ])
      expect(runs[0].recovered + runs[1].recovered).toBe(1)
      // an instance that died between the turn's commit and marking the row done
      await store.db
        .updateTable('channel_inbox')
        .set({ state: 'pending', claimed_until: null })
        .execute()
      const laterStill = new Date(later.getTime() + minutes(2))
      expect(await recoverPushes(instance(other), laterStill)).toEqual({
        recovered: 0,
        settled: 1,
        failed: 0,
      })
    } finally {
      await other.close()
    }
    expect(await countRows(store, 'cases')).toBe(1)
    expect(await queuedReplies()).toHaveLength(1)
  })

  it('leaves a kept push alone once its own late turn committed', async () => {
    await confirmUnder('late')
    for (let i = 0; i < 200 && (await countRows(store, 'cases')) === 0; i++) await sleep(20)
    expect(await queuedReplies()).toHaveLength(1)

    const later = new Date(clock.now.getTime() + minutes(2))
    const run = await recoverPushes(instance(store), later)
    expect(run).toMatchObject({ recovered: 0, failed: 0 })
    expect(run.settled).toBeGreaterThanOrEqual(1)
    expect(await countRows(store, 'cases')).toBe(1)
    expect(await countRows(store, 'messages')).toBe(2)
    expect(await queuedReplies()).toHaveLength(1)
    // done rows are forgotten after a week
    await recoverPushes(instance(store), new Date(clock.now.getTime() + minutes(8 * 24 * 60)))
    expect(await countRows(store, 'channel_inbox')).toBe(0)
  })

  it('answers once when recovery races the first turn, which was only late', async () => {
    await confirmUnder('late')
    // the late turn is still waiting for the database while another instance recovers the push
    const later = new Date(clock.now.getTime() + minutes(2))
    expect(await recoverPushes(instance(store), later)).toMatchObject({ recovered: 1 })
    await sleep(1000)
    expect(await countRows(store, 'cases')).toBe(1)
    expect(await queuedReplies()).toHaveLength(1)
  })

  it('keeps nothing when the reply was given in time', async () => {
    await post(textPush('武进区湖塘镇工地每天半夜打桩', '24500000000000001'))
    expect(await countRows(store, 'channel_inbox')).toBe(0)
  })
})
