import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { parseOfficialAccountMessage } from '../src/channels/wechat/parse-official-account-message'
import { countRows, dialects, migratedStore, type TestStore } from './support/stores'
import { testApp } from './support/test-app'
import { APPID, OPENID, signedQuery, textPush, TOKEN } from './support/wechat-push'

/** A tap on the account's menu as WeChat pushes it: no MsgId, only the sender and the second. */
const click = (key: string, createTime = '1764295300') =>
  `<xml><ToUserName><![CDATA[gh_97417a04a28d]]></ToUserName><FromUserName><![CDATA[${OPENID}]]></FromUserName>` +
  `<CreateTime>${createTime}</CreateTime><MsgType><![CDATA[event]]></MsgType><Event><![CDATA[CLICK]]></Event>` +
  `<EventKey><![CDATA[${key}]]></EventKey></xml>`

describe('WeChat menu taps', () => {
  let store: TestStore
  let app: ReturnType<typeof testApp>['app']
  beforeEach(async () => {
    store = await migratedStore(dialects[0]!.open)
    app = testApp(store, { WECHAT_TOKEN: TOKEN, WECHAT_APPID: APPID }).app
  })
  afterEach(async () => store.cleanup())

  const say = async (body: string) => {
    const res = await app.request(`/wechat/official-account?${signedQuery()}`, {
      method: 'POST',
      body,
    })
    return parseOfficialAccountMessage(await res.text()).content ?? ''
  }
  const fileOne = async () => {
    await say(textPush('武进区湖塘镇工地每天半夜打桩', '24500000000000001'))
    await say(textPush('每天都有', '24500000000000002'))
    expect(await say(textPush('确认提交', '24500000000000003'))).toMatch(/编号 CZ20261128-0001/)
  }

  it('invites a returning resident who taps 我要投诉 to describe the new problem, not the old case', async () => {
    await fileOne()
    const reply = await say(click('COMPLAIN'))
    expect(reply).not.toMatch(/CZ20261128-0001|当前状态/)
    expect(reply).toMatch(/描述/)
    expect(reply).toMatch(/地点|位置/)
    expect(reply).toMatch(/照片/)
    // and what they then describe starts a new complaint
    expect(await say(textPush('钟楼区南大街饭店油烟很大', '24500000000000004'))).toMatch(
      /什么时候发生/,
    )
  })

  it('answers two different taps in the same second each for itself, and a retry of one the same', async () => {
    await fileOne()
    const status = await say(click('STATUS'))
    expect(status).toMatch(/CZ20261128-0001[\s\S]*待受理/)
    const rate = await say(click('RATE'))
    expect(rate).not.toBe(status)
    const messages = await countRows(store, 'messages')
    // WeChat resends a tap it heard nothing for: the same answer, nothing new stored
    expect(await say(click('STATUS'))).toBe(status)
    expect(await countRows(store, 'messages')).toBe(messages)
  })
})
