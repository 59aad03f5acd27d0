import { types } from 'wechaty'
import { mock, PuppetMock } from 'wechaty-puppet-mock'
import { afterEach, beforeEach, expect, it } from 'vitest'
import { startWechatyBot, type WechatyBot } from '../src/channels/wechaty/start-wechaty-bot'
import { parseConfig } from '../src/config'
import { createLogger } from '../src/logger'
import { claimDueDeliveries } from '../src/store/notification-deliveries'
import { notifyResident } from '../src/store/notifications'
import { createReferenceCache } from '../src/store/reference-cache'
import { countRows, describeEachDialect, migratedStore, type TestStore } from './support/stores'

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms))

describeEachDialect('the Wechaty bot', (open) => {
  let store: TestStore
  let bot: WechatyBot
  let mocker: mock.Mocker
  let self: mock.ContactMock
  let resident: mock.ContactMock
  // what the resident's WeChat shows, from the bot
  let heard: string[]

  beforeEach(async () => {
    store = await migratedStore(open)
    mocker = new mock.Mocker()
    bot = await startWechatyBot(
      {
        store,
        reference: createReferenceCache(),
        config: parseConfig({ NODE_ENV: 'test' }),
        logger: createLogger('silent'),
        now: () => new Date('2026-11-28T02:00:00Z'),
      },
      { puppet: new PuppetMock({ mocker }) },
    )
    self = mocker.createContact({ name: '常州生态环境' })
    mocker.login(self)
    resident = mocker.createContact({ name: '张先生' })
    heard = []
    resident.on('message', (m) => {
      if (m.talker().id === self.id && m.text()) heard.push(m.text()!)
    })
  })
  afterEach(async () => {
    await bot.stop()
    await store.cleanup()
  })

  async function nextReply(after: number): Promise<string> {
    for (let i = 0; i < 250 && heard.length <= after; i++) await sleep(20)
    expect(heard.length).toBeGreaterThan(after)
    return heard.at(-1)!
  }
  async function say(text: string): Promise<string> {
    const before = heard.length
    resident.say(text).to(self)
    return nextReply(before)
  }

  it('takes a complaint from a contact and gives the case number', async () => {
    expect(await say('武进区湖塘镇工地每天半夜打桩，吵得睡不着')).toMatch(/请确认投诉内容/)
    const filed = await say('确认提交')
    expect(filed).toMatch(/编号 CZ20261128-0001/)
    const row = await store.db.selectFrom('cases').selectAll().executeTakeFirstOrThrow()
    expect(row).toMatchObject({ reporter_channel: 'wechaty', reporter_user_id: resident.id })
  })

  it('reads a shared location, converted from GCJ-02 to WGS84', async () => {
    await say('工地每天半夜打桩')
    const before = heard.length
    const message = mocker.MessageMock.create({
      id: `location-${crypto.randomUUID()}`,
      talkerId: resident.id,
      listenerId: self.id,
      timestamp: Date.now(),
      type: types.Message.Location,
    })
    mocker.puppet.emit('message', { messageId: message.id })
    // the mock puppet shares the same place every time, in Beijing: read, and declined
    expect(await nextReply(before)).toMatch(/不在常州市范围内/)
    const row = await store.db
      .selectFrom('messages')
      .select('payload')
      .where('kind', '=', 'location')
      .executeTakeFirstOrThrow()
    const location = JSON.parse(row.payload!) as { lat: number; lng: number; label: string }
    expect(location.label).toMatch(/^东升乡人民政府/)
    // in Beijing, GCJ-02 lies some 130 m north and 600 m east of WGS84
    expect(39.995121 - location.lat).toBeGreaterThan(0.0005)
    expect(116.334154 - location.lng).toBeGreaterThan(0.004)
  })

  it.each([
    ['a photo', types.Message.Image],
    ['a voice message', types.Message.Audio],
  ])('answers %s by asking for text, and stores nothing', async (_name, type) => {
    const before = heard.length
    const message = mocker.MessageMock.create({
      id: `media-${crypto.randomUUID()}`,
      talkerId: resident.id,
      listenerId: self.id,
      timestamp: Date.now(),
      type,
    })
    mocker.puppet.emit('message', { messageId: message.id })
    expect(await nextReply(before)).toMatch(/只能接收文字和位置[\s\S]*请用文字描述/)
    expect(await countRows(store, 'messages')).toBe(0)
  })

  it('ignores group chatter, answers in the group when mentioned, and ignores its own messages', async () => {
    const neighbour = mocker.createContact({ name: '李阿姨' })
    const room = mocker.createRoom({
      topic: '小区业主群',
      memberIdList: [self.id, resident.id, neighbour.id],
    })
    const inRoom: string[] = []
    room.on('message', (m) => {
      if (m.talker().id === self.id) inRoom.push(m.text() ?? '')
    })
    resident.say('今晚谁去跳广场舞').to(room)
    self.say('这是机器人自己发的消息').to(resident)
    await sleep(500)
    expect(inRoom).toEqual([])
    expect(await countRows(store, 'messages')).toBe(0)

    neighbour.say(`@常州生态环境 钟楼区南大街饭店油烟很大`, [self]).to(room)
    for (let i = 0; i < 250 && inRoom.length === 0; i++) await sleep(20)
    expect(inRoom[0]).toMatch(/什么时候发生/)
  })

  it('pushes a case update to the resident’s contact', async () => {
    await say('武进区湖塘镇工地每天半夜打桩')
    await say('确认提交')
    const c = await store.db
      .selectFrom('cases')
      .select(['id', 'conversation_id'])
      .executeTakeFirstOrThrow()
    await store.write((trx) =>
      notifyResident(trx, {
        conversationId: c.conversation_id!,
        caseId: c.id,
        text: '您的投诉 CZ20261128-0001 已办结，请评价',
        options: ['满意', '基本满意', '不满意'],
        now: new Date(),
      }),
    )
    const [delivery] = await claimDueDeliveries(store.db, {
      channels: ['wechaty'],
      now: new Date(),
      leaseMs: 60_000,
      limit: 10,
      postgres: store.dialect === 'postgres',
    })
    const before = heard.length
    expect(await bot.sender(delivery!)).toEqual({ ok: true, sentAs: 'wechaty' })
    expect(await nextReply(before)).toBe(
      '您的投诉 CZ20261128-0001 已办结，请评价\n可回复：满意 / 基本满意 / 不满意',
    )
  })
})
