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
  /** per period, the running month's count so far included */
  thisYear: number[]
  lastYear: number[]
  /** this year through the compared month (the year so far while no month is complete) */
  count: number
  /** last year through the same month; null while no month of this year is complete */
  lastYearCount: number | null
  yoy: number | null
}

/**
 * This year's and last year's counts per period, side by side, for each key either year has;
 * the largest this year first. `count` and `lastYearCount` (and so `yoy`) compare like for like:
 * both years through the month `through` ("MM", the last complete one while a year runs; null
 * when none is complete yet); the per-period arrays keep every month, to draw them.
 */
export function sideBySide(
  rows: { thisYear: readonly MonthCount[]; lastYear: readonly MonthCount[] },
  period: Period,
  label: (key: string) => string,
  through: string | null = '12',
): Series[] {
  const periods = periodsOf(period)
  const compared = (month: string) => through === null || month.slice(5, 7) <= through
  type Sums = { thisYear: number[]; lastYear: number[]; count: number; lastYearCount: number }
  const byKey = new Map<string, Sums>()
  for (const year of ['thisYear', 'lastYear'] as const) {
    for (const r of rows[year]) {
      let s = byKey.get(r.key)
      if (!s) {
        s = {
          thisYear: periods.map(() => 0),
          lastYear: periods.map(() => 0),
          count: 0,
          lastYearCount: 0,
        }
        byKey.set(r.key, s)
      }
      s[year][periods.indexOf(periodOf(r.month, period))]! += r.n
      if (compared(r.month)) s[year === 'thisYear' ? 'count' : 'lastYearCount'] += r.n
    }
  }
  return [...byKey]
    .map(([key, s]) => {
      const lastYearCount = through === null ? null : s.lastYearCount
      return {
        key,
        label: label(key),
        thisYear: s.thisYear,
        lastYear: s.lastYear,
        count: s.count,
        lastYearCount,
        yoy: lastYearCount === null ? null : yoy(s.count, lastYearCount),
      }
    })
    .sort(
      (a, b) =>
        b.count - a.count ||
        (b.lastYearCount ?? 0) - (a.lastYearCount ?? 0) ||
        (a.key < b.key ? -1 : 1),
    )
}

export interface MonthCount {
  month: string
  key: string
  n: number
}
