import { createHash, timingSafeEqual } from 'node:crypto'

/** WeChat's signature: sha1 over the parts sorted and joined, lower-case hex. */
export function signatureOf(parts: readonly string[]): string {
  return createHash('sha1')
    .update([...parts].sort().join(''))
    .digest('hex')
}

/** Compares a received signature with the expected one in constant time. */
export function signatureMatches(expected: string, received: string | undefined): boolean {
  if (!received) return false
  const a = Buffer.from(expected)
  const b = Buffer.from(received.toLowerCase())
  return a.length === b.length && timingSafeEqual(a, b)
}

/** The URL signature of plain mode and of the server check: sha1(sort(token, timestamp, nonce)). */
export function verifySignature(
  token: string,
  q: { timestamp?: string; nonce?: string; signature?: string },
): boolean {
  if (!q.timestamp || !q.nonce) return false
  return signatureMatches(signatureOf([token, q.timestamp, q.nonce]), q.signature)
}

/** The message signature of safe mode: sha1(sort(token, timestamp, nonce, Encrypt)). */
export function verifyMsgSignature(
  token: string,
  q: { timestamp?: string; nonce?: string; msg_signature?: string },
  encrypt: string,
): boolean {
  if (!q.timestamp || !q.nonce) return false
  return signatureMatches(signatureOf([token, q.timestamp, q.nonce, encrypt]), q.msg_signature)
}
