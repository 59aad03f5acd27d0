import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { aesKeyOf, decryptMessage, encryptMessage } from '../src/channels/wechat/message-crypto'
import { parseOfficialAccountMessage } from '../src/channels/wechat/parse-official-account-message'
import { signatureOf } from '../src/channels/wechat/verify-signature'
import { countRows, dialects, migratedStore, type TestStore } from './support/stores'
import { testApp } from './support/test-app'
import { APPID, NOW_S, OPENID, signedQuery, textPush, TOKEN } from './support/wechat-push'

const AES_KEY = 'abcdefghijklmnopqrstuvwxyz0123456789ABCDEFG'

describe('WeChat Official Account webhook', () => {
  let store: TestStore
  let app: ReturnType<typeof testApp>['app']
  let safeApp: ReturnType<typeof testApp>['app']
  beforeEach(async () => {
    store = await migratedStore(dialects[0]!.open)
    app = testApp(store, { WECHAT_TOKEN: TOKEN, WECHAT_APPID: APPID }).app
    safeApp = testApp(store, {
      WECHAT_TOKEN: TOKEN,
      WECHAT_APPID: APPID,
      WECHAT_ENCODING_AES_KEY: AES_KEY,
    }).app
  })
  const safePost = (body: string, query: URLSearchParams) =>
    safeApp.request(`/wechat/official-account?${query}`, { method: 'POST', body })
  afterEach(async () => store.cleanup())

  const post = (body: string, query = signedQuery()) =>
    app.request(`/wechat/official-account?${query}`, {
      method: 'POST',
      headers: { 'Content-Type': 'text/xml' },
      body,
    })
  const contentOf = async (res: Response) =>
    parseOfficialAccountMessage(await res.text()).content ?? ''

  it('answers WeChat’s URL check with the echo string, and a forged one with 401', async () => {
    const ok = await app.request(
      `/wechat/official-account?${signedQuery({ echostr: 'hello-7381' })}`,
    )
    expect(await ok.text()).toBe('hello-7381')
    const forged = new URLSearchParams({
      timestamp: '1',
      nonce: '2',
      signature: 'f'.repeat(40),
      echostr: 'x',
    })
    expect((await app.request(`/wechat/official-account?${forged}`)).status).toBe(401)
  })

  it('takes a complaint in plain mode and files it after the resident confirms', async () => {
    const first = await post(textPush('武进区湖塘镇工地每天半夜打桩', '24500000000000001'))
    expect(first.headers.get('content-type')).toMatch(/xml/)
    const reply = parseOfficialAccountMessage(await first.clone().text())
    expect(reply).toMatchObject({ toUser: OPENID, fromUser: 'gh_97417a04a28d', msgType: 'text' })
    expect(reply.content).toMatch(/请确认投诉内容[\s\S]*可回复：确认提交 \/ 匿名提交 \/ 取消/)
    const filed = await contentOf(await post(textPush('确认提交', '24500000000000002')))
    expect(filed).toMatch(/编号 CZ20261128-0001/)
    const row = await store.db.selectFrom('cases').selectAll().executeTakeFirstOrThrow()
    expect(row).toMatchObject({
      reporter_channel: 'wechat-oa',
      reporter_user_id: OPENID,
      district: '武进区',
    })
  })

  it('answers WeChat’s retry of a message with the same reply and files nothing twice', async () => {
    await post(textPush('武进区湖塘镇工地每天半夜打桩', '24500000000000001'))
    const first = await contentOf(await post(textPush('确认提交', '24500000000000002')))
    const before = {
      messages: await countRows(store, 'messages'),
      cases: await countRows(store, 'cases'),
    }
    const retry = await contentOf(await post(textPush('确认提交', '24500000000000002')))
    expect(retry).toBe(first)
    expect({
      messages: await countRows(store, 'messages'),
      cases: await countRows(store, 'cases'),
    }).toEqual(before)
  })

  it('refuses a push with a wrong signature with 401 and stores nothing', async () => {
    const forged = new URLSearchParams({
      timestamp: NOW_S,
      nonce: '8472615',
      signature: '0'.repeat(40),
    })
    const res = await post(textPush('工地打桩', '1'), forged)
    expect(res.status).toBe(401)
    expect(await countRows(store, 'messages')).toBe(0)
  })

  it('refuses a signed push replayed an hour later, and a plain push once safe mode is on', async () => {
    const timestamp = String(Number(NOW_S) - 3600)
    const old = new URLSearchParams({
      timestamp,
      nonce: '1',
      signature: signatureOf([TOKEN, timestamp, '1']),
    })
    expect((await post(textPush('工地打桩', '2'), old)).status).toBe(401)
    expect((await safePost(textPush('工地打桩', '3'), signedQuery())).status).toBe(401)
    expect(await countRows(store, 'messages')).toBe(0)
  })

  it.each([
    ['malformed XML', '<xml><Content>unclosed'],
    [
      'a DOCTYPE (XXE)',
      '<?xml version="1.0"?><!DOCTYPE x [<!ENTITY e SYSTEM "file:///etc/passwd">]><xml><Content>&e;</Content></xml>',
    ],
  ])('answers %s with 400 and stores nothing', async (_name, body) => {
    const res = await post(body)
    expect(res.status).toBe(400)
    expect((await res.json()).error.code).toBe('BAD_XML')
    expect(await countRows(store, 'messages')).toBe(0)
  })

  it('works in safe mode: decrypts the push, encrypts and signs the reply', async () => {
    const key = aesKeyOf(AES_KEY)
    const encrypt = encryptMessage(
      textPush('钟楼区南大街饭店油烟很大，每天中午', '24500000000000009'),
      key,
      APPID,
    )
    const timestamp = NOW_S
    const nonce = '99887766'
    const q = new URLSearchParams({
      timestamp,
      nonce,
      encrypt_type: 'aes',
      msg_signature: signatureOf([TOKEN, timestamp, nonce, encrypt]),
    })
    const res = await safePost(
      `<xml><ToUserName><![CDATA[gh_97417a04a28d]]></ToUserName><Encrypt><![CDATA[${encrypt}]]></Encrypt></xml>`,
      q,
    )
    const envelope = parseOfficialAccountMessage(await res.text())
    expect(envelope.encrypt).toBeTruthy()
    const inner = parseOfficialAccountMessage(decryptMessage(envelope.encrypt!, [key], APPID))
    expect(inner.content).toMatch(/请确认投诉内容[\s\S]*类别：大气污染/)

    const tampered = new URLSearchParams(q)
    tampered.set('msg_signature', '1'.repeat(40))
    expect(
      (await safePost(`<xml><Encrypt><![CDATA[${encrypt}]]></Encrypt></xml>`, tampered)).status,
    ).toBe(401)
  })

  it('welcomes a new follower, asks for text when a voice message was not recognised, and converts a location to WGS84', async () => {
    const event = `<xml><ToUserName>gh</ToUserName><FromUserName>${OPENID}</FromUserName><CreateTime>1764295200</CreateTime><MsgType>event</MsgType><Event>subscribe</Event></xml>`
    expect(await contentOf(await post(event))).toMatch(/常州市生态环境局/)
    const voice = `<xml><ToUserName>gh</ToUserName><FromUserName>${OPENID}</FromUserName><CreateTime>1764295201</CreateTime><MsgType>voice</MsgType><MediaId>m1</MediaId><MsgId>31</MsgId></xml>`
    expect(await contentOf(await post(voice))).toMatch(/文字描述/)

    await post(textPush('工地每天打桩', '32'))
    const location = `<xml><ToUserName>gh</ToUserName><FromUserName>${OPENID}</FromUserName><CreateTime>1764295202</CreateTime><MsgType>location</MsgType><Location_X>31.811226</Location_X><Location_Y>119.974062</Location_Y><Scale>15</Scale><Label>常州市政府</Label><MsgId>33</MsgId></xml>`
    expect(await contentOf(await post(location))).toMatch(/地点：常州市政府/)
    await post(textPush('确认提交', '34'))
    const row = await store.db.selectFrom('cases').select(['lat', 'lng']).executeTakeFirstOrThrow()
    // around Changzhou, GCJ-02 lies some 200 m south and 450 m east of WGS84
    expect(row.lat! - 31.811226).toBeGreaterThan(0.001)
    expect(row.lat! - 31.811226).toBeLessThan(0.004)
    expect(119.974062 - row.lng!).toBeGreaterThan(0.003)
    expect(119.974062 - row.lng!).toBeLessThan(0.007)
  })
})

// Two connections in one thread cannot share a SQLite file honestly (the storage tests use
// processes for that); two pools on one PostgreSQL are two server instances.
describe.runIf(dialects[1]!.available)('WeChat retries across two instances on PostgreSQL', () => {
  let store: TestStore
  afterEach(async () => store.cleanup())

  it('files one case when the same MsgId arrives three times at once at two instances', async () => {
    store = await migratedStore(dialects[1]!.open)
    const second = store.reopen()
    try {
      const env = { WECHAT_TOKEN: TOKEN, WECHAT_APPID: APPID }
      const apps = [testApp(store, env).app, testApp(second, env).app]
      const post = (i: number, body: string) =>
        apps[i % 2]!.request(`/wechat/official-account?${signedQuery()}`, {
          method: 'POST',
          headers: { 'Content-Type': 'text/xml' },
          body,
        })
      await post(0, textPush('武进区湖塘镇工地每天半夜打桩', '24500000000000001'))
      const answers = await Promise.all(
        [0, 1, 2].map((i) => post(i, textPush('确认提交', '24500000000000002'))),
      )
      const replies: string[] = []
      for (const res of answers) {
        expect(res.status).toBe(200)
        const body = await res.text()
        if (body !== 'success') replies.push(parseOfficialAccountMessage(body).content ?? '')
      }
      expect(replies.length).toBeGreaterThan(0)
      for (const reply of replies) expect(reply).toMatch(/编号 CZ20261128-0001/)
      expect(await countRows(store, 'cases')).toBe(1)
      expect(await countRows(store, 'messages')).toBe(2)
    } finally {
      await second.close()
    }
  })
})
