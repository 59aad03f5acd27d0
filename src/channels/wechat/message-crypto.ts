import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto'

// WeChat pads to 32-byte blocks (PKCS#7 with k = 32), which the AES-CBC of WebCrypto refuses:
// node:crypto with auto-padding off, and the padding handled here.
const BLOCK = 32

/** The 32-byte AES key an EncodingAESKey (43 base64 characters) stands for. */
export function aesKeyOf(encodingAesKey: string): Buffer {
  const key = Buffer.from(`${encodingAesKey}=`, 'base64')
  if (key.length !== 32) throw new Error('EncodingAESKey must be 43 characters of base64')
  return key
}

export class DecryptError extends Error {
  override name = 'DecryptError'
}

/**
 * Decrypts a safe-mode Encrypt field: AES-256-CBC (IV = the key's first 16 bytes) over
 * 16 random bytes, a 4-byte big-endian length, the message, and the AppID, padded to 32.
 * Tries each key (the current one, then the one before a rotation); checks the AppID.
 */
export function decryptMessage(encrypt: string, keys: readonly Buffer[], appId: string): string {
  const data = Buffer.from(encrypt, 'base64')
  if (data.length === 0 || data.length % 16 !== 0)
    throw new DecryptError('ciphertext is not whole AES blocks')
  for (const key of keys) {
    const plain = tryDecrypt(data, key)
    if (!plain || plain.length < 20) continue
    const length = plain.readUInt32BE(16)
    if (20 + length > plain.length) continue
    const message = plain.subarray(20, 20 + length).toString('utf8')
    const from = plain.subarray(20 + length).toString('utf8')
    if (from === appId) return message
  }
  throw new DecryptError('no key decrypts this message for this AppID')
}

function tryDecrypt(data: Buffer, key: Buffer): Buffer | null {
  try {
    const decipher = createDecipheriv('aes-256-cbc', key, key.subarray(0, 16))
    decipher.setAutoPadding(false)
    const padded = Buffer.concat([decipher.update(data), decipher.final()])
    const pad = padded[padded.length - 1]!
    if (pad < 1 || pad > BLOCK) return null
    for (let i = padded.length - pad; i < padded.length; i++) if (padded[i] !== pad) return null
    return padded.subarray(0, padded.length - pad)
  } catch {
    return null
  }
}

/** Encrypts a reply the same way; `random` is for tests, fresh 16 bytes otherwise. */
export function encryptMessage(
  message: string,
  key: Buffer,
  appId: string,
  random: Buffer = randomBytes(16),
): string {
  const body = Buffer.from(message, 'utf8')
  const length = Buffer.alloc(4)
  length.writeUInt32BE(body.length)
  const plain = Buffer.concat([random, length, body, Buffer.from(appId, 'utf8')])
  const pad = BLOCK - (plain.length % BLOCK)
  const cipher = createCipheriv('aes-256-cbc', key, key.subarray(0, 16))
  cipher.setAutoPadding(false)
  return Buffer.concat([
    cipher.update(Buffer.concat([plain, Buffer.alloc(pad, pad)])),
    cipher.final(),
  ]).toString('base64')
}
