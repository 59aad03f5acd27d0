import type { Category, District } from '../classify/types'
import { addDays } from '../shanghai-time'
import { logNormal, pick } from './random'

// What the bureau's year looks like, in weights: districts roughly by population, categories
// by the 12369 hotline's usual mix, noise up in summer and in the evening, straw burning in
// the wheat (late May–June) and rice (October–November) harvests, dust in the dry spring.
const DISTRICTS: readonly (District | null)[] = [
  '武进区',
  '新北区',
  '天宁区',
  '钟楼区',
  '溧阳市',
  '金坛区',
  '常州经开区',
  null,
]
const DISTRICT_WEIGHTS = [24, 18, 13, 13, 10, 8, 10, 4]

const CATEGORIES: readonly Category[] = ['noise', 'air', 'water', 'waste', 'radiation', 'other']

function categoryWeights(month: number): number[] {
  const summer = month >= 6 && month <= 8 ? 1.6 : 1
  return [38 * summer, 36, 11, 8, 2, 5]
}

const AIR = ['industrial', 'odor', 'catering_fumes', 'dust', 'burning', 'vehicle', 'other_air']
const NOISE = ['construction', 'industrial', 'social_life', 'traffic', 'other_noise']

function subcategoryOf(random: () => number, category: Category, day: string, hour: number) {
  const month = Number(day.slice(5, 7))
  const dom = Number(day.slice(8, 10))
  if (category === 'air') {
    const harvest =
      (month === 5 && dom >= 20) || month === 6 || month === 10 || (month === 11 && dom <= 20)
    const evening = hour >= 17 && hour <= 22
    return pick(random, AIR, [
      22,
      20,
      evening ? 24 : 10,
      month >= 3 && month <= 5 ? 20 : 10,
      harvest ? 40 : 3,
      6,
      4,
    ])
  }
  if (category === 'noise') {
    const night = hour >= 20 || hour < 6
    return pick(random, NOISE, [night ? 40 : 26, 14, night ? 34 : 22, 12, 5])
  }
  return 'none'
}

/** Relative number of complaints filed in each hour (Asia/Shanghai) for a category. */
function hourWeights(category: Category): number[] {
  return Array.from({ length: 24 }, (_, h) => {
    const day = h >= 8 && h <= 18 ? 6 : h >= 6 && h <= 22 ? 3 : 0.5
    const evening = h >= 19 && h <= 23 ? 9 : 0
    return category === 'noise' ? day + evening : day + evening / 3
  })
}
const HOURS = Array.from({ length: 24 }, (_, h) => h)

/** The complaints of one day, relative to an ordinary day: seasons, weekends, the Spring Festival. */
export function dayWeight(day: string, firstYear: number): number {
  const year = Number(day.slice(0, 4))
  const month = Number(day.slice(5, 7))
  const weekday = new Date(`${day}T00:00:00Z`).getUTCDay()
  // fewer complaints every year as pollution control pays off (about −18% a year)
  const trend = 0.82 ** (year - firstYear)
  const season = [0.7, 0.6, 0.9, 1, 1.1, 1.35, 1.5, 1.45, 1.05, 1.1, 1.05, 0.8][month - 1]!
  return trend * season * (weekday === 0 || weekday === 6 ? 1.15 : 1)
}

export interface DemoComplaint {
  filedAt: Date
  category: Category
  subcategory: string
  district: District | null
  /** a street or town of the district, more often the busy ones, or null */
  place: string | null
  urgent: boolean
  /** hours from filing to acceptance and to resolution, if the case gets that far */
  acceptAfterHours: number
  resolveAfterHours: number
  rejected: boolean
  /** what the resident says after resolution, and after how many hours */
  rating: 'satisfied' | 'basically_satisfied' | 'dissatisfied' | 'not_rated'
  rateAfterHours: number
  channel: 'wechat' | 'web' | 'open311'
}

const RATINGS = ['satisfied', 'basically_satisfied', 'dissatisfied', 'not_rated'] as const

/**
 * The complaints filed on one Shanghai day: `count` of them, each with where, what, when, and
 * how its handling will go. Pure: the caller gives the random source and the places.
 */
export function complaintsOfDay(
  random: () => number,
  day: string,
  count: number,
  places: ReadonlyMap<District, readonly string[]>,
): DemoComplaint[] {
  const month = Number(day.slice(5, 7))
  const out: DemoComplaint[] = []
  for (let i = 0; i < count; i++) {
    const category = pick(random, CATEGORIES, categoryWeights(month))
    const hour = pick(random, HOURS, hourWeights(category))
    const filedAt = new Date(
      Date.parse(`${day}T00:00:00Z`) - 8 * 3_600_000 + (hour * 3600 + random() * 3600) * 1000,
    )
    const district = pick(random, DISTRICTS, DISTRICT_WEIGHTS)
    const names = district ? places.get(district) : undefined
    // Zipf-like: a few streets draw most complaints, and so become hotspots
    const place =
      names && names.length > 0 && random() < 0.85
        ? names[Math.floor(names.length * random() ** 2.5)]!
        : null
    const urgent = random() < 0.03
    const late = random()
    out.push({
      filedAt,
      category,
      subcategory: subcategoryOf(random, category, day, hour),
      district,
      place,
      urgent,
      // most accepted within hours; about one in twenty after the working-day deadline
      acceptAfterHours: urgent
        ? logNormal(random, 1, 0.5)
        : logNormal(random, late < 0.05 ? 60 : 4, 0.8),
      resolveAfterHours: logNormal(random, late < 0.08 ? 260 : 90, 0.5),
      rejected: category === 'other' ? random() < 0.5 : random() < 0.02,
      rating: pick(random, RATINGS, [70, 19, 4, 7]),
      rateAfterHours: 1 + random() * 70,
      channel: pick(random, ['wechat', 'web', 'open311'] as const, [70, 25, 5]),
    })
  }
  return out.sort((a, b) => a.filedAt.getTime() - b.filedAt.getTime())
}

/** Every Shanghai day from `from` to `until` inclusive. */
export function daysBetween(from: string, until: string): string[] {
  const days: string[] = []
  for (let d = from; d <= until; d = addDays(d, 1)) days.push(d)
  return days
}

/**
 * How many complaints each day gets so that they add up to `total`, by the day weights,
 * the fractions settled by the random source.
 */
export function spread(random: () => number, days: readonly string[], total: number): number[] {
  const firstYear = Number(days[0]!.slice(0, 4))
  const weights = days.map((d) => dayWeight(d, firstYear))
  const sum = weights.reduce((a, b) => a + b, 0)
  return weights.map((w) => {
    const x = (w / sum) * total
    return Math.floor(x) + (random() < x - Math.floor(x) ? 1 : 0)
  })
}
