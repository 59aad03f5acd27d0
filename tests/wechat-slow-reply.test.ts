import { afterEach, beforeEach, expect, it } from 'vitest'
import { createWechatApi } from '../src/channels/wechat/api-client'
import { parseOfficialAccountMessage } from '../src/channels/wechat/parse-official-account-message'
import { officialAccountSender } from '../src/channels/wechat/send-notification'
import { deliverDueNotifications } from '../src/jobs/deliver-notifications'
import { createLogger } from '../src/logger'
import type { Store } from '../src/store/open-database'
import { findStaffByUsername, insertStaff } from '../src/store/staff'
import { createReferenceCache } from '../src/store/reference-cache'
import { actOnCase } from '../src/use-cases/act-on-case'
import { startFakeWechat } from './support/fake-wechat'
import { countRows, describeEachDialect, migratedStore, type TestStore } from './support/stores'
import { testApp } from './support/test-app'
import { APPID, OPENID, signedQuery, textPush, TOKEN } from './support/wechat-push'

const SECRET = 'appsecret-7f3e9c1d2b'
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms))

describeEachDialect('WeChat replies that take too long, and case updates', (open) => {
  let store: TestStore
  let wechat: Awaited<ReturnType<typeof startFakeWechat>>
  // how long every write waits before it starts: a database under load
  const delay = { ms: 0 }
  let app: ReturnType<typeof testApp>['app']
  // an account without an AppSecret, which cannot send customer-service messages
  let noSecretApp: ReturnType<typeof testApp>['app']
  beforeEach(async () => {
    store = await migratedStore(open)
    wechat = await startFakeWechat(SECRET)
    delay.ms = 0
    const slow: Store = {
      ...store,
      write: async (work) => {
        await sleep(delay.ms)
        return store.write(work)
      },
    }
    app = testApp(
      { ...slow, dataDir: store.dataDir },
      {
        WECHAT_TOKEN: TOKEN,
        WECHAT_APPID: APPID,
        WECHAT_APPSECRET: SECRET,
        WECHAT_PASSIVE_REPLY_MS: '1000',
      },
    ).app
    noSecretApp = testApp(
      { ...slow, dataDir: store.dataDir },
      { WECHAT_TOKEN: TOKEN, WECHAT_APPID: APPID, WECHAT_PASSIVE_REPLY_MS: '1000' },
    ).app
  })
  afterEach(async () => {
    await wechat.close()
    await store.cleanup()
  })

  const post = (body: string) =>
    app.request(`/wechat/official-account?${signedQuery()}`, { method: 'POST', body })
  const deliver = () =>
    deliverDueNotifications(
      store,
      {
        senders: {
          'wechat-oa': officialAccountSender(
            createWechatApi({
              base: wechat.base,
              appId: APPID,
              appSecret: SECRET,
              db: store.db,
              logger: createLogger('silent'),
              now: () => new Date(),
            }),
            { templateId: undefined, keys: ['a', 'b', 'c', 'd'] },
          ),
        },
        retryBaseMs: 1000,
        maxAttempts: 3,
      },
      new Date(),
    )
  const sentTexts = () =>
    wechat.sent('custom').map((c) => (c.body!.text as { content: string }).content)
  async function until(check: () => Promise<boolean>) {
    for (let i = 0; i < 500 && !(await check()); i++) await sleep(20)
  }

  it('answers success when the reply is late, then sends it as a customer-service message, once', async () => {
    await post(textPush('武进区湖塘镇工地每天半夜打桩', '24500000000000001'))
    delay.ms = 2000
    const res = await post(textPush('确认提交', '24500000000000002'))
    expect(await res.text()).toBe('success')
    await until(async () => (await countRows(store, 'notification_deliveries')) > 0)
    // WeChat did not hear back in time and pushes the message again: nothing is filed twice
    await post(textPush('确认提交', '24500000000000002'))
    await deliver()
    await deliver()
    // (on a busy machine the first turn may be late too: its question comes the same way)
    expect(sentTexts().filter((t) => /编号 CZ20261128-0001/.test(t))).toHaveLength(1)
    expect(await countRows(store, 'cases')).toBe(1)
  })

  it('waits for a late reply when the account cannot send it later (no AppSecret)', async () => {
    const post = (body: string) =>
      noSecretApp.request(`/wechat/official-account?${signedQuery()}`, { method: 'POST', body })
    await post(textPush('武进区湖塘镇工地每天半夜打桩', '24500000000000001'))
    delay.ms = 1500
    const res = await post(textPush('确认提交', '24500000000000002'))
    expect(parseOfficialAccountMessage(await res.text()).content).toMatch(/编号 CZ20261128-0001/)
    expect(await countRows(store, 'notification_deliveries')).toBe(0)
  })

  it('answers a push WeChat repeats while the first is still being answered without an error, and files once', async () => {
    await post(textPush('武进区湖塘镇工地每天半夜打桩', '24500000000000001'))
    delay.ms = 60
    const answers = await Promise.all(
      [1, 2, 3].map(() => post(textPush('确认提交', '24500000000000002'))),
    )
    for (const res of answers) {
      expect(res.status).toBe(200)
      const body = await res.text()
      if (body !== 'success')
        expect(parseOfficialAccountMessage(body).content).toMatch(/编号 CZ20261128-0001/)
    }
    expect(await countRows(store, 'cases')).toBe(1)
  })

  it('tells a WeChat resident that the case was accepted, through a customer-service message', async () => {
    await post(textPush('武进区湖塘镇工地每天半夜打桩', '24500000000000001'))
    await post(textPush('确认提交', '24500000000000002'))
    const { number } = await store.db.selectFrom('cases').select('number').executeTakeFirstOrThrow()
    await insertStaff(store.db, {
      username: 'wang',
      displayName: '王',
      role: 'supervisor',
      departmentId: 'wujin-branch',
      passwordHash: 'x',
      now: new Date(),
    })
    const staff = (await findStaffByUsername(store.db, 'wang'))!
    await actOnCase(
      { store, reference: createReferenceCache() },
      staff,
      number,
      { action: 'accept', version: 1 },
      new Date(),
    )
    expect(await deliver()).toMatchObject({ delivered: 1 })
    expect(wechat.sent('custom')[0]!.body).toMatchObject({ touser: OPENID })
    expect(sentTexts()[0]).toMatch(new RegExp(`${number}.*受理`))
  })
})
