import { stringify } from 'csv-stringify/sync'
import { yoy, type Series } from './figures'

const BY_ZH = { category: '类别', subcategory: '子类', district: '区县' } as const

/** The months (1–12) of the i-th period of a year: a month, or a quarter's three. */
const monthsOf = (periods: string[], i: number): number[] =>
  periods.length === 12 ? [i + 1] : [3 * i + 1, 3 * i + 2, 3 * i + 3]

/**
 * How far a period of the year has been counted on `asOf` (null: the year is over): whole, in
 * part (the running month or quarter, with a note saying up to when), or not begun.
 */
function progressOf(months: number[], asOf: string | null, unit: string) {
  if (!asOf) return { state: 'whole' as const, note: '' }
  const month = Number(asOf.slice(5, 7))
  if (months.at(-1)! < month) return { state: 'whole' as const, note: '' }
  if (months[0]! > month) return { state: 'not begun' as const, note: '尚未开始' }
  const so = `截至${month}月${Number(asOf.slice(8, 10))}日`
  return { state: 'part' as const, note: `${so}，不足整${unit}，不计同比` }
}

/**
 * The trends as a spreadsheet: one row per group and period, this year beside last year, with
 * Chinese headers; UTF-8 with a BOM so Excel reads the Chinese correctly. While the year runs,
 * only whole periods get a change: the running one is marked as counted so far, later ones are
 * left blank (not 0 and −100%).
 */
export function trendsCsv(t: {
  year: number
  district: string | null
  by: keyof typeof BY_ZH
  periods: string[]
  /** today while the year runs; null for a finished year */
  asOf: string | null
  series: Series[]
  total: Series | null
}): string {
  const rows: (string | number)[][] = []
  const unit = t.periods.length === 12 ? '月' : '季'
  for (const s of [...t.series, ...(t.total ? [t.total] : [])]) {
    t.periods.forEach((period, i) => {
      const { state, note } = progressOf(monthsOf(t.periods, i), t.asOf, unit)
      const now = s.thisYear[i]!
      const before = s.lastYear[i]!
      rows.push([
        t.year,
        period,
        t.district ?? '全市',
        BY_ZH[t.by],
        s.label,
        s.key,
        state === 'not begun' ? '' : now,
        before,
        state === 'whole' ? (yoy(now, before)?.toFixed(1) ?? '') : '',
        note,
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
      '说明',
    ],
  })
}
