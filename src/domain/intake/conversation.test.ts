import { describe, expect, it } from 'vitest'
import type { Classification } from '../classify/types'
import { converse, initialState, type ConversationState, type Inbound } from './conversation'

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

const text = (t: string): Inbound => ({ kind: 'text', text: t })

describe('intake conversation', () => {
  it('files at once when the complaint already says where', () => {
    const turn = converse(initialState(), text('武进区工地打桩'), report({ district: '武进区' }))
    expect(turn.commands).toEqual([
      { type: 'file_case', draft: expect.objectContaining({ description: '武进区工地打桩' }) },
    ])
    expect(turn.state.draft).toBeNull()
  })

  it('asks where, one question, when the place is missing', () => {
    const turn = converse(initialState(), text('工地打桩'), report())
    expect(turn.commands).toEqual([])
    expect(turn.replies).toHaveLength(1)
    expect(turn.replies[0]!.text).toMatch(/位置/)
    expect(turn.state.draft?.description).toBe('工地打桩')
  })

  it('files once the resident names the place, keeping the first description', () => {
    const first = converse(initialState(), text('工地打桩'), report())
    const place: Classification = {
      ...report(),
      intent: 'chitchat',
      category: 'none',
      subcategory: 'none',
      district: '新北区',
      confidence: 0.3,
    }
    const turn = converse(first.state, text('在新北区'), place)
    expect(turn.commands[0]).toMatchObject({
      type: 'file_case',
      draft: {
        description: '工地打桩\n在新北区',
        classification: { category: 'noise', district: '新北区' },
      },
    })
  })

  it('files with a shared location inside Changzhou', () => {
    const first = converse(initialState(), text('工地打桩'), report())
    const turn = converse(
      first.state,
      { kind: 'location', location: { lat: 31.81, lng: 119.97, label: '常州市政府' } },
      null,
    )
    expect(turn.commands[0]).toMatchObject({
      type: 'file_case',
      draft: { location: { lat: 31.81 } },
    })
  })

  it('refuses a location outside Changzhou politely and keeps the complaint', () => {
    const first = converse(initialState(), text('工地打桩'), report())
    const turn = converse(
      first.state,
      { kind: 'location', location: { lat: 39.9, lng: 116.4, label: '北京' } },
      null,
    )
    expect(turn.commands).toEqual([])
    expect(turn.replies[0]!.text).toMatch(/不在常州市范围内/)
    expect(turn.state.draft?.description).toBe('工地打桩')
  })

  it('lets a resident who does not know the place file it for the 12369 centre to dispatch', () => {
    const first = converse(initialState(), text('工地打桩'), report())
    const turn = converse(first.state, text('不清楚'), {
      ...report(),
      intent: 'chitchat',
      category: 'none',
      confidence: 0.2,
    })
    expect(turn.commands[0]).toMatchObject({ type: 'file_case' })
  })

  it('offers the likeliest categories as quick replies when unsure, and files what the resident picks', () => {
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
    const ask = converse(initialState(), text('河边那个味道'), unsure)
    expect(ask.commands).toEqual([])
    expect(ask.replies[0]!.options).toEqual(['大气污染', '水污染', '固体废物', '都不是'])
    const pick = converse(ask.state, text('水污染'), {
      ...unsure,
      intent: 'chitchat',
      confidence: 0.2,
    })
    expect(pick.commands[0]).toMatchObject({
      type: 'file_case',
      draft: { classification: { category: 'water', subcategory: 'none' } },
    })
  })

  it('offers every category when none of the likeliest fits', () => {
    const unsure = report({
      confidence: 0.3,
      district: '天宁区',
      alternatives: [
        { category: 'noise', p: 0.5 },
        { category: 'air', p: 0.4 },
      ],
    })
    const ask = converse(initialState(), text('有问题'), unsure)
    const more = converse(ask.state, text('都不是'), {
      ...unsure,
      intent: 'chitchat',
      category: 'none',
    })
    expect(more.commands).toEqual([])
    expect(more.replies[0]!.options).toEqual([
      '大气污染',
      '噪声污染',
      '水污染',
      '固体废物',
      '辐射',
      '其他',
    ])
    const pick = converse(more.state, text('辐射'), {
      ...unsure,
      intent: 'chitchat',
      category: 'none',
    })
    expect(pick.commands[0]).toMatchObject({
      type: 'file_case',
      draft: { classification: { category: 'radiation' } },
    })
  })

  it('asks again when the answer is not one of the choices', () => {
    const unsure = report({
      confidence: 0.3,
      district: '天宁区',
      alternatives: [
        { category: 'noise', p: 0.5 },
        { category: 'air', p: 0.4 },
      ],
    })
    const ask = converse(initialState(), text('有问题'), unsure)
    const again = converse(ask.state, text('蓝色'), {
      ...unsure,
      intent: 'chitchat',
      category: 'none',
    })
    expect(again.commands).toEqual([])
    expect(again.replies[0]!.options).toContain('噪声污染')
  })

  it('turns a status question into a lookup', () => {
    const turn = converse(
      initialState(),
      text('CZ20261128-0001 进度'),
      report({ intent: 'status', category: 'none', caseNumber: 'CZ20261128-0001' }),
    )
    expect(turn.commands).toEqual([{ type: 'status', caseNumber: 'CZ20261128-0001' }])
  })

  it('answers in Traditional Chinese and in English when the resident writes so', () => {
    const hant = converse(initialState(), text('工地噪音擾民'), report({ language: 'zh-Hant' }))
    expect(hant.replies[0]!.text).toMatch(/請告訴我們/)
    const en = converse(initialState(), text('construction noise'), report({ language: 'en' }))
    expect(en.replies[0]!.text).toMatch(/Where is it\?/)
    expect((en.state as ConversationState).language).toBe('en')
  })
})
