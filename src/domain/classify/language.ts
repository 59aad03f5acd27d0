import * as OpenCC from 'opencc-js/t2cn'
import type { Language } from './types'

const toSimplified = OpenCC.Converter({ from: 'tw', to: 'cn' })
const CJK = /[\u3400-\u9fff]/g
const LATIN = /[a-z]/gi

/** The language a resident wrote in, so replies can answer in kind. */
export function detectLanguage(text: string): Language {
  const cjk = text.match(CJK)?.length ?? 0
  const latin = text.match(LATIN)?.length ?? 0
  if (latin >= 3 && latin > cjk * 3) return 'en'
  if (cjk > 0 && toSimplified(text) !== text) return 'zh-Hant'
  return 'zh-Hans'
}
