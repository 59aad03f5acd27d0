import { describe, expect, it } from 'vitest'
import { comparedPeriod, comparedThrough, periodEn, periodZh } from './compared-period'

describe('the period a year is compared over', () => {
  it('is all of a finished year', () => {
    const p = comparedPeriod(2025, '2026-03-02')
    expect(p).toEqual({ year: 2025, through: '12', asOf: null })
    expect([periodZh(p), periodEn(p), comparedThrough(p)]).toEqual(['2025年', '2025', '2025-12'])
  })

  it('is the complete months of a running year, as the bulletins name them', () => {
    const p = comparedPeriod(2026, '2026-11-28')
    expect(p).toEqual({ year: 2026, through: '10', asOf: '2026-11-28' })
    expect([periodZh(p), periodEn(p), comparedThrough(p)]).toEqual([
      '2026年1–10月',
      'January–October 2026',
      '2026-10',
    ])
    const february = comparedPeriod(2026, '2026-02-01')
    expect([periodZh(february), periodEn(february)]).toEqual(['2026年1月', 'January 2026'])
  })

  it('is nothing compared in January, the days so far named', () => {
    const p = comparedPeriod(2026, '2026-01-15')
    expect(p.through).toBeNull()
    expect(comparedThrough(p)).toBeNull()
    expect([periodZh(p), periodEn(p)]).toEqual(['2026年1月1日至15日', '2026 to 15 January'])
    expect(periodZh(comparedPeriod(2026, '2026-01-01'))).toBe('2026年1月1日')
  })
})
