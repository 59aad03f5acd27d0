/**
 * What logs must not hold, for every logger (pino on Node, the console on Workers): the values
 * of fields that name a resident — phone numbers and WeChat identities (an openid is
 * FromUserName in a push) — at the top level or one level down, and phone numbers and openids
 * inside free text such as an error message.
 */
export const REDACTED_FIELDS = [
  'phone',
  'reporterPhone',
  'reporter_phone',
  'openid',
  'openId',
  'FromUserName',
  'fromUserName',
  'channelUserId',
  'channel_user_id',
  'reporter_user_id',
  'password',
  'token',
  'authorization',
]

export const REDACTED = '[redacted]'

// a mainland mobile number, and an openid (28 characters starting with o), inside free text
const MOBILE = /(?<!\d)1[3-9]\d{9}(?!\d)/g
const OPENID = /(?<![A-Za-z0-9_-])o[A-Za-z0-9_-]{27}(?![A-Za-z0-9_-])/g

/** Masks phone numbers (139****5678) and openids inside a text that is about to be logged. */
export function scrub(text: string): string {
  return text.replace(MOBILE, (m) => `${m.slice(0, 3)}****${m.slice(7)}`).replace(OPENID, 'o***')
}

/** Scrubs the top-level string values of a log event's fields (pino redacts the named fields). */
export function scrubStrings(fields: Record<string, unknown>): Record<string, unknown> {
  const out: Record<string, unknown> = {}
  for (const [key, value] of Object.entries(fields))
    out[key] = typeof value === 'string' ? scrub(value) : value
  return out
}

/** scrubStrings, and the named fields replaced, for loggers without pino's redaction. */
export function redactFields(fields: Record<string, unknown>): Record<string, unknown> {
  const hidden = (key: string) => REDACTED_FIELDS.includes(key)
  const out = scrubStrings(fields)
  for (const [key, value] of Object.entries(out)) {
    if (hidden(key)) out[key] = REDACTED
    else if (value && typeof value === 'object' && !Array.isArray(value))
      out[key] = Object.fromEntries(
        Object.entries(value).map(([k, v]) => [k, hidden(k) ? REDACTED : v]),
      )
  }
  return out
}
