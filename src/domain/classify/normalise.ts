import * as OpenCC from 'opencc-js/t2cn'
import { emojiMeanings, typoFixes } from './data/spelling'

/** One small step of normalisation: text in, text out. */
export type Transform = (text: string) => string

const toSimplified = OpenCC.Converter({ from: 'tw', to: 'cn' })

/** Full-width letters, digits and punctuation to their ASCII forms (ＫＴＶ → KTV, ，→ ,). */
export const toHalfWidth: Transform = (text) => text.normalize('NFKC')

export const toLowerCase: Transform = (text) => text.toLowerCase()

// Every character the conversion can change, read from the same dictionaries the converter uses
// (an entry's characters that differ from its replacement). A text with none of them, and no
// astral characters, is left as it is: most messages are Simplified already, and the converter's
// walk over every position was the costliest step of classifying one.
const CONVERTED = new Set<number>()
for (const group of [OpenCC.Locale.from.tw, OpenCC.Locale.to.cn] as unknown as unknown[][]) {
  for (const dict of group.flat()) {
    if (typeof dict !== 'string') continue
    for (const entry of dict.split('|')) {
      const [from = '', to = ''] = entry.split(' ')
      for (let i = 0; i < from.length; i++)
        if (from.length !== to.length || from[i] !== to[i]) CONVERTED.add(from.charCodeAt(i))
    }
  }
}

function mayBeTraditional(text: string): boolean {
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i)
    if (CONVERTED.has(code) || (code >= 0xd800 && code <= 0xdfff)) return true
  }
  return false
}

export const traditionalToSimplified: Transform = (text) =>
  mayBeTraditional(text) ? toSimplified(text) : text

// 噪聲(shēng) → 噪聲: a bracketed run of Latin letters with or without tone marks after a CJK character
const PINYIN_NOTE =
  /(?<=[\u3400-\u9fff])[(（]\s*[a-zāáǎàēéěèīíǐìōóǒòūúǔùǖǘǚǜüêḿńňǹ\s]{1,12}\s*[)）]/giu
export const stripPinyinNotes: Transform = (text) => text.replace(PINYIN_NOTE, '')

const EMOJI = new RegExp(Object.keys(emojiMeanings).join('|'), 'gu')
export const emojiToWords: Transform = (text) =>
  text.replace(EMOJI, (e) => ` ${emojiMeanings[e] ?? ''} `)

const TYPOS = typoFixes.map(([pattern, fix]) => [new RegExp(pattern, 'g'), fix] as const)
export const fixTypos: Transform = (text) =>
  TYPOS.reduce((t, [pattern, fix]) => t.replace(pattern, fix), text)

// Control characters and the replacement character from invalid UTF-8 carry nothing
// eslint-disable-next-line no-control-regex -- matching control characters is the point
const NOISE_CHARS = /[\u0000-\u0008\u000b-\u001f\u007f\ufffd]/g
export const dropControlChars: Transform = (text) => text.replace(NOISE_CHARS, ' ')

export const collapseSpace: Transform = (text) => text.replace(/\s+/g, ' ').trim()

/** The steps in order: later steps rely on earlier ones (typo fixes expect Simplified text). */
export const transforms: readonly Transform[] = [
  dropControlChars,
  toHalfWidth,
  toLowerCase,
  stripPinyinNotes,
  traditionalToSimplified,
  emojiToWords,
  fixTypos,
  collapseSpace,
]

/** The longest text classified; the rest of a very long message adds nothing but time. */
export const MAX_CLASSIFIED_LENGTH = 2000

export function normalise(text: string): string {
  return normaliseTraced(text).text
}

/** Normalises, and tells whether the text was written in Traditional characters. */
export function normaliseTraced(text: string): { text: string; traditional: boolean } {
  let t = text.length > MAX_CLASSIFIED_LENGTH ? text.slice(0, MAX_CLASSIFIED_LENGTH) : text
  let traditional = false
  for (const step of transforms) {
    const next = step(t)
    if (step === traditionalToSimplified && next !== t) traditional = true
    t = next
  }
  return { text: t, traditional }
}
