import {
  CATEGORIES,
  type Category,
  type Classification,
  type Language,
  type Subcategory,
} from '../classify/types'
import { texts } from './texts'

export interface Location {
  lat: number
  lng: number
  label: string | null
}

/** What a resident sent, whatever the channel. */
export type Inbound =
  | { kind: 'text'; text: string }
  | { kind: 'location'; location: Location }
  | { kind: 'image'; imageUrl: string }

/** A complaint being put together, waiting for what is missing. */
export interface Draft {
  description: string
  classification: Classification
  location: Location | null
  imageUrls: string[]
  asked: number
  /** categories offered as quick replies when the classifier was unsure, until one is chosen */
  choosing?: Category[]
}

export interface ConversationState {
  language: Language
  draft: Draft | null
}

export interface Reply {
  text: string
  options?: string[]
}

/** Work the engine asks the caller to do; the caller turns results into replies. */
export type Command =
  { type: 'file_case'; draft: Draft } | { type: 'status'; caseNumber: string | null }

export interface Turn {
  state: ConversationState
  replies: Reply[]
  commands: Command[]
}

/** Below this confidence a report's category is offered as choices: a tap costs less than a misrouted case. */
export const LOW_CONFIDENCE = 0.6

export const initialState = (language: Language = 'zh-Hans'): ConversationState => ({
  language,
  draft: null,
})

/** The longest complaint description kept; a resident adding more after that is not lost, only not appended. */
export const MAX_DESCRIPTION_LENGTH = 4000

// Changzhou's bounding box, a little generous: a point outside it is not ours to handle.
const CHANGZHOU = { minLat: 31.15, maxLat: 32.1, minLng: 119.1, maxLng: 120.25 }

export function insideChangzhou({ lat, lng }: Location): boolean {
  return (
    lat >= CHANGZHOU.minLat &&
    lat <= CHANGZHOU.maxLat &&
    lng >= CHANGZHOU.minLng &&
    lng <= CHANGZHOU.maxLng
  )
}

function isPlaced(draft: Draft): boolean {
  return draft.classification.district !== null || draft.location !== null
}

function askCategory(state: ConversationState, draft: Draft): Turn | null {
  const c = draft.classification
  const options = (c.alternatives ?? []).filter((a) => a.p >= 0.1).map((a) => a.category)
  if (c.confidence >= LOW_CONFIDENCE || options.length < 2) return null
  const t = texts[state.language]
  return {
    state: { ...state, draft: { ...draft, choosing: options } },
    replies: [
      { text: t.askCategory, options: [...options.map((o) => t.categoryNames[o]!), t.otherOption] },
    ],
    commands: [],
  }
}

/** The category a quick-reply answer names, in the resident's language, or null. */
function chosenCategory(
  state: ConversationState,
  answer: string,
  options: Category[],
): Category | 'more' | null {
  const t = texts[state.language]
  const a = answer.trim().toLowerCase()
  if (a === t.otherOption.toLowerCase()) return 'more'
  return options.find((o) => t.categoryNames[o]!.toLowerCase() === a || o === a) ?? null
}

function withCategory(c: Classification, category: Category): Classification {
  const keepsSub = c.category === category
  const subcategory: Subcategory | 'none' = keepsSub
    ? c.subcategory
    : category === 'air'
      ? 'other_air'
      : category === 'noise'
        ? 'other_noise'
        : 'none'
  return { ...c, category, subcategory, confidence: 1 }
}

function fileOrAsk(state: ConversationState, draft: Draft): Turn {
  const t = texts[state.language]
  if (isPlaced(draft))
    return {
      state: { ...state, draft: null },
      replies: [],
      commands: [{ type: 'file_case', draft }],
    }
  const what = t.categoryNames[draft.classification.category] ?? t.categoryNames.other!
  const text = draft.asked === 0 ? t.askPlace(what) : t.askPlaceAgain
  return {
    state: { ...state, draft: { ...draft, asked: draft.asked + 1 } },
    replies: [{ text }],
    commands: [],
  }
}

/**
 * One turn of the intake conversation: given the state, what the resident sent and how it was
 * classified, the next state, the replies, and the work to do (file a case, look one up).
 */
export function converse(
  state: ConversationState,
  inbound: Inbound,
  c: Classification | null,
): Turn {
  const language = inbound.kind === 'text' && c ? c.language : state.language
  const s: ConversationState = { ...state, language }
  const t = texts[language]
  const draft = s.draft

  if (inbound.kind === 'location') {
    if (!insideChangzhou(inbound.location))
      return { state: s, replies: [{ text: t.outsideChangzhou }], commands: [] }
    if (!draft) return { state: s, replies: [{ text: t.welcome }], commands: [] }
    return fileOrAsk(s, { ...draft, location: inbound.location })
  }

  if (inbound.kind === 'image') {
    if (draft) {
      return {
        state: { ...s, draft: { ...draft, imageUrls: [...draft.imageUrls, inbound.imageUrl] } },
        replies: [{ text: t.photoReceived }],
        commands: [],
      }
    }
    return { state: s, replies: [{ text: t.photoWithoutCase }], commands: [] }
  }

  if (!c) return { state: s, replies: [{ text: t.help }], commands: [] }
  const text = inbound.text.trim()

  if (draft?.choosing) {
    const chosen = chosenCategory(s, text, draft.choosing)
    if (chosen === 'more') {
      // none of the likeliest: offer every category, "other" (not an environmental matter) last
      const all = [...CATEGORIES]
      return {
        state: { ...s, draft: { ...draft, choosing: all } },
        replies: [{ text: t.askCategory, options: all.map((o) => t.categoryNames[o]!) }],
        commands: [],
      }
    }
    if (chosen) {
      const classification = withCategory(draft.classification, chosen)
      return fileOrAsk(s, { ...draft, choosing: undefined, classification })
    }
    if (c.intent !== 'report' || c.confidence < LOW_CONFIDENCE) {
      const names = draft.choosing.map((o) => t.categoryNames[o]!)
      const options = draft.choosing.length < CATEGORIES.length ? [...names, t.otherOption] : names
      return { state: s, replies: [{ text: t.askCategory, options }], commands: [] }
    }
  }

  if (draft) {
    if (t.dontKnowWords.some((w) => text.toLowerCase().includes(w))) {
      return { state: { ...s, draft: null }, replies: [], commands: [{ type: 'file_case', draft }] }
    }
    if (c.intent === 'report' || c.district !== null) {
      // The resident is adding to the complaint: keep the first category unless this one is surer.
      const keep = c.intent !== 'report' || c.confidence <= draft.classification.confidence
      const classification: Classification = {
        ...(keep ? draft.classification : c),
        district: c.district ?? draft.classification.district,
        urgent: draft.classification.urgent || c.urgent,
        terms: [...new Set([...draft.classification.terms, ...c.terms])],
      }
      return fileOrAsk(s, {
        ...draft,
        description: `${draft.description}\n${text}`.slice(0, MAX_DESCRIPTION_LENGTH),
        classification,
      })
    }
  }

  switch (c.intent) {
    case 'report': {
      const fresh: Draft = {
        description: text,
        classification: c,
        location: null,
        imageUrls: [],
        asked: 0,
      }
      return askCategory(s, fresh) ?? fileOrAsk(s, fresh)
    }
    case 'status':
      return { state: s, replies: [], commands: [{ type: 'status', caseNumber: c.caseNumber }] }
    case 'feedback':
      return { state: s, replies: [{ text: t.feedbackThanks }], commands: [] }
    case 'chitchat':
      return { state: s, replies: [{ text: draft ? t.askPlaceAgain : t.welcome }], commands: [] }
  }
}
