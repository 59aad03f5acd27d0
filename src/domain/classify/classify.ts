import { CASE_NUMBER_PATTERN } from '../cases/case-number'
import {
  NEGATIONS,
  SCORE_PATTERN,
  complaintMarkers,
  intentCues,
  urgentPatterns,
} from './data/intent-cues'
import { lexicon } from './data/lexicon'
import trainedModel from './data/model.json'
import { features } from './features'
import { findPlace } from './gazetteer'
import { detectLanguage } from './language'
import { TermMatcher, type Match } from './matcher'
import {
  compile,
  posterior,
  softmax,
  strongestFeatures,
  type CompiledModel,
  type LinearModel,
} from './linear-model'
import { normaliseTraced } from './normalise'
import {
  CATEGORIES,
  INTENTS,
  SUBCATEGORIES,
  type Category,
  type Classification,
  type District,
  type Intent,
  type Language,
  type Subcategory,
} from './types'

/** The trained parts: one logistic-regression model per decision, and how much each weighs against the lexicon. */
export interface ClassifierModel {
  intent: LinearModel
  category: LinearModel
  subcategory: { air: LinearModel; noise: LinearModel }
  /** weight of the model's log-posterior beside the lexicon's scores, and the softmax temperature */
  weights: Record<'intent' | 'category' | 'subcategory', { model: number; temperature: number }>
}

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

/** Everything the decisions are made from, gathered once per message. */
export interface Evidence {
  text: string
  language: Language
  caseNumber: string | null
  district: District | null
  placeTerm: string | null
  /** lexicon score per category, and the terms behind it */
  category: Map<Category, { score: number; terms: string[] }>
  /** lexicon score per subcategory, keyed `category/subcategory` (industrial is both air and noise) */
  subcategory: Map<string, number>
  intent: Record<Exclude<Intent, 'report'>, { score: number; terms: string[] }>
  marker: number
  markerTerms: string[]
  features: string[]
}

/** Normalises a message and collects its evidence: lexicon scores, cues, place, model features. */
export function gather(raw: string): Evidence {
  const input = typeof raw === 'string' ? raw : ''
  const { text, traditional } = normaliseTraced(input)
  const e: Evidence = {
    text,
    language: detectLanguage(input, traditional),
    caseNumber: input.toUpperCase().match(CASE_NUMBER_PATTERN)?.[0] ?? null,
    district: null,
    placeTerm: null,
    category: new Map(),
    subcategory: new Map(),
    intent: {
      status: { score: 0, terms: [] },
      feedback: { score: 0, terms: [] },
      chitchat: { score: 0, terms: [] },
    },
    marker: 0,
    markerTerms: [],
    features: [],
  }
  const found: string[] = []
  const seen = new Set<string>()
  for (const match of matcher.findAll(text)) {
    if (seen.has(match.term)) continue
    seen.add(match.term)
    found.push(match.term)
    const isNegated = negated(text, match)
    for (const s of match.value) {
      if (s.kind === 'category' && !isNegated) {
        const c = e.category.get(s.category) ?? { score: 0, terms: [] }
        c.score += s.weight
        c.terms.push(match.term)
        e.category.set(s.category, c)
        if (s.subcategory) {
          const key = `${s.category}/${s.subcategory}`
          e.subcategory.set(key, (e.subcategory.get(key) ?? 0) + s.weight)
        }
      } else if (s.kind === 'intent') {
        e.intent[s.intent].score += s.weight
        e.intent[s.intent].terms.push(match.term)
      } else if (s.kind === 'marker') {
        e.marker += s.weight
        e.markerTerms.push(match.term)
      }
    }
  }
  const place = findPlace(text)
  if (place) [e.district, e.placeTerm] = [place.district, place.term]
  const score = text.match(SCORE_PATTERN)
  if (score) {
    e.intent.feedback.score += 5
    e.intent.feedback.terms.push(score[0].trim())
  }
  if (e.caseNumber) {
    e.intent.status.score += 5
    e.intent.status.terms.push(e.caseNumber)
  }
  e.features = features(text, found)
  return e
}

// A model that is sure of itself should not drown the lexicon: cap how low a log-posterior goes.
const LOG_FLOOR = -12
const logOf = (p: number) => Math.max(LOG_FLOOR, Math.log(p))
const round2 = (x: number) => Math.round(x * 100) / 100

/** Mixes lexicon scores with a model's posterior; returns the winner and a calibrated confidence. */
function mix<L extends string>(
  labels: readonly L[],
  lexiconScore: (label: L) => number,
  model: CompiledModel,
  post: readonly number[],
  w: { model: number; temperature: number },
): { label: L; confidence: number; p: number[] } {
  const z = new Array<number>(labels.length)
  for (let k = 0; k < labels.length; k++) {
    const i = model.labels.indexOf(labels[k]!)
    z[k] = (lexiconScore(labels[k]!) + w.model * logOf(i < 0 ? 0 : post[i]!)) / w.temperature
  }
  const p = softmax(z)
  // the first of equals wins, so ties go to the label listed first
  let best = 0
  for (let k = 1; k < p.length; k++) if (round2(p[k]!) > round2(p[best]!)) best = k
  return { label: labels[best]!, confidence: round2(p[best]!), p }
}

/** A trained model made ready for classifying. */
interface Ready {
  intent: CompiledModel
  category: CompiledModel
  subcategory: { air: CompiledModel; noise: CompiledModel }
  weights: ClassifierModel['weights']
}

/** Compiles a trained model once; `decide` then takes the result. */
export function prepare(model: ClassifierModel): Ready {
  return {
    intent: compile(model.intent),
    category: compile(model.category),
    subcategory: { air: compile(model.subcategory.air), noise: compile(model.subcategory.noise) },
    weights: model.weights,
  }
}

/** The classifier over a given trained model; `classify` below uses the model in data/model.json. */
export function createClassifier(model: ClassifierModel): (raw: string) => Classification {
  const ready = prepare(model)
  return (raw) => decide(gather(raw), ready)
}

/** The decisions, made from gathered evidence. Exported so training can tune them. */
export function decide(e: Evidence, model: Ready): Classification {
  const base = {
    district: e.district,
    place: e.placeTerm,
    language: e.language,
    caseNumber: e.caseNumber,
  }
  const place = e.placeTerm ? [e.placeTerm] : []
  let lexiconTop = 0
  for (const c of e.category.values()) if (c.score > lexiconTop) lexiconTop = c.score
  const cues = e.intent.status.score + e.intent.feedback.score + e.intent.chitchat.score
  const intentPost = posterior(model.intent, e.features)
  const nothing = intentPost.known === 0 && lexiconTop === 0 && e.marker === 0 && cues === 0
  if (nothing) {
    return {
      ...base,
      intent: 'chitchat',
      category: 'none',
      subcategory: 'none',
      confidence: 0.2,
      terms: [],
      urgent: false,
    }
  }

  const intentCue = (i: Intent) => (i === 'report' ? lexiconTop + e.marker : e.intent[i].score)
  const intent = mix(INTENTS, intentCue, model.intent, intentPost.p, model.weights.intent)
  if (intent.label !== 'report') {
    const terms = explain(e.intent[intent.label].terms, model.intent, e.features, intent.label)
    return {
      ...base,
      intent: intent.label,
      category: 'none',
      subcategory: 'none',
      confidence: intent.confidence,
      terms: [...terms, ...place],
      urgent: false,
    }
  }

  const categoryScore = (c: Category) => e.category.get(c)?.score ?? 0
  const categoryPost = posterior(model.category, e.features).p
  const category = mix(
    CATEGORIES,
    categoryScore,
    model.category,
    categoryPost,
    model.weights.category,
  )
  const categoryConfidence =
    categoryScore(category.label) >= 2
      ? category.confidence
      : Math.min(
          category.confidence,
          categoryPost[model.category.labels.indexOf(category.label)] ?? 0,
        )
  let subcategory: Subcategory | 'none' = 'none'
  if (category.label === 'air' || category.label === 'noise') {
    const labels = SUBCATEGORIES[category.label] as readonly Subcategory[]
    const own = (s: Subcategory) => e.subcategory.get(`${category.label}/${s}`) ?? 0
    const subModel = model.subcategory[category.label]
    const subPost = posterior(subModel, e.features).p
    subcategory = mix(labels, own, subModel, subPost, model.weights.subcategory).label
  }
  const terms = explain(
    e.category.get(category.label)?.terms ?? [],
    model.category,
    e.features,
    category.label,
  )
  return {
    ...base,
    intent: 'report',
    category: category.label,
    subcategory,
    // a report is only as sure as both its intent and its category; a category no lexicon word
    // supports is only as sure as the model alone says
    confidence: round2(intent.confidence * categoryConfidence),
    alternatives: CATEGORIES.map((c, i) => ({ category: c, p: round2(category.p[i]!) }))
      .sort((a, b) => b.p - a.p)
      .slice(0, 3),
    terms: [...terms, ...place],
    urgent: urgentPatterns.some(([pattern]) => pattern.test(e.text)),
  }
}

/** The words behind a decision: the lexicon's when any fired, else the model's strongest features. */
function explain(
  lexiconTerms: string[],
  model: CompiledModel,
  feats: readonly string[],
  label: string,
): string[] {
  return lexiconTerms.length > 0
    ? lexiconTerms
    : strongestFeatures(model, feats, label, 3).map(plain)
}

/** A model feature as a person reads it: B:打桩 → 打桩. */
function plain(feature: string): string {
  return feature.slice(2)
}

export const classify = createClassifier(trainedModel as ClassifierModel)
