import type { Language } from './types'

const CJK = /[\u3400-\u9fff]/g
const LATIN = /[a-z]/gi

/** The language a resident wrote in, so replies can answer in kind. */
export function detectLanguage(text: string, traditional: boolean): Language {
  const cjk = text.match(CJK)?.length ?? 0
  const latin = text.match(LATIN)?.length ?? 0
  if (latin >= 3 && latin > cjk * 3) return 'en'
  return traditional ? 'zh-Hant' : 'zh-Hans'
}
