/**
 * Homophone and look-alike typos residents make, as [pattern, fix]. Patterns are regular
 * expressions over Simplified text; lookaheads keep real words intact (意味着 means "means").
 */
export const typoFixes: ReadonlyArray<readonly [string, string]> = [
  ['[燥躁]音', '噪音'],
  ['[燥躁]声', '噪声'],
  ['意味(?![着著])', '异味'],
  ['杨尘|(?<!溧)阳尘', '扬尘'],
  ['尾汽', '尾气'],
  ['[拉垃]圾|拉级|垃级', '垃圾'],
  ['油[湮咽]', '油烟'],
  ['臭未', '臭味'],
  ['刺[鼻比]的?味', '刺鼻味'],
  ['排[污物]口', '排污口'],
  ['汚', '污'],
  ['[烧稍]焦味', '烧焦味'],
  ['广场午', '广场舞'],
  ['装[休秀]', '装修'],
  ['辐[身谢]', '辐射'],
]

/** Emoji that carry a complaint's meaning, mapped to words the lexicon knows. */
export const emojiMeanings: Readonly<Record<string, string>> = {
  '😷': '空气差 呛',
  '🤢': '恶心 臭味',
  '🤮': '恶心 臭味',
  '🔊': '吵',
  '📢': '吵',
  '🎵': '音乐',
  '🎶': '音乐',
  '💃': '跳舞',
  '🏭': '工厂',
  '💨': '烟',
  '🔥': '火',
  '🐟': '鱼',
  '🐠': '鱼',
  '🚧': '施工',
  '🏗️': '工地',
  '🏗': '工地',
  '🚚': '货车',
  '🗑️': '垃圾',
  '🗑': '垃圾',
  '☢️': '辐射',
  '☢': '辐射',
  '👍': '好评',
  '👎': '差评',
  '😡': '生气',
  '😠': '生气',
  '🙏': '谢谢',
  '😴': '睡不着',
}
