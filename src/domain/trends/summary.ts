import { CATEGORIES, type Category } from '../classify/types'
import { ratingFigures, timingFigures, yoy, type TimingFigures, type TimingRow } from './figures'
import { CATEGORY_ZH } from './labels'

export interface CategoryFigure {
  count: number
  lastYear: number
  /** (this − last) / last, rounded to 0.1%; null when last year had none */
  yoy: number | null
}

interface YearFigures {
  year: number
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

const figure = (count: number, lastYear: number): CategoryFigure => ({
  count,
  lastYear,
  yoy: yoy(count, lastYear),
})

/** 「下降22.5%」 or 「上升3.0%」 / "down 22.5%" or "up 3.0%". */
function change(yoy: number, lang: 'zh' | 'en'): string {
  const size = Math.abs(yoy).toFixed(1)
  if (lang === 'en') return `${yoy < 0 ? 'down' : 'up'} ${size}%`
  return `${yoy < 0 ? '下降' : '上升'}${size}%`
}

/**
 * A year's figures with year-on-year change and one paragraph in the bureau's register, built
 * from the counts alone (pure: the caller reads the rollups).
 */
export function summarise(p: {
  year: number
  counts: ReadonlyMap<string, number>
  lastYear: ReadonlyMap<string, number>
  ratings: ReadonlyMap<string, number>
  /** the timing rollups of the year's complaints; none: no timing figures */
  timing?: readonly TimingRow[]
  hotspots?: Hotspot[]
  publicSurveys?: PublicSurveyFigures | null
  /** the district the figures are of; none: the whole city */
  place?: string | undefined
  lang: 'zh' | 'en'
}): YearSummary {
  const categories = Object.fromEntries(
    CATEGORIES.map((c) => [c, figure(p.counts.get(c) ?? 0, p.lastYear.get(c) ?? 0)]),
  ) as Record<Category, CategoryFigure>
  const sum = (m: ReadonlyMap<string, number>) =>
    CATEGORIES.reduce((n, c) => n + (m.get(c) ?? 0), 0)
  const total = figure(sum(p.counts), sum(p.lastYear))
  const { satisfactionRate, responseRate, answered, notRated } = ratingFigures(p.ratings)
  const figures = {
    year: p.year,
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

/** 「2026年共受理生态环境投诉1800件,同比下降…;大气、噪声污染投诉分别同比下降22.5%、24.1%,公众满意率达95.7%。」 */
function sentenceZh(f: Figures, place = ''): string {
  const parts = [
    `${f.year}年${place}共受理生态环境投诉${f.total.count}件${f.total.yoy === null ? '' : `，同比${change(f.total.yoy, 'zh')}`}`,
  ]
  const moved = reported(f)
  for (const [group, verb] of [
    [moved.filter((c) => f.categories[c].yoy! < 0), '下降'],
    [moved.filter((c) => f.categories[c].yoy! >= 0), '上升'],
  ] as const) {
    if (group.length === 0) continue
    const names = group.map((c) => NAMES_ZH[c]).join('、')
    const sizes = group.map((c) => `${Math.abs(f.categories[c].yoy!).toFixed(1)}%`).join('、')
    parts.push(`${names}污染投诉${group.length > 1 ? '分别' : ''}同比${verb}${sizes}`)
  }
  if (f.onTimeRate !== null) parts.push(`按期办结率${f.onTimeRate.toFixed(1)}%`)
  if (f.satisfactionRate !== null) parts.push(`公众满意率达${f.satisfactionRate.toFixed(1)}%`)
  const survey = f.publicSurveys
  if (survey?.satisfactionRate != null)
    return `${parts.join('，')}；全年公众满意度调查收回问卷${survey.responses}份，满意率${survey.satisfactionRate.toFixed(1)}%。`
  return `${parts.join('，')}。`
}

function sentenceEn(f: Figures, place?: string): string {
  const parts = [
    `In ${f.year} the bureau handled ${f.total.count} environmental complaints${place ? ` in ${place}` : ''}${f.total.yoy === null ? '' : `, ${change(f.total.yoy, 'en')} on the year before`}`,
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
  return `${parts.join('; ')}.`
}
