import { CATEGORIES, type Category } from '../classify/types'
import {
  comparedPeriod,
  comparedThrough,
  periodEn,
  periodZh,
  type ComparedPeriod,
} from './compared-period'
import { ratingFigures, timingFigures, yoy, type TimingFigures, type TimingRow } from './figures'
import { CATEGORY_ZH } from './labels'

export interface CategoryFigure {
  /** complaints filed in the compared period (the year so far while no month is complete) */
  count: number
  /** the same months of last year; null while no month of the year is complete */
  lastYear: number | null
  /** (this − last) / last, rounded to 0.1%; null when last year had none or there is no period */
  yoy: number | null
}

interface YearFigures {
  year: number
  /** the last month (YYYY-MM) the figures count and compare; null while no month is complete */
  comparedThrough: string | null
  /** today (Asia/Shanghai) while the year runs, its figures incomplete; null for a finished year */
  asOf: string | null
  /** the period the figures cover, as the paragraph names it: 「2026年1–10月」 */
  period: string
  total: CategoryFigure
  categories: Record<Category, CategoryFigure>
  /** (满意 + 基本满意) / answered, in %; null when nobody answered */
  satisfactionRate: number | null
  /** answered / (answered + closed unrated), in % */
  responseRate: number | null
  answered: number
  notRated: number
  hotspots: Hotspot[]
  /** the year's public satisfaction surveys, rating answers pooled; null for a district */
  publicSurveys: PublicSurveyFigures | null
  text: string
}

export interface PublicSurveyFigures {
  surveys: number
  responses: number
  /** rating answers given */
  answered: number
  satisfactionRate: number | null
}

export type YearSummary = YearFigures & TimingFigures

export interface Hotspot {
  place: string
  district: string
  count: number
}

const NAMES_ZH = CATEGORY_ZH
const NAMES_EN: Record<Category, string> = {
  air: 'air',
  noise: 'noise',
  water: 'water',
  waste: 'waste',
  radiation: 'radiation',
  other: 'other',
}

const figure = (count: number, lastYear: number | null): CategoryFigure => ({
  count,
  lastYear,
  yoy: lastYear === null ? null : yoy(count, lastYear),
})

type Direction = 'down' | 'up' | 'flat'
/** Which way a change went, as printed: 0.0 (to one decimal) is 持平, not 上升0.0%. */
const direction = (yoy: number): Direction =>
  yoy.toFixed(1) === '0.0' || yoy.toFixed(1) === '-0.0' ? 'flat' : yoy < 0 ? 'down' : 'up'
const VERB = {
  zh: { down: '下降', up: '上升', flat: '持平' },
  en: { down: 'down', up: 'up', flat: 'unchanged' },
}

/** 「下降22.5%」, 「上升3.0%」 or 「持平」 / "down 22.5%", "up 3.0%" or "unchanged". */
function change(yoy: number, lang: 'zh' | 'en'): string {
  const d = direction(yoy)
  const size = d === 'flat' ? '' : `${Math.abs(yoy).toFixed(1)}%`
  return lang === 'en' ? `${VERB.en[d]}${size && ` ${size}`}` : `${VERB.zh[d]}${size}`
}

/**
 * A year's figures with year-on-year change and one paragraph in the bureau's register, built
 * from the counts alone (pure: the caller reads the rollups).
 */
export function summarise(p: {
  year: number
  /** what the counts cover; none: the whole finished year */
  period?: ComparedPeriod
  counts: ReadonlyMap<string, number>
  /** the same months of last year; null while no month of the year is complete */
  lastYear: ReadonlyMap<string, number> | null
  ratings: ReadonlyMap<string, number>
  /** the timing rollups of the year's complaints; none: no timing figures */
  timing?: readonly TimingRow[]
  hotspots?: Hotspot[]
  publicSurveys?: PublicSurveyFigures | null
  /** the district the figures are of; none: the whole city */
  place?: string | undefined
  lang: 'zh' | 'en'
}): YearSummary {
  const period = p.period ?? comparedPeriod(p.year, `${p.year + 1}-01-01`)
  const last = p.lastYear
  const categories = Object.fromEntries(
    CATEGORIES.map((c) => [c, figure(p.counts.get(c) ?? 0, last && (last.get(c) ?? 0))]),
  ) as Record<Category, CategoryFigure>
  const sum = (m: ReadonlyMap<string, number>) =>
    CATEGORIES.reduce((n, c) => n + (m.get(c) ?? 0), 0)
  const total = figure(sum(p.counts), last && sum(last))
  const { satisfactionRate, responseRate, answered, notRated } = ratingFigures(p.ratings)
  const figures = {
    year: p.year,
    comparedThrough: comparedThrough(period),
    asOf: period.asOf,
    period: (p.lang === 'zh' ? periodZh : periodEn)(period),
    total,
    categories,
    satisfactionRate,
    responseRate,
    answered,
    notRated,
    ...timingFigures(p.timing ?? []),
    hotspots: p.hotspots ?? [],
    publicSurveys: p.publicSurveys ?? null,
  }
  return { ...figures, text: (p.lang === 'zh' ? sentenceZh : sentenceEn)(figures, p.place) }
}

type Figures = Omit<YearSummary, 'text'>

// the two the bureau reports on first, then any other category that moved by 10% or more
function reported(f: Figures): Category[] {
  return CATEGORIES.filter((c) => {
    const yoy = f.categories[c].yoy
    return c !== 'other' && yoy !== null && (c === 'air' || c === 'noise' || Math.abs(yoy) >= 10)
  })
}

const NO_PERIOD_ZH = '本年尚无完整月份，暂不计算同比。'

/** 「2026年1–10月共受理生态环境投诉1800件，同比下降…；大气、噪声污染投诉分别同比下降22.5%、24.1%，公众满意率达95.7%。」 */
function sentenceZh(f: Figures, place = ''): string {
  const parts = [
    `${f.period}${place}共受理生态环境投诉${f.total.count}件${f.total.yoy === null ? '' : `，同比${change(f.total.yoy, 'zh')}`}`,
  ]
  const moved = reported(f)
  for (const d of ['down', 'up', 'flat'] as const) {
    const group = moved.filter((c) => direction(f.categories[c].yoy!) === d)
    if (group.length === 0) continue
    const names = group.map((c) => NAMES_ZH[c]).join('、')
    const sizes =
      d === 'flat'
        ? ''
        : group.map((c) => `${Math.abs(f.categories[c].yoy!).toFixed(1)}%`).join('、')
    parts.push(
      `${names}污染投诉${sizes && group.length > 1 ? '分别' : ''}同比${VERB.zh[d]}${sizes}`,
    )
  }
  if (f.onTimeRate !== null) parts.push(`按期办结率${f.onTimeRate.toFixed(1)}%`)
  if (f.satisfactionRate !== null) parts.push(`公众满意率达${f.satisfactionRate.toFixed(1)}%`)
  const survey = f.publicSurveys
  const surveys =
    survey?.satisfactionRate != null
      ? `；${f.asOf ? '本年' : '全年'}公众满意度调查收回问卷${survey.responses}份，满意率${survey.satisfactionRate.toFixed(1)}%`
      : ''
  return `${parts.join('，')}${surveys}。${f.comparedThrough === null ? NO_PERIOD_ZH : ''}`
}

function sentenceEn(f: Figures, place?: string): string {
  const before = f.asOf ? 'the same months of the year before' : 'the year before'
  const parts = [
    `In ${f.period} the bureau handled ${f.total.count} environmental complaint${f.total.count === 1 ? '' : 's'}${place ? ` in ${place}` : ''}${f.total.yoy === null ? '' : `, ${change(f.total.yoy, 'en')} on ${before}`}`,
  ]
  for (const c of reported(f))
    parts.push(`${NAMES_EN[c]} complaints ${change(f.categories[c].yoy!, 'en')}`)
  if (f.onTimeRate !== null) parts.push(`${f.onTimeRate.toFixed(1)}% resolved on time`)
  if (f.satisfactionRate !== null)
    parts.push(`public satisfaction ${f.satisfactionRate.toFixed(1)}%`)
  const survey = f.publicSurveys
  if (survey?.satisfactionRate != null)
    parts.push(
      `public satisfaction surveys: ${survey.responses} responses, ${survey.satisfactionRate.toFixed(1)}% satisfied`,
    )
  const none =
    f.comparedThrough === null
      ? ` No month of ${f.year} is complete yet, so there is no year-on-year comparison.`
      : ''
  return `${parts.join('; ')}.${none}`
}
