// What a message says besides its category and place: when it happens, a phone number.
import { toHalfWidth, traditionalToSimplified } from '../classify/normalise'

const WHEN = [
  /(每天|天天|每晚|每周|经常|一直|常年|整天|整夜|24小时|二十四小时)[^,.!?;，。！？；]{0,10}/,
  /(今天|昨天|前天|刚才|刚刚|现在|正在|目前|最近|这几天|周末|上午|下午|中午|傍晚|晚上|夜里|夜间|半夜|深夜|凌晨|早上)[^,.!?;，。！？；]{0,8}/,
  /\d{1,2}\s*[点:时][^,.!?;，。！？；]{0,6}/,
  /\b(now|every (day|night|morning|evening)|at night|tonight|yesterday|this morning|all day)\b/i,
]

/**
 * The first phrase that says when the problem happens, e.g. 「每天晚上十一点以后」, in the
 * resident's own characters: Traditional (「現在」) and full-width digits are read as well.
 */
export function whenOf(text: string): string | null {
  const read = traditionalToSimplified(toHalfWidth(text))
  for (const pattern of WHEN) {
    const m = pattern.exec(read)
    if (!m) continue
    // the conversions keep one character for one almost always: then quote the resident's own
    const own = read.length === text.length ? text.slice(m.index, m.index + m[0].length) : m[0]
    return own.trim()
  }
  return null
}

const PHONE = /(?<!\d)1[3-9]\d{9}(?!\d)/

/** A mainland mobile number in the text, for the bureau to call back. */
export function phoneOf(text: string): string | null {
  return PHONE.exec(text.replace(/[\s-]/g, ''))?.[0] ?? null
}

/** Whether a short answer is one of the given words (a whole answer, not a word inside a sentence). */
export function isOneOf(answer: string, words: readonly string[]): boolean {
  const a = answer
    .trim()
    .toLowerCase()
    .replace(/[。.!!~～]+$/, '')
  return words.some((w) => a === w.toLowerCase())
}

/** Whether the text contains any of the words (for phrases such as 不清楚 inside 「我也不清楚」). */
export function mentions(text: string, words: readonly string[]): boolean {
  const a = text.toLowerCase()
  return words.some((w) => a.includes(w.toLowerCase()))
}
