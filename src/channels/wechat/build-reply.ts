import { encryptMessage } from './message-crypto'
import { signatureOf } from './verify-signature'

const cdata = (s: string) => `<![CDATA[${s.replaceAll(']]>', ']]]]><![CDATA[>')}]]>`

/** A passive text reply to one push. */
export function textReply(p: {
  toUser: string
  fromUser: string
  content: string
  now: Date
}): string {
  return (
    `<xml><ToUserName>${cdata(p.toUser)}</ToUserName><FromUserName>${cdata(p.fromUser)}</FromUserName>` +
    `<CreateTime>${Math.floor(p.now.getTime() / 1000)}</CreateTime><MsgType>${cdata('text')}</MsgType>` +
    `<Content>${cdata(p.content)}</Content></xml>`
  )
}

/** The safe-mode envelope: the reply encrypted, signed, with TimeStamp in seconds and a Nonce. */
export function encryptedReply(
  xml: string,
  p: { token: string; key: Buffer; appId: string; now: Date; nonce: string },
): string {
  const encrypt = encryptMessage(xml, p.key, p.appId)
  const timestamp = String(Math.floor(p.now.getTime() / 1000))
  const signature = signatureOf([p.token, timestamp, p.nonce, encrypt])
  return (
    `<xml><Encrypt>${cdata(encrypt)}</Encrypt><MsgSignature>${cdata(signature)}</MsgSignature>` +
    `<TimeStamp>${timestamp}</TimeStamp><Nonce>${cdata(p.nonce)}</Nonce></xml>`
  )
}
