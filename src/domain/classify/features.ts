const isCjk = (code: number) => code >= 0x3400 && code <= 0x9fff
const WORD = /[a-z][a-z']+/g

/**
 * The tokens the statistical model sees: the lexicon and gazetteer terms found (whole, as a
 * user dictionary would keep them), every pair of adjacent Chinese characters (character
 * bigrams need no segmenter and cope with words no dictionary has), and English words.
 */
export function features(text: string, terms: readonly string[]): string[] {
  const out = new Set<string>()
  for (const term of terms) out.add(`T:${term}`)
  for (let i = 0; i + 1 < text.length; i++) {
    if (isCjk(text.charCodeAt(i)) && isCjk(text.charCodeAt(i + 1)))
      out.add(`B:${text.slice(i, i + 2)}`)
  }
  for (const word of text.match(WORD) ?? []) out.add(`W:${stem(word)}`)
  return [...out]
}

/** A light English stem so that smells/smelling/smelled meet smell. */
function stem(word: string): string {
  return word.replace(/(ing|ed|es|s)$/, '') || word
}
