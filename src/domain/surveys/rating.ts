import { toHalfWidth, traditionalToSimplified } from '../classify/normalise'
export const RATINGS = ['satisfied', 'basically_satisfied', 'dissatisfied'] as const
export type Rating = (typeof RATINGS)[number]

/** The scale as residents see it (SPEC §5). */
export const RATING_ZH: Record<Rating, string> = {
  satisfied: '满意',
  basically_satisfied: '基本满意',
  dissatisfied: '不满意',
}

// Checked in order: dissatisfied first, since 「不满意」 and 「不太满意」 contain 「满意」 and 「基本满意」 does too;
// English words are whole words, so "unsatisfied" is not read as "satisfied".
const WORDS: ReadonlyArray<readonly [RegExp, Rating]> = [
  [
    new RegExp(
      [
        /不满意|(不太|不是很|不怎么|不大|不够|不算|没那么|谈不上|说不上)满意/,
        /没(有)?(解决|处理|效果|改善|变化|人管)|未解决|一点用都没有|没用|不作为|敷衍/,
        /还是(很|一样|那么)?(吵|臭|有味|响|冒烟)|依然|依旧|照样|还在(吵|排|冒|响)/,
        /差评|很差|太差|不行|不好(?!意思)|失望|👎|😡/,
        /\b(dissatisfied|unsatisfied|unhappy|useless|poor)\b|(?<!not )\bbad\b/,
        /\bnot (resolved|satisfied|happy|fixed|good)\b/,
      ]
        .map((r) => r.source)
        .join('|'),
      'iu',
    ),
    'dissatisfied',
  ],
  [
    /基本满意|比较满意|还算满意|还行|一般|还可以|马马虎虎|凑合|勉强|\bbasically\b|\bso-so\b|\bokay\b|\bok\b|\bfine\b|\bnot bad\b/i,
    'basically_satisfied',
  ],
  [
    /满意|非常好|很好|不错|好评|点赞|感谢|谢谢|辛苦了|解决了|处理好了|\b(satisfied|great|good|excellent|thanks)\b|thank you|👍|👌/i,
    'satisfied',
  ],
]

const CHINESE_DIGITS: Record<string, number> = { 一: 1, 二: 2, 两: 2, 三: 3, 四: 4, 五: 5 }

/**
 * A 1–5 score, only when the whole message is one (「5」「打4分」「三星」「2/5」): a digit inside a
 * sentence is a floor, a day or a count (「4楼还是很吵」「过了3天」), not a rating.
 */
function scoreOf(text: string): number | null {
  const m =
    /^(?:打|给|评)?\s*([1-5一二两三四五])\s*(?:分|星|颗星|stars?|\/\s*5)?\s*(?:吧|啦)?\s*[。.!！]?$/i.exec(
      text,
    )
  if (!m) return null
  return CHINESE_DIGITS[m[1]!] ?? Number(m[1])
}

/** A rating from what a resident wrote: a quick reply, free words, an emoji, or a 1–5 score. */
export function ratingOf(text: string): Rating | null {
  // full-width digits and letters (「５分」) read as their ASCII forms, Traditional (「不滿意」) as Simplified
  const plain = traditionalToSimplified(toHalfWidth(text)).trim()
  const score = scoreOf(plain)
  if (score !== null)
    return score >= 4 ? 'satisfied' : score === 3 ? 'basically_satisfied' : 'dissatisfied'
  for (const [pattern, rating] of WORDS) if (pattern.test(plain)) return rating
  return null
}
