import { describe, expect, it } from 'vitest'
import { buildMenu, menuWidth, surveyMenuName } from './build-menu'

const survey = (slug: string, title: string, menuLabel: string | null = null) => ({
  slug,
  title,
  menuLabel,
})

describe('the Official Account menu', () => {
  it('offers complaining and the resident’s own cases when no survey is published', () => {
    const { menu, warnings } = buildMenu([], 'https://hb.example.gov.cn')
    expect(menu.button.map((b) => b.name)).toEqual(['我要投诉', '我的投诉'])
    expect(warnings).toEqual([])
  })

  it('lists published surveys as links under 问卷调查， newest first, at most five', () => {
    const surveys = Array.from({ length: 6 }, (_, i) => survey(`s${i}`, `第${i}期调查`))
    const { menu, warnings } = buildMenu(surveys, 'https://hb.example.gov.cn/')
    const entry = menu.button[2] as { name: string; sub_button: { name: string; url: string }[] }
    expect(entry.name).toBe('问卷调查')
    expect(entry.sub_button.map((b) => b.url)).toEqual(
      ['s0', 's1', 's2', 's3', 's4'].map((s) => `https://hb.example.gov.cn/surveys/${s}`),
    )
    expect(warnings.join()).toMatch(/最多放 5 份/)
  })

  it('leaves surveys out, and says why, when the public address is not configured', () => {
    const { menu, warnings } = buildMenu([survey('a', '年度调查')], undefined)
    expect(menu.button).toHaveLength(2)
    expect(warnings.join()).toMatch(/PUBLIC_BASE_URL/)
  })

  it('names a survey by its menu label, or by its title cut to what WeChat shows', () => {
    expect(surveyMenuName(survey('a', '2026年度生态环境公众满意度调查', '年度满意度'))).toBe(
      '年度满意度',
    )
    const cut = surveyMenuName(survey('a', '2026年度生态环境公众满意度调查'))
    expect(cut).toBe('2026年度生态环…')
    expect(menuWidth(cut)).toBeLessThanOrEqual(16)
    expect(surveyMenuName(survey('a', 'Air quality'))).toBe('Air quality')
  })
})
