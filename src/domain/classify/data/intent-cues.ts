/**
 * Words that show what a message is for when it is not a new complaint. Each cue has a weight;
 * report words (the lexicon) compete with them, so 「噪音投诉进度」 is a status question and
 * 「又开始吵了」 a report. Comma-separated, grouped by weight like the lexicon.
 */
const cueSources = {
  status: {
    4: [
      '进度, 怎么样了, 处理了吗, 处理得怎么样, 处理的怎么样, 结果呢, 有人处理吗, 办到哪, 受理了吗',
      '到哪一步, 有回音, 有人跟进, 跟进吗, 后来怎么样, 有没有查, 查了没有, 有没有被处罚, 提交成功',
      '怎么连个回复, 一直没有回复, 没有回复, 还没回复, 什么时候派人, 什么时候来, 有结果了吗, 处理结果是什么',
      '没受理, 回电话, 没人联系, 没人给我回, 有没有受理, 是不是没受理',
      'status of, progress, any update, any news, called me back, nobody has called, i reported',
      '处理中, 办结了吗, 结案了吗, 去了没有, 来过没有',
      '有没有人去看, 有没有人去查, 怎么还没人来, 还没人来, 还没有人来, 什么时候能处理, 什么时候有结果',
      'any progress, still waiting, what happened to my, reference number, my case',
      // pinyin typed without tones, as on a phone with no Chinese keyboard
      'chuli le ma, chu li le ma, jindu, jin du, you jieguo le ma, you jie guo le ma',
    ],
    3: [
      '有结果, 有人管吗, 查询, 查一下, 什么时候处理, 回复呢, 还没处理, 怎么还没, 我的投诉, 处理进展, 进展',
      '后来有没有, 化验结果, 收到短信, 工作日内回复, 怎么样啦, 谁在跟进, 跟进, 有人来吗',
      'my complaint, case number, follow up, heard back',
      '上次投诉的, 之前投诉的, 昨天投诉的, 前天投诉的, 上周投诉的, 投诉了好几天, 投诉好几天, 投诉了几天',
      '投诉了一个星期, 投诉了半个月, 投诉过的, 反映过的, 受理号, 工单号, 回访, 转办, 哪个部门在处理',
      'i complained, i filed, i submitted',
    ],
    2: ['工单, 案件, 编号, 投诉的, 反映的, 上次投诉, 之前投诉, 我投诉的, 我反映的'],
  },
  feedback: {
    5: [
      '满意, 不满意, 基本满意, 非常满意, 处理得很好, 处理得不错, 处理得好, 处理的很好, 一点用都没有',
      '效率挺高, 效率很高, 表扬, 点个赞, 给你们点赞, 不认可, 不服, 还是老样子, 没什么变化, 推来推去',
      'satisfied, dissatisfied, well handled, thank you for handling, appreciate it, nothing changed',
      '零分, 问题解决了, 已经解决了, 彻底解决, 还是没解决, 根本没解决',
      'been solved, been fixed, same as before',
      'manyi, man yi, bu manyi, bu man yi, jiejue le, jie jue le, hai shi hen chao, haishi hen chao',
    ],
    4: [
      '打分, 好评, 差评, 五星, 还是很吵, 还是臭, 还是有味, 敷衍, 效率高, 效率低, 点赞, 来过之后, 去了以后',
      '去了之后, 小了很多, 小多了, 好多了, 可以睡觉了, 效果不错, 有效果, 没效果, 非常差, 再也不投诉',
      '处理结果, 回复说, 结果出来了, 放心了, 解决了, 没解决, 没有解决, 整改了',
      'not resolved, came once, has stopped, it stopped, after your visit, much better, better now',
      '不冒烟了, 没味了, 没有味道了, 闻不到了, 不吵了, 安静了, 安静多了, 消停了, 停了两天, 又恢复',
      '罚了款, 罚款了, 罚了也没用, 谢谢环保局, 谢谢你们的处理, 感谢你们的处理, 来检查过了, 来看过了',
      '你们来了以后, 你们来过以后, 你们走了以后, 你们一走, 检查完, 一检查就停, 回复我说, 回复说已',
      'no longer, useless, good job, great job, quick response, fixed now, is gone, stopped now',
    ],
    3: [
      '评价, 还是一样, 没用, 辛苦了, 处理后, 处理之后, 一般般, 老样子, 还行, 差劲, 很差, 改善',
      '好转, 好一点了, 有改善, 没改善, 没什么用, 白投诉, 走过场, 治标不治本, 还是照样, 照样',
    ],
    2: ['谢谢你们, 感谢你们, 给你们'],
  },
  chitchat: {
    5: ['空气质量怎么样, 不是投诉, 想咨询, 咨询一下, 了解一下, 需要实名, 是真的吗, 招人'],
    4: [
      '怎么投诉, 如何投诉, 怎么举报, 怎么用, 你是谁, 今天空气, aqi, 上班时间, 找哪个部门, 哪个部门管',
      '哪个窗口, 需要提供什么, 算超标, 合法吗, 怎么办理, 许可证, 地址在哪, 电话是多少, 归谁管, 你们管',
      '值班, 可以投诉吗, 能投诉吗, 新闻说, 优良天数, how do i, who handles, can i, in english',
      '什么标准, 国家标准, 排放标准',
      '能不能管, 管不管, 归不归你们, is it safe, what is the standard',
    ],
    3: [
      '你好, 您好, 在吗, 在不在, 哈喽, 早上好, 晚上好, 再见, 帮助, 天气, 电话多少, 问问, 请问一下',
      'hello, hi, help, bye',
      'nihao, ni hao, zai ma, zaima, zaoshang hao, qing wen, qingwen, zen me tou su, zenme tousu',
    ],
    2: ['谢谢, 感谢, 多谢, 机器人, 请问, thanks, thank you, thx, xie xie, xiexie, 收到, 明白了'],
  },
} as const

function expand(groups: Readonly<Record<number, readonly string[]>>): Record<string, number> {
  const out: Record<string, number> = {}
  for (const [weight, lines] of Object.entries(groups)) {
    for (const term of lines.join(',').split(','))
      if (term.trim()) out[term.trim()] = Number(weight)
  }
  return out
}

export const intentCues = {
  status: expand(cueSources.status),
  feedback: expand(cueSources.feedback),
  chitchat: expand(cueSources.chitchat),
}

/**
 * A 0–5 score or stars in a message: 「打5分」, 「给两分」, 「3星」, 「5 stars」, or a bare digit; not a
 * phone number (「打12345」).
 */
export const SCORE_PATTERN =
  /(?:(?:打|给|评)\s*[0-5](?!\d)\s*(?:分(?!钟)|星|颗星)?|(?:打|给|评)\s*[零一二两三四五]\s*(?:分(?!钟)|星|颗星)|[0-5]\s*(?:分(?!钟)|星|颗星|stars?\b)|(?:^|[^十])[零一两二三四五]\s*(?:分(?![钟之])|颗星)\s*(?:吧|吧。|[!!。.,,]|$)|^\s*[1-5]\s*$)/

/** Words that turn the next term around: 「不是噪音的问题,是那个臭味」. */
export const NEGATIONS = ['不是', '没有', '并非', '并不是', '不算', '倒不是', 'not ', 'no ']

/** Words that mark a complaint even when nothing names the pollution. */
export const complaintMarkers = {
  投诉: 2,
  举报: 2,
  反映: 2,
  扰民: 2,
  受不了: 2,
  严重: 1,
  影响: 1,
  希望处理: 2,
  请处理: 2,
  管管: 2,
  管一管: 2,
  请核查: 2,
  请督促: 2,
  请关注: 2,
  赶紧来人: 2,
  要求: 1,
  太过分: 2,
  complain: 2,
  complaint: 2,
  report: 1,
  tousu: 2,
  'tou su': 2,
} as const

// when work at night counts: 半夜, 晚上十一点, 11pm, 2am (before the work, 「晚上10点」 may be an end time)
const NIGHT =
  '(?:半夜|凌晨|深夜|夜里|通宵|连夜|midnight|at night|overnight|through the night|(?:1[0-2]|[1-5])(?::\\d\\d)?\\s*am\\b|1[01](?::\\d\\d)?\\s*pm\\b|banye|lingchen|晚上\\s*(?:1[12]|十[一二])\\s*点|(?:晚上)?\\s*(?:10|十)\\s*点\\s*(?:以后|之后|后))'
const NIGHT_BEFORE = `(?:${NIGHT}|夜间|晚上\\s*(?:1[0-2]|十[一二]?|[1-9])\\s*点|22\\s*点|23\\s*点|night)`
const SITE = '(?:施工|打桩|工地|浇筑|挖掘|construction)'
// what a building or road crew does, said without naming the site (「半夜还在干活」)
const WORK =
  '(?:施工|打桩|工地|浇筑|挖掘|挖机|挖土|作业|干活|开工|赶工|切割|铣刨|破碎|卸货|修路|泵车|铺沥青|压路机|吊车|construction|work|drilling|digging|breaker|jackhammer|pile driving|piling|shigong|gongdi)'
const night = (what: string) => new RegExp(`${NIGHT_BEFORE}.{0,20}${what}|${what}.{0,20}${NIGHT}`)

/**
 * Urgent situations (SPEC §4): a pattern over normalised text, why it is urgent, and the
 * category (or category/subcategory) the message must have been given for the pattern to count:
 * 「半夜偷倒建筑垃圾」 names a site at night but is no night-time construction noise.
 */
export const urgentPatterns: ReadonlyArray<readonly [RegExp, string, string?]> = [
  [night(SITE), 'night_construction', 'noise'],
  [night(WORK), 'night_construction', 'noise/construction'],
  [/(头晕|头疼|头痛|呕吐|喘不过气|呼吸困难|送医|住院|dizzy|vomit|can't breathe)/, 'people_ill'],
  [
    /(死鱼|鱼死|大量死|翻白|翻着?肚|肚皮朝上|鱼[^,.!?;。，！？；]{0,6}死|死了[^,.!?;。，！？；]{0,4}鱼|鱼[^,.!?;。，！？；]{0,4}浮上来|dead fish|fish[^.!?]{0,40}\b(dead|died|dying|belly up)|\b(dead|dying)[^.!?]{0,10}fish)/,
    'dead_fish',
  ],
  [
    /(浓烈|强烈|浓重|很浓|特别浓|非常浓|很重|很冲|太冲|呛人|熏得|很刺鼻|特别刺鼻|非常刺鼻)[^,.!?;。，！？；]{0,8}(化学|化工|农药|氨|氯|硫化氢|溶剂|药水)|(化学|化工|农药|氨水|氨|氯气|硫化氢|溶剂)[^,.!?;。，！？；]{0,3}(味|气味|气体)[^.!?;。！？；]{0,8}(刺鼻得|很浓|特别浓|非常浓|浓烈|强烈|很冲|太冲|呛得|熏得|很重|受不了)|(strong|overpowering|choking|pungent|acrid)[^.!?]{0,15}chemical|chemical (smell|odou?r|stench|stink)[^.!?]{0,20}(strong|overpowering|unbearable|choking)/,
    'strong_chemical_smell',
  ],
  [/(着火|火灾|起火|爆炸|fire|explosion)/, 'fire'],
  [/(泄漏|泄露|leak)/, 'leak'],
]
