import { describe, expect, it } from 'vitest'
import { aesKeyOf, DecryptError, decryptMessage, encryptMessage } from './message-crypto'
import { signatureOf, verifyMsgSignature } from './verify-signature'

// The safe-mode walkthrough in WeChat's official documentation (消息加解密说明, 接收消息推送).
const VECTOR = {
  token: 'AAAAA',
  encodingAesKey: 'A'.repeat(43),
  appId: 'wx134c8103faa5a59e',
  timestamp: '1715943329',
  nonce: '1590219412',
  msgSignature: '6c12a4205838198b8fa631b3220723bb07f1015c',
  encrypt:
    'D7yzvUNAL930rd28wf21s4hvXhz0L6Uit/p2Di6C5DHyYGpEgdBRnKjBec34JwoQXicwaZC7fOVihW80F4VtsdvE//1vr7oAbqjDv8KenVp+ajKYpJnyQ4zMRhIC+a31fCVOMC03FfzV/QuC94kBP55a+Za3sJgvAn+ZbsNqZI5DkyuzkhQN8OBqCzFhizGmy0xpM0MEA4agpvE+RuNO1rhHTtuJB5yltw1FiYzecSXJ+y/D2r81VkRn2eYjh2ltsoyfbDR7Is6ookXIFxTfyeNyeHxMeT4KN5WpCDmSbTcUYrbBUlkGLJ9n/rU8YOywma6G7aTb7KZKOqCxgfoUlYEZPk4FUL/TK7ShriFDMVCLyjQJ15Ob++agDWtcxhfUfe6HIoIpRW8mKNBQiY/Jd1svvuskA1wLef1RTtzKfMpagSCX/laZINmdnX4zrF6kIaR9P4xQrWXbsTFHTYe0Mg==',
}

describe('WeChat safe-mode message crypto', () => {
  const key = aesKeyOf(VECTOR.encodingAesKey)

  it('verifies the msg_signature of the published example', () => {
    const q = {
      timestamp: VECTOR.timestamp,
      nonce: VECTOR.nonce,
      msg_signature: VECTOR.msgSignature,
    }
    expect(verifyMsgSignature(VECTOR.token, q, VECTOR.encrypt)).toBe(true)
    expect(verifyMsgSignature(VECTOR.token, { ...q, nonce: '1590219413' }, VECTOR.encrypt)).toBe(
      false,
    )
  })

  it('decrypts the published example (22 bytes of padding, which WebCrypto refuses)', () => {
    const xml = decryptMessage(VECTOR.encrypt, [key], VECTOR.appId)
    expect(xml).toContain('<ToUserName><![CDATA[gh_97417a04a28d]]></ToUserName>')
    expect(xml).toContain('debug_demo')
  })

  it('refuses the example for another AppID', () => {
    expect(() => decryptMessage(VECTOR.encrypt, [key], 'wx0000000000000000')).toThrow(DecryptError)
  })

  it('decrypts with the previous key during a rotation', () => {
    const current = aesKeyOf('B'.repeat(43))
    expect(decryptMessage(VECTOR.encrypt, [current, key], VECTOR.appId)).toContain('debug_demo')
  })

  it('round-trips every padding length from 1 to 32', () => {
    const seen = new Set<number>()
    for (let n = 0; n < 32; n++) {
      const message = `<xml>${'消'.repeat(0)}${'x'.repeat(n)}</xml>`
      const encrypted = encryptMessage(message, key, VECTOR.appId, Buffer.alloc(16, 7))
      const plainLength = 16 + 4 + Buffer.byteLength(message) + VECTOR.appId.length
      seen.add(32 - (plainLength % 32))
      expect(decryptMessage(encrypted, [key], VECTOR.appId)).toBe(message)
    }
    expect([...seen].sort((a, b) => a - b)).toEqual(Array.from({ length: 32 }, (_, i) => i + 1))
  })

  it('signs what it encrypts so WeChat can check the reply', () => {
    const encrypted = encryptMessage('<xml/>', key, VECTOR.appId)
    const signature = signatureOf([VECTOR.token, '1700000000', 'n0nce', encrypted])
    expect(
      verifyMsgSignature(
        VECTOR.token,
        { timestamp: '1700000000', nonce: 'n0nce', msg_signature: signature },
        encrypted,
      ),
    ).toBe(true)
  })

  it('throws a DecryptError, not a crash, on garbage', () => {
    expect(() => decryptMessage('not base64 at all!!', [key], VECTOR.appId)).toThrow(DecryptError)
    expect(() =>
      decryptMessage(Buffer.alloc(48, 1).toString('base64'), [key], VECTOR.appId),
    ).toThrow(DecryptError)
  })
})
