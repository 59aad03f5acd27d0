import { describe, expect, it } from 'vitest'
import { classify } from '../classify/classify'
import type { Classification } from '../classify/types'
import {
  converse,
  initialState,
  type ConversationState,
  type Inbound,
  type Turn,
} from './conversation'

const NOW = new Date('2026-11-28T02:00:00Z')
const later = (minutes: number) => new Date(NOW.getTime() + minutes * 60_000)

function report(over: Partial<Classification> = {}): Classification {
  return {
    intent: 'report',
    category: 'noise',
    subcategory: 'construction',
    confidence: 0.9,
    district: null,
    terms: ['打桩'],
    urgent: false,
    language: 'zh-Hans',
    caseNumber: null,
    alternatives: [
      { category: 'noise', p: 0.9 },
      { category: 'air', p: 0.05 },
    ],
    ...over,
  }
}
const chat = (over: Partial<Classification> = {}) =>
  report({
    intent: 'chitchat',
    category: 'none',
    subcategory: 'none',
    confidence: 0.2,
    terms: [],
    ...over,
  })
const text = (t: string): Inbound => ({ kind: 'text', text: t })
const last = (turn: Turn) => turn.replies.at(-1)!

describe('intake conversation', () => {
  it('shows one confirmation when the first message already says what, where and when', () => {
    const turn = converse(
      initialState(),
      text('武进区工地每天半夜打桩'),
      report({ district: '武进区' }),
      NOW,
    )
    expect(turn.commands).toEqual([])
    expect(last(turn).text).toMatch(/请确认投诉内容[\s\S]*地点：武进区[\s\S]*时间：每天半夜打桩/)
    expect(last(turn).options).toEqual(['确认提交', '匿名提交', '取消'])
  })

  it('files on 确认提交 with what was gathered', () => {
    const confirm = converse(
      initialState(),
      text('武进区工地每天半夜打桩'),
      report({ district: '武进区' }),
      NOW,
    )
    const turn = converse(confirm.state, text('确认提交'), chat(), NOW)
    expect(turn.commands).toEqual([
      {
        type: 'file_case',
        draft: expect.objectContaining({ description: '武进区工地每天半夜打桩', anonymous: false }),
      },
    ])
    expect(turn.state.draft).toBeNull()
  })

  it('asks for what is missing one question at a time: where, then when', () => {
    const where = converse(initialState(), text('工地打桩'), report(), NOW)
    expect(where.replies).toHaveLength(1)
    expect(last(where).text).toMatch(/具体位置/)
    const when = converse(where.state, text('在新北区'), chat({ district: '新北区' }), NOW)
    expect(last(when).text).toMatch(/什么时候发生/)
    expect(last(when).options).toContain('每天都有')
    const confirm = converse(when.state, text('每天都有'), chat(), NOW)
    expect(last(confirm).text).toMatch(/地点：新北区[\s\S]*时间：每天都有/)
  })

  it('understands a correction at the confirmation', () => {
    const confirm = converse(
      initialState(),
      text('新北区工地每天半夜打桩'),
      report({ district: '新北区' }),
      NOW,
    )
    const fixed = converse(
      confirm.state,
      text('不对，是在钟楼区'),
      chat({ district: '钟楼区' }),
      NOW,
    )
    expect(fixed.commands).toEqual([])
    expect(last(fixed).text).toMatch(/地点：钟楼区/)
    const filed = converse(fixed.state, text('确认'), chat(), NOW)
    expect(filed.commands[0]).toMatchObject({ draft: { classification: { district: '钟楼区' } } })
  })

  it('files anonymously when asked, and says what that means first', () => {
    const confirm = converse(
      initialState(),
      text('新北区工地每天半夜打桩'),
      report({ district: '新北区' }),
      NOW,
    )
    const turn = converse(confirm.state, text('匿名提交'), chat(), NOW)
    expect(turn.commands[0]).toMatchObject({ type: 'file_case', draft: { anonymous: true } })
  })

  it('keeps a phone number the resident gives for the call-back', () => {
    const confirm = converse(
      initialState(),
      text('新北区工地每天半夜打桩，电话13912345678'),
      report({ district: '新北区' }),
      NOW,
    )
    expect(confirm.state.draft?.phone).toBe('13912345678')
  })

  it('cancels and starts over at any point', () => {
    const where = converse(initialState(), text('工地打桩'), report(), NOW)
    const cancelled = converse(where.state, text('取消'), chat(), NOW)
    expect(cancelled.state.draft).toBeNull()
    expect(last(cancelled).text).toMatch(/已取消/)
    const restarted = converse(where.state, text('重新开始'), chat(), NOW)
    expect(restarted.state.draft).toBeNull()
    expect(last(restarted).text).toMatch(/重新开始/)
  })

  it('answers help without losing the complaint', () => {
    const where = converse(initialState(), text('工地打桩'), report(), NOW)
    const help = converse(where.state, text('帮助'), chat(), NOW)
    expect(last(help).text).toMatch(/您可以/)
    expect(help.state.draft?.description).toBe('工地打桩')
  })

  it('welcomes back a resident after 30 minutes with a short recap of the unfinished complaint', () => {
    const where = converse(initialState(), text('工地打桩'), report(), NOW)
    const soon = converse(where.state, text('在新北区'), chat({ district: '新北区' }), later(10))
    expect(soon.replies[0]!.text).not.toMatch(/欢迎回来/)
    const back = converse(where.state, text('在新北区'), chat({ district: '新北区' }), later(45))
    expect(back.replies[0]!.text).toMatch(/欢迎回来.*工地打桩/)
    expect(last(back).text).toMatch(/什么时候发生/)
  })

  it('takes a shared location inside Changzhou as the place', () => {
    const where = converse(initialState(), text('工地每天打桩'), report(), NOW)
    const turn = converse(
      where.state,
      { kind: 'location', location: { lat: 31.81, lng: 119.97, label: '常州市政府' } },
      null,
      NOW,
    )
    expect(last(turn).text).toMatch(/地点：常州市政府/)
  })

  it('refuses a location outside Changzhou politely and keeps the complaint', () => {
    const where = converse(initialState(), text('工地打桩'), report(), NOW)
    const turn = converse(
      where.state,
      { kind: 'location', location: { lat: 39.9, lng: 116.4, label: '北京' } },
      null,
      NOW,
    )
    expect(turn.commands).toEqual([])
    expect(last(turn).text).toMatch(/不在常州市范围内/)
    expect(turn.state.draft?.description).toBe('工地打桩')
  })

  it('lets a resident who does not know the place leave it to the 12369 centre', () => {
    const where = converse(initialState(), text('工地每天打桩'), report(), NOW)
    const turn = converse(where.state, text('我也不清楚'), chat(), NOW)
    expect(last(turn).text).toMatch(/请确认[\s\S]*地点：地点未能确定/)
  })

  it('keeps photos sent before the confirmation', () => {
    const confirm = converse(
      initialState(),
      text('新北区工地每天半夜打桩'),
      report({ district: '新北区' }),
      NOW,
    )
    const photo = converse(
      confirm.state,
      { kind: 'image', imageUrl: 'https://example.org/a.jpg' },
      null,
      NOW,
    )
    expect(photo.replies[0]!.text).toMatch(/照片已收到/)
    const filed = converse(photo.state, text('确认提交'), chat(), NOW)
    expect(filed.commands[0]).toMatchObject({ draft: { imageUrls: ['https://example.org/a.jpg'] } })
  })

  it('offers the likeliest categories as quick replies when unsure, and takes the one picked', () => {
    const unsure = report({
      category: 'air',
      subcategory: 'odor',
      confidence: 0.35,
      district: '天宁区',
      alternatives: [
        { category: 'air', p: 0.45 },
        { category: 'water', p: 0.4 },
        { category: 'waste', p: 0.15 },
      ],
    })
    const ask = converse(initialState(), text('河边那个味道每天都有'), unsure, NOW)
    expect(last(ask).options).toEqual(['大气污染', '水污染', '固体废物', '都不是'])
    const pick = converse(ask.state, text('水污染'), chat(), NOW)
    expect(last(pick).text).toMatch(/类别：水污染/)
    expect(pick.state.draft?.classification).toMatchObject({
      category: 'water',
      subcategory: 'none',
    })
  })

  it('offers every category when none of the likeliest fits, and asks again on an unknown answer', () => {
    const unsure = report({
      confidence: 0.3,
      district: '天宁区',
      alternatives: [
        { category: 'noise', p: 0.5 },
        { category: 'air', p: 0.4 },
      ],
    })
    const ask = converse(initialState(), text('有问题'), unsure, NOW)
    const again = converse(ask.state, text('蓝色'), chat(), NOW)
    expect(last(again).options).toEqual(['噪声污染', '大气污染', '都不是'])
    const more = converse(ask.state, text('都不是'), chat(), NOW)
    expect(last(more).options).toEqual([
      '大气污染',
      '噪声污染',
      '水污染',
      '固体废物',
      '辐射',
      '其他',
    ])
  })

  it('turns a status question into a lookup', () => {
    const turn = converse(
      initialState(),
      text('CZ20261128-0001 进度'),
      report({ intent: 'status', category: 'none', caseNumber: 'CZ20261128-0001' }),
      NOW,
    )
    expect(turn.commands).toEqual([{ type: 'status', caseNumber: 'CZ20261128-0001' }])
  })

  it('answers in Traditional Chinese and in English when the resident writes so', () => {
    const hant = converse(
      initialState(),
      text('工地噪音擾民'),
      report({ language: 'zh-Hant' }),
      NOW,
    )
    expect(last(hant).text).toMatch(/請告訴我們/)
    const en = converse(initialState(), text('construction noise'), report({ language: 'en' }), NOW)
    expect(last(en).text).toMatch(/Where is it\?/)
    expect((en.state as ConversationState).language).toBe('en')
    const enWhen = converse(
      en.state,
      text('in Wujin'),
      chat({ language: 'en', district: '武进区' }),
      NOW,
    )
    expect(last(enWhen).options).toContain('Every day')
  })

  it('files on the common ways of saying yes, and does not file chatter into the description', () => {
    const confirm = converse(
      initialState(),
      text('新北区工地每天半夜打桩'),
      report({ district: '新北区' }),
      NOW,
    )
    expect(converse(confirm.state, text('确定'), chat(), NOW).commands[0]).toMatchObject({
      type: 'file_case',
    })
    const chatter = converse(confirm.state, text('嗯嗯那个'), chat(), NOW)
    expect(chatter.commands).toEqual([])
    expect(last(chatter).text).toMatch(/确认提交/)
    expect(chatter.state.draft?.description).toBe('新北区工地每天半夜打桩')
  })

  it('keeps a location sent before the description, and reads the district from its label', () => {
    const loc = { lat: 31.78, lng: 119.95, label: '江苏省常州市钟楼区南大街' }
    const first = converse(initialState(), { kind: 'location', location: loc }, null, NOW)
    expect(last(first).text).toMatch(/位置已收到/)
    const turn = converse(
      first.state,
      text('这里饭店油烟每天都很大'),
      report({ category: 'air', subcategory: 'catering_fumes' }),
      NOW,
    )
    expect(turn.state.draft).toMatchObject({
      location: loc,
      classification: { district: '钟楼区' },
    })
    expect(last(turn).text).toMatch(/请确认/)
  })

  it('keeps photos sent before the description', () => {
    const photo = converse(
      initialState(),
      { kind: 'image', imageUrl: '/api/v1/photos/a.jpg' },
      null,
      NOW,
    )
    const turn = converse(photo.state, text('工地每天打桩'), report(), NOW)
    expect(turn.state.draft?.imageUrls).toEqual(['/api/v1/photos/a.jpg'])
  })

  it('keeps a place given while the category question is open', () => {
    const unsure = report({
      confidence: 0.3,
      alternatives: [
        { category: 'noise', p: 0.5 },
        { category: 'air', p: 0.4 },
      ],
    })
    const ask = converse(initialState(), text('这边很难受'), unsure, NOW)
    const place = converse(
      ask.state,
      text('在钟楼区南大街'),
      chat({ district: '钟楼区', place: '南大街' }),
      NOW,
    )
    expect(last(place).options).toContain('噪声污染')
    const pick = converse(place.state, text('噪声污染'), chat(), NOW)
    expect(pick.state.draft?.classification.district).toBe('钟楼区')
    expect(last(pick).text).not.toMatch(/具体位置/)
  })

  it('caps the messages one complaint may take, and lets the resident start again at once', () => {
    const where = converse(initialState(), text('工地打桩'), report(), NOW)
    const long: ConversationState = { ...where.state, turns: 1000 }
    const capped = converse(long, text('还在打桩'), report(), NOW)
    expect(capped.commands).toEqual([])
    expect(last(capped).text).toMatch(/很长了，内容没有提交/)
    expect(capped.state.draft).toBeNull()
    const again = converse(capped.state, text('重新开始'), chat(), NOW)
    expect(last(again).text).toMatch(/重新开始/)
    const fresh = converse(again.state, text('工地打桩'), report(), NOW)
    expect(last(fresh).text).toMatch(/具体位置/)
  })

  it('never locks out a resident whose one conversation has gone on for years', () => {
    // a WeChat user keeps one conversation forever; filing starts the count again
    const old: ConversationState = { ...initialState(), turns: 5000 }
    const turn = converse(old, text('重新开始'), chat(), NOW)
    expect(last(turn).text).toMatch(/重新开始/)
    const complaint = converse(
      turn.state,
      text('武进区工地每天半夜打桩'),
      report({ district: '武进区' }),
      NOW,
    )
    const filed = converse(complaint.state, text('确认提交'), chat(), NOW)
    expect(filed.commands[0]).toMatchObject({ type: 'file_case' })
    expect(converse(filed.state, text('你好'), chat(), NOW).state.turns).toBe(0)
  })
})

/** Sends the messages in turn through the real classifier, as the service does. */
function conversation(...messages: (string | Inbound)[]): Turn[] {
  let state = initialState()
  return messages.map((m) => {
    const inbound = typeof m === 'string' ? text(m) : m
    const turn = converse(
      state,
      inbound,
      inbound.kind === 'text' ? classify(inbound.text) : null,
      NOW,
    )
    state = turn.state
    return turn
  })
}
const filedDraft = (turn: Turn) => {
  const command = turn.commands[0]
  if (command?.type !== 'file_case') throw new Error(`not filed: ${JSON.stringify(turn.replies)}`)
  return command.draft
}
const photo = (url: string): Inbound => ({ kind: 'image', imageUrl: url })

describe('intake conversation, as residents wrote it', () => {
  it.each(['我要投诉', '我要举报', '我想投诉。', '我要投訴', 'I want to complain'])(
    'answers 「%s」 with an invitation to describe the problem, filing nothing and asking no status',
    (message) => {
      const [turn] = conversation(message)
      expect(turn!.commands).toEqual([])
      expect(last(turn!).text).toMatch(/描述|describe/i)
      expect(turn!.state.draft ?? null).toBeNull()
    },
  )

  it('still takes 「我要投诉，楼下饭店油烟很大」 as the complaint itself', () => {
    const [turn] = conversation('我要投诉，钟楼区西林街道楼下饭店油烟很大')
    expect(turn!.state.draft).toMatchObject({ classification: { category: 'air' } })
  })

  it('takes the offered 「之前发生过」 as the answer to when, not as a status query', () => {
    const [, answer] = conversation('钟楼区工地噪音', '之前发生过')
    expect(answer!.commands).toEqual([])
    expect(last(answer!).text).toMatch(/请确认投诉内容[\s\S]*时间：之前发生过/)
  })

  it('takes "not sure" and the offered times in English as answers, not as feedback', () => {
    const [, place, when] = conversation('Strong smell near my home', 'not sure', 'not sure')
    expect(last(place!).text).not.toMatch(/Thank you for your feedback/)
    expect(last(place!).text).toMatch(/When does it happen/)
    expect(last(when!).text).toMatch(/Please check your complaint[\s\S]*When: not stated/)
    for (const option of ['Happening now', 'It happened before']) {
      const [, answer] = conversation('Strong smell near my home in Zhonglou', option)
      expect(last(answer!).text).toMatch(new RegExp(`When: ${option}`))
    }
  })

  it('takes 「現在」 in Traditional Chinese as the time', () => {
    const [, answer] = conversation('鐘樓區工地噪音', '現在')
    expect(answer!.commands).toEqual([])
    expect(last(answer!).text).toMatch(/請確認投訴內容[\s\S]*時間：現在/)
  })

  it('still looks up a case named while a question is open', () => {
    const [, lookup] = conversation('钟楼区工地噪音', 'CZ20261128-0007')
    expect(lookup!.commands).toEqual([{ type: 'status', caseNumber: 'CZ20261128-0007' }])
  })

  it('keeps what the answer to when says, and files night-time piling as urgent', () => {
    const turns = conversation('天宁区工地在打桩，吵死了', '半夜十二点还在打桩，根本睡不着', '确认')
    const draft = filedDraft(turns[2]!)
    expect(draft.description).toContain('半夜十二点还在打桩')
    expect(draft.classification.urgent).toBe(true)
  })

  it('takes a phone given as the answer to when as the phone, not the time', () => {
    const turns = conversation('新北区工地打桩很吵', '13912345678', '确认')
    expect(last(turns[1]!).text).not.toMatch(/时间：13912345678/)
    expect(filedDraft(turns[2]!).phone).toBe('13912345678')
  })

  it('judges urgency over the whole complaint, told one piece at a time', () => {
    const turns = conversation('工地打桩很吵', '半夜', '钟楼区', '确认')
    expect(filedDraft(turns[3]!).classification.urgent).toBe(true)
  })

  it('takes 「是油烟不是噪音」 at the confirmation as the category', () => {
    const turns = conversation('钟楼区西林街道楼下每天晚上很吵', '是油烟不是噪音', '确认')
    expect(last(turns[1]!).text).toMatch(/类别：大气污染/)
    expect(filedDraft(turns[2]!).classification).toMatchObject({
      category: 'air',
      subcategory: 'catering_fumes',
    })
  })

  it('takes a corrected time at the confirmation', () => {
    const turns = conversation('钟楼区西林街道楼下每天晚上很吵', '时间不对，是凌晨两点', '确认')
    expect(last(turns[1]!).text).toMatch(/时间：凌晨两点/)
    expect(filedDraft(turns[2]!).occurred).toBe('凌晨两点')
  })

  it('takes a time word at the confirmation as the time, not as a status query', () => {
    const turns = conversation('钟楼区工地噪音', '每天都有', '现在')
    expect(turns[2]!.commands).toEqual([])
    expect(last(turns[2]!).text).toMatch(/时间：现在/)
  })

  it("files under a shared location's district, the one the summary shows", () => {
    const shared: Inbound = {
      kind: 'location',
      location: { lat: 31.92, lng: 119.93, label: '江苏省常州市新北区三井街道' },
    }
    const turns = conversation('钟楼区工厂冒黑烟，每天都有', shared, '确认')
    expect(last(turns[1]!).text).toMatch(/地点：江苏省常州市新北区三井街道/)
    expect(filedDraft(turns[2]!).classification.district).toBe('新北区')
  })

  it('moves the complaint when the district is corrected after a location was shared', () => {
    const shared: Inbound = {
      kind: 'location',
      location: { lat: 31.92, lng: 119.93, label: '江苏省常州市新北区三井街道' },
    }
    const turns = conversation('工厂冒黑烟，每天都有', shared, '不对，是在钟楼区', '确认')
    expect(last(turns[2]!).text).toMatch(/地点：钟楼区/)
    expect(filedDraft(turns[3]!)).toMatchObject({
      location: null,
      classification: { district: '钟楼区' },
    })
  })

  it('adds a photo sent right after filing to the case just filed', () => {
    const turns = conversation(
      '武进区工地每天半夜打桩',
      '确认提交',
      photo('https://example.org/a.jpg'),
    )
    expect(turns[2]!.commands).toEqual([
      { type: 'attach_photo', imageUrl: 'https://example.org/a.jpg' },
    ])
    expect(turns[2]!.state.pending).toBeUndefined()
  })

  it('forgets a place and photos held before cancelling or starting over', () => {
    const shared: Inbound = {
      kind: 'location',
      location: { lat: 31.78, lng: 119.95, label: '江苏省常州市钟楼区西林街道' },
    }
    for (const word of ['取消', '重新开始']) {
      const turns = conversation(
        shared,
        photo('https://example.org/b.jpg'),
        word,
        '新北区工地打桩很吵',
      )
      const draft = turns[3]!.state.draft!
      expect(draft.imageUrls).toEqual([])
      expect(draft.location).toBeNull()
      expect(draft.classification.district).toBe('新北区')
    }
  })
})
