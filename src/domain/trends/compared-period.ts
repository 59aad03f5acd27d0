/**
 * What a year's figures cover on a given day. A finished year is compared whole; while a year
 * runs, year-on-year compares complete months only (1 January to the end of the last complete
 * month, in both years), as the bureau's statistical bulletins do; in January no month is
 * complete and there is no year-on-year change yet.
 */
export interface ComparedPeriod {
  year: number
  /** the last month (MM) counted and compared in both years; null while no month is complete */
  through: string | null
  /** today (YYYY-MM-DD, Asia/Shanghai) while the year runs; null for a finished year */
  asOf: string | null
}

/** The period of `year` that is compared with the year before, on `today` (YYYY-MM-DD, Shanghai). */
export function comparedPeriod(year: number, today: string): ComparedPeriod {
  if (year < Number(today.slice(0, 4))) return { year, through: '12', asOf: null }
  const lastComplete = Number(today.slice(5, 7)) - 1
  return {
    year,
    through: lastComplete === 0 ? null : String(lastComplete).padStart(2, '0'),
    asOf: today,
  }
}

/** `2026-10`: the month comparisons run through, or null when there is none yet. */
export const comparedThrough = (p: ComparedPeriod): string | null =>
  p.through === null ? null : `${p.year}-${p.through}`

const day = (p: ComparedPeriod) => Number(p.asOf?.slice(8, 10) ?? 31)

const MONTHS_EN = [
  'January',
  'February',
  'March',
  'April',
  'May',
  'June',
  'July',
  'August',
  'September',
  'October',
  'November',
  'December',
]

/** 「2026年」, 「2026年1–10月」, 「2026年1月」; in January 「2026年1月1日至15日」. */
export function periodZh(p: ComparedPeriod): string {
  if (p.through === '12') return `${p.year}年`
  if (p.through === null) return `${p.year}年1月1日${day(p) > 1 ? `至${day(p)}日` : ''}`
  const m = Number(p.through)
  return `${p.year}年${m === 1 ? '1' : `1–${m}`}月`
}

/** "2026", "January–October 2026", "January 2026"; in January "2026 to 15 January". */
export function periodEn(p: ComparedPeriod): string {
  if (p.through === '12') return `${p.year}`
  if (p.through === null) return `${p.year} to ${day(p)} January`
  const m = Number(p.through)
  return `${m === 1 ? '' : 'January–'}${MONTHS_EN[m - 1]} ${p.year}`
}
