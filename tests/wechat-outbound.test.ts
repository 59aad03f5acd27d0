import { afterEach, beforeEach, expect, it } from 'vitest'
import { createWechatApi } from '../src/channels/wechat/api-client'
import { officialAccountSender } from '../src/channels/wechat/send-notification'
import { deliverDueNotifications } from '../src/jobs/deliver-notifications'
import { createLogger } from '../src/logger'
import type { Store } from '../src/store/open-database'
import { notifyResident } from '../src/store/notifications'
import { insertConversation } from '../src/store/conversations'
import { startFakeWechat } from './support/fake-wechat'
import { describeEachDialect, migratedStore, type TestStore } from './support/stores'

const APPID = 'wx134c8103faa5a59e'
const SECRET = 'appsecret-7f3e9c1d2b'
const OPENID = 'o9AgO5Kd5ggOC-bXrbNODIiE3bGY'
const KEYS: [string, string, string, string] = ['character_string1', 'phrase2', 'thing3', 'time4']

describeEachDialect('WeChat API client and notification delivery', (open) => {
  let store: TestStore
  let second: Store
  let wechat: Awaited<ReturnType<typeof startFakeWechat>>
  let logLines: string[]
  beforeEach(async () => {
    store = await migratedStore(open)
    second = store.reopen()
    wechat = await startFakeWechat(SECRET)
    logLines = []
  })
  afterEach(async () => {
    await wechat.close()
    await second.close()
    await store.cleanup()
  })

  // one client per server instance, each with its own database connection
  const apiOn = (s: Store, fetchVia?: typeof fetch) =>
    createWechatApi({
      ...(fetchVia ? { fetch: fetchVia } : {}),
      base: wechat.base,
      appId: APPID,
      appSecret: SECRET,
      db: s.db,
      logger: createLogger('debug', (line) => logLines.push(line)),
      now: () => new Date(),
    })

  async function wechatResident(id = 'conv-wx-1', channel = 'wechat-oa') {
    await insertConversation(store.db, {
      id,
      channel,
      channelUserId: OPENID,
      tokenHash: null,
      language: 'zh-Hans',
      state: '{}',
      now: new Date(),
    })
    return id
  }
  const notify = (conversationId: string, text: string) =>
    store.write((trx) =>
      notifyResident(trx, { conversationId, caseId: null, text, now: new Date() }),
    )
  const deliver = (s: Store, template?: string, now = new Date()) =>
    deliverDueNotifications(
      s,
      {
        senders: {
          'wechat-oa': officialAccountSender(apiOn(s), { templateId: template, keys: KEYS }),
        },
        retryBaseMs: 1000,
        maxAttempts: 3,
      },
      now,
    )
  const deliveryRow = () =>
    store.db.selectFrom('notification_deliveries').selectAll().executeTakeFirstOrThrow()

  it('fetches one access token for two server instances sending at once', async () => {
    wechat.slowTokens(50)
    const a = apiOn(store)
    const b = apiOn(second)
    await Promise.all(
      Array.from({ length: 6 }, (_, i) => (i % 2 ? a : b).sendText(OPENID, `消息 ${i}`)),
    )
    expect(wechat.tokenRequests()).toBe(1)
    expect(wechat.sent('custom')).toHaveLength(6)
  })

  it('renews a token WeChat refuses once, for both instances, and sends the message', async () => {
    const a = apiOn(store)
    const b = apiOn(second)
    await a.sendText(OPENID, '你好')
    wechat.expireTokens()
    await Promise.all([a.sendText(OPENID, '第一条'), b.sendText(OPENID, '第二条')])
    expect(wechat.tokenRequests()).toBe(2)
    expect(wechat.sent('custom').map((c) => (c.body!.text as { content: string }).content)).toEqual(
      expect.arrayContaining(['你好', '第一条', '第二条']),
    )
  })

  it('keeps the AppSecret and access tokens out of logs and error messages', async () => {
    // every call goes out with a token WeChat no longer accepts
    const api = apiOn(store, async (url, init) => {
      const res = await fetch(url, init)
      wechat.expireTokens()
      return res
    })
    const err = await api.sendText(OPENID, '你好').catch((e: Error) => e)
    expect(err).toBeInstanceOf(Error)
    const everything = [...logLines, String(err)].join('\n')
    expect(everything).toMatch(/40001/)
    expect(everything).not.toContain(SECRET)
    expect(everything).not.toMatch(/TOKEN-\d/)
  })

  it('delivers a case update to a follower once, even with two instances delivering at once', async () => {
    const conversation = await wechatResident()
    await notify(conversation, '您的投诉 CZ20261128-0001 已受理')
    const runs = await Promise.all([deliver(store), deliver(second), deliver(store)])
    expect(runs.reduce((n, r) => n + r.delivered, 0)).toBe(1)
    expect(wechat.sent('custom')).toHaveLength(1)
    expect(wechat.sent('custom')[0]!.body).toEqual({
      touser: OPENID,
      msgtype: 'text',
      text: { content: '您的投诉 CZ20261128-0001 已受理' },
    })
    expect(await deliveryRow()).toMatchObject({
      state: 'delivered',
      sent_as: 'custom',
      attempts: 1,
    })
    await deliver(store)
    expect(wechat.sent('custom')).toHaveLength(1)
  })

  it('falls back to the template message when the 48-hour window has closed', async () => {
    const conversation = await wechatResident()
    await notify(conversation, '您的投诉已办结，处理结果：已责令工地夜间停工')
    wechat.queued.custom.push(45015)
    await deliver(store, 'TPL-case-update')
    const [sent] = wechat.sent('template')
    expect(sent!.body).toMatchObject({
      touser: OPENID,
      template_id: 'TPL-case-update',
      data: { thing3: { value: '您的投诉已办结，处理结果：已责令工地夜…' } },
    })
    expect(await deliveryRow()).toMatchObject({ state: 'delivered', sent_as: 'template' })
  })

  it('records an update as undeliverable, with the reason, when the window closed and no template is set', async () => {
    const conversation = await wechatResident()
    await notify(conversation, '您的投诉已受理')
    wechat.queued.custom.push(45015)
    expect(await deliver(store)).toMatchObject({ undeliverable: 1 })
    const row = await deliveryRow()
    expect(row.state).toBe('undeliverable')
    expect(row.last_error).toMatch(/48 小时.*WECHAT_TEMPLATE_CASE_UPDATE/)
    await deliver(store, undefined, new Date(Date.now() + 86_400_000))
    expect(wechat.calls.filter((c) => c.path.endsWith('/send'))).toHaveLength(1)
  })

  it('retries a failed send later, waiting twice as long each time, until it goes through', async () => {
    const conversation = await wechatResident()
    await notify(conversation, '您的投诉已转办')
    wechat.queued.custom.push(500, -1)
    const t0 = new Date()
    expect(await deliver(store, undefined, t0)).toMatchObject({ retried: 1 })
    const first = await deliveryRow()
    expect(Date.parse(first.next_attempt_at) - t0.getTime()).toBe(1000)
    // not yet due: nothing is sent
    expect(await deliver(store, undefined, new Date(t0.getTime() + 500))).toMatchObject({
      retried: 0,
    })
    const t1 = new Date(t0.getTime() + 1000)
    expect(await deliver(store, undefined, t1)).toMatchObject({ retried: 1 })
    expect(Date.parse((await deliveryRow()).next_attempt_at) - t1.getTime()).toBe(2000)
    expect(await deliver(store, undefined, new Date(t1.getTime() + 2000))).toMatchObject({
      delivered: 1,
    })
    expect(await deliveryRow()).toMatchObject({ state: 'delivered', attempts: 3 })
  })

  it('gives up after the last attempt and says why', async () => {
    const conversation = await wechatResident()
    await notify(conversation, '您的投诉已受理')
    wechat.queued.custom.push(-1, -1, -1)
    const t0 = Date.now()
    for (const wait of [0, 1000, 3000]) await deliver(store, undefined, new Date(t0 + wait))
    expect(await deliveryRow()).toMatchObject({ state: 'failed', attempts: 3 })
    expect((await deliveryRow()).last_error).toMatch(/-1/)
  })

  it('leaves web chat notifications to the event stream', async () => {
    const conversation = await wechatResident('conv-web', 'web')
    await notify(conversation, '您的投诉已受理')
    expect(await deliver(store)).toMatchObject({ delivered: 0 })
    expect(wechat.calls).toHaveLength(0)
  })
})
