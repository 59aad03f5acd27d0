import { describe, expect, it } from 'vitest'
import { summarise } from './summary'

const counts = (o: Record<string, number>) => new Map(Object.entries(o))

describe('the year summary', () => {
  const input = {
    year: 2026,
    counts: counts({ air: 775, noise: 759, water: 120, waste: 80, radiation: 10, other: 56 }),
    lastYear: counts({ air: 1000, noise: 1000, water: 118, waste: 100, radiation: 10, other: 72 }),
    ratings: counts({ satisfied: 800, basically_satisfied: 157, dissatisfied: 43, not_rated: 120 }),
  }

  it('gives each category its year-on-year change and the satisfaction rate (not rated apart)', () => {
    const s = summarise({ ...input, lang: 'zh' })
    expect(s.categories.air).toEqual({ count: 775, lastYear: 1000, yoy: -22.5 })
    expect(s.categories.noise).toEqual({ count: 759, lastYear: 1000, yoy: -24.1 })
    expect(s.satisfactionRate).toBe(95.7)
    expect(s.answered).toBe(1000)
    expect(s.notRated).toBe(120)
  })

  it('writes the sentence of the annual report', () => {
    const { text } = summarise({ ...input, lang: 'zh' })
    expect(text).toContain('大气、噪声、固体废物污染投诉分别同比下降22.5%、24.1%、20.0%')
    expect(text).toContain('公众满意率达95.7%')
    expect(text).toMatch(/^2026年共受理生态环境投诉1800件，同比下降/)
  })

  it('writes it in English too', () => {
    const { text } = summarise({ ...input, lang: 'en' })
    expect(text).toContain('air complaints down 22.5%')
    expect(text).toContain('public satisfaction 95.7%')
  })

  it('says nothing of a change it cannot compute', () => {
    const s = summarise({
      year: 2026,
      counts: counts({ air: 3 }),
      lastYear: counts({}),
      ratings: counts({}),
      lang: 'zh',
    })
    expect(s.categories.air.yoy).toBeNull()
    expect(s.satisfactionRate).toBeNull()
    expect(s.text).toBe('2026年共受理生态环境投诉3件。')
  })
})

describe('a change of nothing', () => {
  it('is 持平 (unchanged), never 上升0.0%', () => {
    const flat = {
      year: 2025,
      // noise: −1 in 20001 is −0.005%, which rounds to 0.0: unchanged too
      counts: counts({ air: 200, noise: 20000, water: 40 }),
      lastYear: counts({ air: 200, noise: 20001, water: 50 }),
      ratings: counts({}),
    }
    const zh = summarise({ ...flat, lang: 'zh' }).text
    expect(zh).toBe(
      '2025年共受理生态环境投诉20240件，同比下降0.1%，水污染投诉同比下降20.0%，大气、噪声污染投诉同比持平。',
    )
    expect(zh).not.toMatch(/[升降]0\.0%/)
    const en = summarise({ ...flat, lang: 'en' }).text
    expect(en).toContain('air complaints unchanged; noise complaints unchanged')
    const total = summarise({
      ...flat,
      counts: counts({ air: 250 }),
      lastYear: counts({ air: 200, water: 50 }),
      lang: 'zh',
    }).text
    expect(total).toBe(
      '2025年共受理生态环境投诉250件，同比持平，水污染投诉同比下降100.0%，大气污染投诉同比上升25.0%。',
    )
    expect(
      summarise({
        ...flat,
        counts: counts({ air: 250 }),
        lastYear: counts({ air: 200, water: 50 }),
        lang: 'en',
      }).text,
    ).toMatch(
      /^In 2025 the bureau handled 250 environmental complaints, unchanged on the year before;/,
    )
  })
})
