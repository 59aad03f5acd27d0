import { medianHours } from './durations'

const round1 = (x: number) => Math.round(x * 10) / 10

/** part / whole in %, to 0.1; null when the whole is 0 (never Infinity or NaN). */
export const percent = (part: number, whole: number): number | null =>
  whole > 0 ? round1((part / whole) * 100) : null

/** (this − last) / last in %, to 0.1; null when last year had none. */
export const yoy = (count: number, lastYear: number): number | null =>
  lastYear > 0 ? round1(((count - lastYear) / lastYear) * 100) : null

export interface RatingFigures {
  /** (满意 + 基本满意) / answered, % */
  satisfactionRate: number | null
  /** answered / (answered + closed unrated), % */
  responseRate: number | null
  answered: number
  notRated: number
  ratings: { satisfied: number; basically_satisfied: number; dissatisfied: number }
}

/** Satisfaction and response rate from survey counts per rating; not rated is never satisfied. */
export function ratingFigures(ratings: ReadonlyMap<string, number>): RatingFigures {
  const get = (r: string) => ratings.get(r) ?? 0
  const good = get('satisfied') + get('basically_satisfied')
  const answered = good + get('dissatisfied')
  const notRated = get('not_rated')
  return {
    satisfactionRate: percent(good, answered),
    responseRate: percent(answered, answered + notRated),
    answered,
    notRated,
    ratings: {
      satisfied: get('satisfied'),
      basically_satisfied: get('basically_satisfied'),
      dissatisfied: get('dissatisfied'),
    },
  }
}

export interface TimingRow {
  stage: string
  bucket: number
  onTime: boolean
  n: number
}

export interface TimingFigures {
  accepted: number
  resolved: number
  /** first acceptances by the deadline / first acceptances, % */
  onTimeAcceptanceRate: number | null
  /** first resolutions by the deadline / first resolutions, % (按期办结率) */
  onTimeRate: number | null
  /** hours from filing, medians from the rollups' histograms */
  medianHoursToAcceptance: number | null
  medianHoursToResolution: number | null
}

/** On-time rates and medians from the timing rollups. */
export function timingFigures(rows: readonly TimingRow[]): TimingFigures {
  const stage = (s: string) => {
    const histogram = new Map<number, number>()
    let total = 0
    let onTime = 0
    for (const r of rows) {
      if (r.stage !== s) continue
      histogram.set(r.bucket, (histogram.get(r.bucket) ?? 0) + r.n)
      total += r.n
      if (r.onTime) onTime += r.n
    }
    return { total, rate: percent(onTime, total), median: medianHours(histogram) }
  }
  const accept = stage('accept')
  const resolve = stage('resolve')
  return {
    accepted: accept.total,
    resolved: resolve.total,
    onTimeAcceptanceRate: accept.rate,
    onTimeRate: resolve.rate,
    medianHoursToAcceptance: accept.median,
    medianHoursToResolution: resolve.median,
  }
}

export type Period = 'month' | 'quarter'

/** The periods of a year: 01…12 or Q1…Q4. */
export const periodsOf = (period: Period): string[] =>
  period === 'month'
    ? Array.from({ length: 12 }, (_, i) => String(i + 1).padStart(2, '0'))
    : ['Q1', 'Q2', 'Q3', 'Q4']

/** The period a YYYY-MM month falls in. */
export const periodOf = (month: string, period: Period): string =>
  period === 'month' ? month.slice(5, 7) : `Q${Math.ceil(Number(month.slice(5, 7)) / 3)}`

export interface Series {
  key: string
  label: string
  thisYear: number[]
  lastYear: number[]
  count: number
  /** last year up to the same month while this year runs, else all of it */
  lastYearCount: number
  yoy: number | null
}

/**
 * This year's and last year's counts per period, side by side, for each key either year has;
 * the largest this year first. `count` and `lastYearCount` (and so `yoy`) compare like for like:
 * while a year runs, last year is counted up to the same month (`through`, "MM"); the per-period
 * arrays keep all of last year, to draw it.
 */
export function sideBySide(
  rows: { thisYear: readonly MonthCount[]; lastYear: readonly MonthCount[] },
  period: Period,
  label: (key: string) => string,
  through?: string,
): Series[] {
  const periods = periodsOf(period)
  const byKey = new Map<string, { thisYear: number[]; lastYear: number[]; compared: number }>()
  for (const year of ['thisYear', 'lastYear'] as const) {
    for (const r of rows[year]) {
      let s = byKey.get(r.key)
      if (!s) {
        s = { thisYear: periods.map(() => 0), lastYear: periods.map(() => 0), compared: 0 }
        byKey.set(r.key, s)
      }
      s[year][periods.indexOf(periodOf(r.month, period))]! += r.n
      if (year === 'lastYear' && (!through || r.month.slice(5, 7) <= through)) s.compared += r.n
    }
  }
  const sum = (xs: number[]) => xs.reduce((a, b) => a + b, 0)
  return [...byKey]
    .map(([key, s]) => ({
      key,
      label: label(key),
      thisYear: s.thisYear,
      lastYear: s.lastYear,
      count: sum(s.thisYear),
      lastYearCount: s.compared,
      yoy: yoy(sum(s.thisYear), s.compared),
    }))
    .sort(
      (a, b) => b.count - a.count || b.lastYearCount - a.lastYearCount || (a.key < b.key ? -1 : 1),
    )
}

export interface MonthCount {
  month: string
  key: string
  n: number
}
