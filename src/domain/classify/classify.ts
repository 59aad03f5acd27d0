import { CASE_NUMBER_PATTERN } from '../cases/case-number'
import {
  NEGATIONS,
  SCORE_PATTERN,
  complaintMarkers,
  intentCues,
  urgentPatterns,
} from './data/intent-cues'
import { lexicon } from './data/lexicon'
import { findPlace } from './gazetteer'
import { TermMatcher, type Match } from './matcher'
import { detectLanguage } from './language'
import { normaliseTraced } from './normalise'
import {
  CATEGORIES,
  INTENTS,
  type Category,
  type Classification,
  type Intent,
  type Subcategory,
} from './types'

type Signal =
  | { kind: 'category'; category: Category; subcategory?: Subcategory; weight: number }
  | { kind: 'decoy' }
  | { kind: 'intent'; intent: Exclude<Intent, 'report'>; weight: number }
  | { kind: 'marker'; weight: number }

function buildMatcher(): TermMatcher<Signal[]> {
  const signals = new Map<string, Signal[]>()
  const add = (term: string, signal: Signal) => {
    const key = term.toLowerCase()
    signals.set(key, [...(signals.get(key) ?? []), signal])
  }
  for (const group of lexicon) {
    for (const [term, weight] of Object.entries(group.terms)) {
      if (group.category === null) add(term, { kind: 'decoy' })
      else
        add(term, {
          kind: 'category',
          category: group.category,
          subcategory: group.subcategory,
          weight,
        })
    }
  }
  for (const [intent, cues] of Object.entries(intentCues)) {
    for (const [term, weight] of Object.entries(cues)) {
      add(term, { kind: 'intent', intent: intent as Exclude<Intent, 'report'>, weight })
    }
  }
  for (const [term, weight] of Object.entries(complaintMarkers))
    add(term, { kind: 'marker', weight })
  return new TermMatcher(signals)
}

const matcher = buildMatcher()

const CLAUSE_END = /[,.!?;:。,!?;:、\s]/

/** Whether a negation (不是, 没有 …) stands just before the match within its own clause. */
function negated(text: string, match: Match<unknown>): boolean {
  let from = Math.max(0, match.start - 4)
  for (let i = match.start - 1; i >= from; i--) {
    if (CLAUSE_END.test(text[i]!)) {
      from = i + 1
      break
    }
  }
  const before = text.slice(from, match.start)
  return NEGATIONS.some((n) => before.includes(n))
}

interface Tally {
  category: Map<Category, { score: number; terms: string[] }>
  subcategory: Map<Subcategory, number>
  intent: Map<Exclude<Intent, 'report'>, { score: number; terms: string[] }>
  marker: number
  markerTerms: string[]
}

function tally(text: string): Tally {
  const t: Tally = {
    category: new Map(),
    subcategory: new Map(),
    intent: new Map(),
    marker: 0,
    markerTerms: [],
  }
  const seen = new Set<string>()
  for (const match of matcher.findAll(text)) {
    if (seen.has(match.term)) continue
    seen.add(match.term)
    const isNegated = negated(text, match)
    for (const s of match.value) {
      if (s.kind === 'category' && !isNegated) {
        const c = t.category.get(s.category) ?? { score: 0, terms: [] }
        c.score += s.weight
        c.terms.push(match.term)
        t.category.set(s.category, c)
        if (s.subcategory)
          t.subcategory.set(s.subcategory, (t.subcategory.get(s.subcategory) ?? 0) + s.weight)
      } else if (s.kind === 'intent') {
        const i = t.intent.get(s.intent) ?? { score: 0, terms: [] }
        i.score += s.weight
        i.terms.push(match.term)
        t.intent.set(s.intent, i)
      } else if (s.kind === 'marker') {
        t.marker += s.weight
        t.markerTerms.push(match.term)
      }
    }
  }
  return t
}

function rankCategories(t: Tally): { category: Category; score: number; terms: string[] }[] {
  return CATEGORIES.map((category) => ({
    category,
    ...(t.category.get(category) ?? { score: 0, terms: [] }),
  }))
    .filter((c) => c.score > 0)
    .sort((a, b) => b.score - a.score)
}

const SUBCATEGORY_OF: Partial<Record<Category, readonly Subcategory[]>> = {
  air: ['industrial', 'odor', 'catering_fumes', 'dust', 'burning', 'vehicle'],
  noise: ['construction', 'industrial', 'social_life', 'traffic'],
}

function pickSubcategory(category: Category, t: Tally, terms: string[]): Subcategory | 'none' {
  const options = SUBCATEGORY_OF[category]
  if (!options) return 'none'
  // industrial exists under both air and noise, so the winning category's own terms decide it
  const own = new Set(terms)
  let best: Subcategory | undefined
  let bestScore = 0
  for (const sub of options) {
    let score = 0
    for (const group of lexicon) {
      if (group.category !== category || group.subcategory !== sub) continue
      for (const term of own) score += group.terms[term] ?? 0
    }
    if (score > bestScore) [best, bestScore] = [sub, score]
  }
  return best ?? (category === 'air' ? 'other_air' : 'other_noise')
}

/** A confidence in 0..1 from the winning score and its nearest rival. */
function confidenceOf(best: number, second: number): number {
  return Math.round((best / (best + second + 1.5)) * 100) / 100
}

/** Classifies one resident message. Never throws: bad input gives chitchat with low confidence. */
export function classify(raw: string): Classification {
  const input = typeof raw === 'string' ? raw : ''
  const { text, traditional } = normaliseTraced(input)
  const language = detectLanguage(input, traditional)
  const caseNumber = input.toUpperCase().match(CASE_NUMBER_PATTERN)?.[0] ?? null
  const t = tally(text)
  const place = findPlace(text)
  const district = place?.district ?? null
  const placeTerms = place ? [place.term] : []

  const score = text.match(SCORE_PATTERN)
  if (score) {
    const f = t.intent.get('feedback') ?? { score: 0, terms: [] }
    t.intent.set('feedback', { score: f.score + 5, terms: [...f.terms, score[0].trim()] })
  }
  if (caseNumber) {
    const s = t.intent.get('status') ?? { score: 0, terms: [] }
    t.intent.set('status', { score: s.score + 5, terms: [...s.terms, caseNumber] })
  }

  const ranked = rankCategories(t)
  const top = ranked[0]
  const reportScore = (top?.score ?? 0) + t.marker
  const status = t.intent.get('status')?.score ?? 0
  const feedback = t.intent.get('feedback')?.score ?? 0
  const chitchat = t.intent.get('chitchat')?.score ?? 0

  const scores: Record<Intent, number> = { report: reportScore, status, feedback, chitchat }
  const rival = (intent: Intent) =>
    Math.max(...INTENTS.filter((i) => i !== intent).map((i) => scores[i]))

  const nonReport = (intent: Exclude<Intent, 'report'>): Classification => ({
    intent,
    category: 'none',
    subcategory: 'none',
    confidence: scores[intent] > 0 ? confidenceOf(scores[intent], rival(intent)) : 0.2,
    district,
    terms: [...(t.intent.get(intent)?.terms ?? []), ...placeTerms],
    urgent: false,
    language,
    caseNumber,
  })

  if (feedback >= 3 && feedback >= reportScore && feedback >= status) return nonReport('feedback')
  if (status >= 3 && status >= reportScore - 1) return nonReport('status')

  if (!top || top.score < 2) {
    if (t.marker >= 2 && text.length >= 8 && chitchat < 3) {
      return {
        intent: 'report',
        category: top?.category ?? 'other',
        subcategory: top ? pickSubcategory(top.category, t, top.terms) : 'none',
        confidence: 0.3,
        district,
        terms: [...t.markerTerms, ...(top?.terms ?? []), ...placeTerms],
        urgent: false,
        language,
        caseNumber,
      }
    }
    return nonReport('chitchat')
  }
  if (chitchat > reportScore + 2) return nonReport('chitchat')

  const urgent = urgentPatterns.some(([pattern]) => pattern.test(text))
  return {
    intent: 'report',
    category: top.category,
    subcategory: pickSubcategory(top.category, t, top.terms),
    confidence: confidenceOf(top.score, ranked[1]?.score ?? 0),
    district,
    terms: [...top.terms, ...placeTerms],
    urgent,
    language,
    caseNumber,
  }
}
