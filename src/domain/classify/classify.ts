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
  compileTogether,
  posterior,
  score,
  softmax,
  strongestFeatures,
  type CompiledModels,
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

// hyphens and dashes an input method or a copied page may put in place of 「-」
const DASHES = /[\u2010-\u2015\u2212\ufe58\ufe63\uff0d]/g

/** A case number in the message, written as the service writes it (ＣＺ２０２６１１２８－０００７ → CZ20261128-0007). */
export function caseNumberIn(input: string): string | null {
  const plain = input.normalize('NFKC').replace(DASHES, '-').toUpperCase()
  return plain.match(CASE_NUMBER_PATTERN)?.[0] ?? null
}

/** Normalises a message and collects its evidence: lexicon scores, cues, place, model features. */
export function gather(raw: string): Evidence {
  const input = typeof raw === 'string' ? raw : ''
  const { text, traditional } = normaliseTraced(input)
  const e: Evidence = {
    text,
    language: detectLanguage(input, traditional),
    caseNumber: caseNumberIn(input),
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

// For intent, naming a pollution counts as one decisive word however many words name it: a
// follow-up that retells the smell in detail (「上次投诉的那股刺鼻的化工味…」) is still a follow-up.
const REPORT_EVIDENCE_CAP = 4

// A model that is sure of itself should not drown the lexicon: cap how low a log-posterior goes.
const LOG_FLOOR = -12
const logOf = (p: number) => Math.max(LOG_FLOOR, Math.log(p))
const round2 = (x: number) => Math.round(x * 100) / 100

/**
 * Mixes lexicon scores with a model's posterior; returns the winner and a calibrated confidence.
 * `order[k]` is where labels[k] sits in the model's own labels (-1 when the model lacks it).
 */
function mix<L extends string>(
  labels: readonly L[],
  lexiconScore: readonly number[],
  order: readonly number[],
  post: readonly number[],
  w: { model: number; temperature: number },
): { label: L; confidence: number; p: number[] } {
  const z = new Array<number>(labels.length)
  for (let k = 0; k < labels.length; k++) {
    const i = order[k]!
    z[k] = (lexiconScore[k]! + w.model * logOf(i < 0 ? 0 : post[i]!)) / w.temperature
  }
  const p = softmax(z)
  // the first of equals wins, so ties go to the label listed first
  let best = 0
  for (let k = 1; k < p.length; k++) if (round2(p[k]!) > round2(p[best]!)) best = k
  return { label: labels[best]!, confidence: round2(p[best]!), p }
}

// where each decision's model sits in the compiled table
const INTENT = 0
const CATEGORY = 1
const SUBCATEGORY = { air: 2, noise: 3 } as const

/** A trained model made ready for classifying: one table for the four models. */
interface Ready {
  table: CompiledModels
  /** per model, where each of our labels sits among the model's labels */
  order: number[][]
  weights: ClassifierModel['weights']
}

/** Compiles a trained model once; `decide` then takes the result. */
export function prepare(model: ClassifierModel): Ready {
  const table = compileTogether([
    model.intent,
    model.category,
    model.subcategory.air,
    model.subcategory.noise,
  ])
  const ours = [INTENTS, CATEGORIES, SUBCATEGORIES.air, SUBCATEGORIES.noise]
  return {
    table,
    order: ours.map((labels, k) => labels.map((l) => table.models[k]!.labels.indexOf(l))),
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
  const scores = score(model.table, e.features)
  const nothing = scores.known === 0 && lexiconTop === 0 && e.marker === 0 && cues === 0
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

  // no closures on this path: under tsx every closure made also costs a defineProperty (keepNames)
  const intentCue = [Math.min(lexiconTop, REPORT_EVIDENCE_CAP) + e.marker, 0, 0, 0]
  for (let k = 1; k < INTENTS.length; k++)
    intentCue[k] = e.intent[INTENTS[k] as Exclude<Intent, 'report'>].score
  const intentPost = posterior(model.table, scores, INTENT)
  const intent = mix(INTENTS, intentCue, model.order[INTENT]!, intentPost, model.weights.intent)
  if (intent.label !== 'report') {
    const terms = explain(e.intent[intent.label].terms, model, INTENT, e.features, intent.label)
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

  const categoryScore = new Array<number>(CATEGORIES.length)
  for (let k = 0; k < CATEGORIES.length; k++)
    categoryScore[k] = e.category.get(CATEGORIES[k]!)?.score ?? 0
  const categoryPost = posterior(model.table, scores, CATEGORY)
  const categoryOrder = model.order[CATEGORY]!
  const category = mix(
    CATEGORIES,
    categoryScore,
    categoryOrder,
    categoryPost,
    model.weights.category,
  )
  const chosen = CATEGORIES.indexOf(category.label)
  const categoryConfidence =
    categoryScore[chosen]! >= 2
      ? category.confidence
      : Math.min(category.confidence, categoryPost[categoryOrder[chosen]!] ?? 0)
  let subcategory: Subcategory | 'none' = 'none'
  if (category.label === 'air' || category.label === 'noise') {
    const labels = SUBCATEGORIES[category.label] as readonly Subcategory[]
    const own = new Array<number>(labels.length)
    for (let j = 0; j < labels.length; j++)
      own[j] = e.subcategory.get(`${category.label}/${labels[j]!}`) ?? 0
    const k = SUBCATEGORY[category.label]
    const subPost = posterior(model.table, scores, k)
    subcategory = mix(labels, own, model.order[k]!, subPost, model.weights.subcategory).label
  }
  const terms = explain(
    e.category.get(category.label)?.terms ?? [],
    model,
    CATEGORY,
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
    alternatives: topCategories(category.p, 3),
    terms: [...terms, ...place],
    urgent: isUrgent(e.text, `${category.label}/${subcategory}`),
  }
}

/** The n likeliest categories, best first; equals keep the order of CATEGORIES. */
function topCategories(p: readonly number[], n: number): { category: Category; p: number }[] {
  const top: { category: Category; p: number }[] = []
  for (let i = 0; i < CATEGORIES.length; i++) {
    const entry = { category: CATEGORIES[i]!, p: round2(p[i]!) }
    let at = top.length
    while (at > 0 && top[at - 1]!.p < entry.p) at--
    if (at < n) top.splice(at, 0, entry)
    if (top.length > n) top.pop()
  }
  return top
}

/**
 * Whether a complaint told over several messages is urgent, judged over all of it: 「工地打桩很吵」
 * then 「半夜」 is night-time construction though neither message is on its own.
 */
export function isUrgentReport(
  text: string,
  category: Category | 'none',
  subcategory: Subcategory | 'none',
): boolean {
  // line by line: each message is within the length one message is classified at
  const read = text.split('\n').map((line) => normaliseTraced(line).text)
  return isUrgent(read.join(' '), `${category}/${subcategory}`)
}

/** Whether a report is urgent; `kind` is its `category/subcategory`. */
function isUrgent(text: string, kind: string): boolean {
  for (const [pattern, , onlyFor] of urgentPatterns)
    if ((onlyFor === undefined || kind.startsWith(onlyFor)) && pattern.test(text)) return true
  return false
}

/** The words behind a decision: the lexicon's when any fired, else the model's strongest features. */
function explain(
  lexiconTerms: string[],
  model: Ready,
  k: number,
  feats: readonly string[],
  label: string,
): string[] {
  return lexiconTerms.length > 0
    ? lexiconTerms
    : strongestFeatures(model.table, k, feats, label, 3).map(plain)
}

/** A model feature as a person reads it: B:打桩 → 打桩. */
function plain(feature: string): string {
  return feature.slice(2)
}

export const classify = createClassifier(trainedModel as ClassifierModel)
