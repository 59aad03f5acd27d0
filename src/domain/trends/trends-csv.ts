import { stringify } from 'csv-stringify/sync'
import { yoy, type Series } from './figures'

const BY_ZH = { category: '类别', subcategory: '子类', district: '区县' } as const

/**
 * The trends as a spreadsheet: one row per group and period, this year beside last year, with
 * Chinese headers; UTF-8 with a BOM so Excel reads the Chinese correctly.
 */
export function trendsCsv(t: {
  year: number
  district: string | null
  by: keyof typeof BY_ZH
  periods: string[]
  series: Series[]
  total: Series | null
}): string {
  const rows: (string | number)[][] = []
  for (const s of [...t.series, ...(t.total ? [t.total] : [])]) {
    t.periods.forEach((period, i) => {
      const now = s.thisYear[i]!
      const before = s.lastYear[i]!
      rows.push([
        t.year,
        period,
        t.district ?? '全市',
        BY_ZH[t.by],
        s.label,
        s.key,
        now,
        before,
        yoy(now, before)?.toFixed(1) ?? '',
      ])
    })
  }
  return stringify(rows, {
    bom: true,
    header: true,
    columns: [
      '年份',
      '期间',
      '范围',
      '维度',
      '分组',
      '代码',
      '本年投诉件数',
      '上年同期件数',
      '同比(%)',
    ],
  })
}
