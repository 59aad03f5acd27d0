export const RATINGS = ['satisfied', 'basically_satisfied', 'dissatisfied'] as const
export type Rating = (typeof RATINGS)[number]

/** The scale as residents see it (SPEC §5). */
export const RATING_ZH: Record<Rating, string> = {
  satisfied: '满意',
  basically_satisfied: '基本满意',
  dissatisfied: '不满意',
}

// Checked in order: 「不满意」 contains 「满意」, and 「基本满意」 too.
const WORDS: ReadonlyArray<readonly [RegExp, Rating]> = [
  [
    /不满意|没解决|没有解决|一点用都没有|没用|还是(很)?(吵|臭|有味)|差评|很差|太差|敷衍|dissatisfied|not (resolved|satisfied)|👎/i,
    'dissatisfied',
  ],
  [/基本满意|还行|一般|还可以|马马虎虎|凑合|basically|okay-ish|so-so/i, 'basically_satisfied'],
  [
    /满意|非常好|很好|不错|好评|点赞|感谢|谢谢|辛苦了|satisfied|great|thanks|thank you|👍/i,
    'satisfied',
  ],
]

/** A rating from what a resident wrote: a quick reply, free words, an emoji, or a 1–5 score. */
export function ratingOf(text: string): Rating | null {
  const score = /(?:^|[^\d])([1-5])\s*(?:分|星|颗星|stars?|\/\s*5)?(?:$|[^\d])/.exec(text.trim())
  if (score && /^\D*[1-5]\D*$/.test(text.trim())) {
    const n = Number(score[1])
    return n >= 4 ? 'satisfied' : n === 3 ? 'basically_satisfied' : 'dissatisfied'
  }
  for (const [pattern, rating] of WORDS) if (pattern.test(text)) return rating
  return null
}
