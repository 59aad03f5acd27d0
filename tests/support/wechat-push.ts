import { signatureOf } from '../../src/channels/wechat/verify-signature'

export const TOKEN = 'czeco2026'
export const APPID = 'wx134c8103faa5a59e'
export const OPENID = 'o9AgO5Kd5ggOC-bXrbNODIiE3bGY'
// the test clock stands at 2026-11-28T02:00:00Z
export const NOW_S = '1795831200'

/** A text message as WeChat pushes it from the follower OPENID. */
export const textPush = (content: string, msgId: string) =>
  `<xml><ToUserName><![CDATA[gh_97417a04a28d]]></ToUserName><FromUserName><![CDATA[${OPENID}]]></FromUserName>` +
  `<CreateTime>1764295200</CreateTime><MsgType><![CDATA[text]]></MsgType><Content><![CDATA[${content}]]></Content>` +
  `<MsgId>${msgId}</MsgId></xml>`

/** The query WeChat signs a plain-mode push with. */
export function signedQuery(extra: Record<string, string> = {}) {
  const timestamp = NOW_S
  const nonce = '8472615'
  return new URLSearchParams({
    timestamp,
    nonce,
    signature: signatureOf([TOKEN, timestamp, nonce]),
    ...extra,
  })
}
