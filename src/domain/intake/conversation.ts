import {
  CATEGORIES,
  type Category,
  type Classification,
  type Language,
  type Subcategory,
} from '../classify/types'
import { ratingOf, type Rating } from '../surveys/rating'
import { isOneOf, mentions, phoneOf, whenOf } from './extract'
import { isUrgentReport } from '../classify/classify'
import { findPlace } from '../classify/gazetteer'
import { normalise } from '../classify/normalise'
import { texts, type Texts } from './texts'

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

/** A complaint being put together, waiting for what is missing and then for one confirmation. */
export interface Draft {
  description: string
  classification: Classification
  location: Location | null
  /** when it happens, in the resident's words; 不详 when they do not know */
  occurred: string | null
  phone: string | null
  anonymous: boolean
  imageUrls: string[]
  /** how often each question was asked; a place asked twice may be skipped with 「不清楚」 */
  asked: { place: number; when: number }
  /** the place is unknown to the resident: the 12369 centre dispatches it */
  placeUnknown?: boolean
  /** categories offered as quick replies when the classifier was unsure, until one is chosen */
  choosing?: Category[]
  /** everything is there; the summary was shown and waits for 确认 */
  confirming?: boolean
}

export interface ConversationState {
  language: Language
  draft: Draft | null
  /** a location or photos the resident sent before saying what the problem is */
  pending?: { location?: Location; imageUrls?: string[] }
  /** when the resident last wrote (ISO), to welcome them back after a pause */
  updatedAt?: string
  /** messages about the complaint being put together, to cap its length; 0 when there is none */
  turns?: number
  /** when a complaint was last filed here (ISO): a photo sent soon after belongs to it */
  filedAt?: string
}

export interface Reply {
  text: string
  options?: string[]
}

/** Work the engine asks the caller to do; the caller turns results into replies. */
export type Command =
  | { type: 'file_case'; draft: Draft }
  | { type: 'status'; caseNumber: string | null }
  /** a rating of the resident's latest resolved case (or the one named) */
  | { type: 'rate'; rating: Rating; comment: string; caseNumber: string | null }
  /** a photo for the complaint this conversation filed last */
  | { type: 'attach_photo'; imageUrl: string }

export interface Turn {
  state: ConversationState
  replies: Reply[]
  commands: Command[]
}

/** Below this confidence a report's category is offered as choices: a tap costs less than a misrouted case. */
export const LOW_CONFIDENCE = 0.6
/** After this pause, a resident with an unfinished complaint is reminded of it. */
export const RESUME_AFTER_MS = 30 * 60 * 1000
/** The longest complaint description kept; more is not appended. */
export const MAX_DESCRIPTION_LENGTH = 4000
/** Photos kept on one complaint. */
export const MAX_PHOTOS = 9
/** Messages one unfinished complaint may take; past it the draft is dropped and the resident starts again. */
export const MAX_TURNS = 1000
/** A photo sent this soon after filing is added to the complaint just filed. */
export const ATTACH_AFTER_FILING_MS = 30 * 60 * 1000

export const initialState = (language: Language = 'zh-Hans'): ConversationState => ({
  language,
  draft: null,
})

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

function newDraft(text: string, c: Classification): Draft {
  return {
    description: text,
    classification: c,
    location: null,
    occurred: whenOf(text),
    phone: phoneOf(text),
    anonymous: false,
    imageUrls: [],
    asked: { place: 0, when: 0 },
  }
}

function withCategory(c: Classification, category: Category): Classification {
  const subcategory: Subcategory | 'none' =
    c.category === category
      ? c.subcategory
      : category === 'air'
        ? 'other_air'
        : category === 'noise'
          ? 'other_noise'
          : 'none'
  return { ...c, category, subcategory, confidence: 1 }
}

/** A message that only asks to complain or report, in any of the resident's languages. */
const ASKS_TO_COMPLAIN =
  /^(?:我|本人)?(?:要|想|想要|需要|准备)?(?:投诉|举报|反映(?:问题|情况|一下)?|报告问题)(?:一下)?[。！!.？?]?$|^(?:hi,? )?(?:i )?(?:want|would like|'d like|need) to (?:complain|report(?: a problem)?|make a complaint|file a complaint)[.!]?$/

/** The district a shared location's label names (「江苏省常州市钟楼区…」), if any. */
function districtOfLabel(label: string | null): Classification['district'] {
  return label ? (findPlace(normalise(label))?.district ?? null) : null
}

const placed = (d: Draft) =>
  d.classification.district !== null || d.location !== null || d.placeUnknown === true

function whereOf(d: Draft, t: Texts): string {
  if (d.location)
    return d.location.label ?? `${d.location.lat.toFixed(4)}, ${d.location.lng.toFixed(4)}`
  const { district, place } = d.classification
  if (district && place && place !== district) return `${district} ${place}`
  return district ?? t.unknownPlace
}

/** The next question for a draft, or the confirmation once nothing is missing. */
function next(state: ConversationState, draft: Draft, before: Reply[] = []): Turn {
  const t = texts[state.language]
  const c = draft.classification
  const what = t.categoryNames[c.category] ?? t.categoryNames.other!
  const ask = (d: Draft, reply: Reply): Turn => ({
    state: { ...state, draft: d },
    replies: [...before, reply],
    commands: [],
  })

  const options = (c.alternatives ?? []).filter((a) => a.p >= 0.1).map((a) => a.category)
  if (
    !draft.choosing &&
    c.confidence < LOW_CONFIDENCE &&
    options.length >= 2 &&
    !draft.confirming
  ) {
    return ask(
      { ...draft, choosing: options },
      { text: t.askCategory, options: [...options.map((o) => t.categoryNames[o]!), t.otherOption] },
    )
  }
  if (!placed(draft)) {
    const text = draft.asked.place === 0 ? t.askPlace(what) : t.askPlaceAgain
    return ask({ ...draft, asked: { ...draft.asked, place: draft.asked.place + 1 } }, { text })
  }
  if (draft.occurred === null && draft.asked.when === 0) {
    return ask(
      { ...draft, asked: { ...draft.asked, when: 1 } },
      { text: t.askWhen, options: [...t.whenOptions] },
    )
  }
  const summary = t.confirm({
    what,
    where: whereOf(draft, t),
    when: draft.occurred ?? t.notStated,
    anonymous: draft.anonymous,
  })
  const o = t.confirmOptions
  return ask(
    { ...draft, confirming: true },
    {
      text: summary,
      options: draft.anonymous ? [o.yes, o.cancel] : [o.yes, o.anonymous, o.cancel],
    },
  )
}

/** Folds what a further message says into the draft: a place, a time, a phone, a better category. */
function merge(draft: Draft, text: string, c: Classification): Draft {
  const surer =
    c.intent === 'report' && c.category !== 'none' && c.confidence > draft.classification.confidence
  const classification: Classification = {
    ...(surer ? c : draft.classification),
    district: c.district ?? draft.classification.district,
    place: c.district ? c.place : draft.classification.place,
    urgent: draft.classification.urgent || c.urgent,
    terms: [...new Set([...draft.classification.terms, ...c.terms])],
  }
  return {
    ...draft,
    classification,
    description: `${draft.description}\n${text}`.slice(0, MAX_DESCRIPTION_LENGTH),
    occurred: draft.occurred ?? whenOf(text),
    phone: phoneOf(text) ?? draft.phone,
  }
}

/** The question a draft waits on an answer to: where, or when it happens. */
function waitingFor(d: Draft): 'place' | 'when' | null {
  if (d.choosing || d.confirming) return null
  if (!placed(d)) return d.asked.place > 0 ? 'place' : null
  return d.occurred === null && d.asked.when > 0 ? 'when' : null
}

/** Whether a message answers the question: an offered option, a time, a place, 「不清楚」 or a phone. */
function answers(text: string, c: Classification, t: Texts): boolean {
  return (
    isOneOf(text, t.whenOptions) ||
    whenOf(text) !== null ||
    mentions(text, t.dontKnowWords) ||
    c.district !== null ||
    phoneOf(text) !== null
  )
}

/**
 * The draft with the resident's answer to the question it waits on. An answer to 「when」 may
 * say more (a phone, the place, 「还在打桩」): that goes in first, and only a time is the time.
 */
function withAnswer(
  waiting: 'place' | 'when',
  draft: Draft,
  text: string,
  c: Classification,
  t: Texts,
): Draft {
  const dontKnow = mentions(text, t.dontKnowWords)
  if (waiting === 'place')
    return dontKnow && !c.district ? { ...draft, placeUnknown: true } : merge(draft, text, c)
  if (isOneOf(text, t.whenOptions)) return { ...draft, occurred: text.trim() }
  const when = whenOf(text)
  if (dontKnow && !when) return { ...draft, occurred: t.notStated }
  const merged = merge(draft, text, c)
  // words with no time in them stand for the time, unless they were a phone, a place or a complaint
  const other =
    phoneOf(text) !== null ||
    c.district !== null ||
    (c.intent === 'report' && c.confidence >= LOW_CONFIDENCE)
  return { ...merged, occurred: when ?? (other ? null : text.slice(0, 60)) }
}

// how a resident says that the summary is wrong (「是油烟不是噪音」「时间不对」, "not noise")
const CORRECTION =
  /不是|不对|错了|搞错|弄错|改成|改为|应该是|其实是|而是|\b(not|actually|instead|wrong)\b/i
// a bare name (「是油烟」「臭味」) at the confirmation can only mean the summary named it wrong
const BARE_NAME = 6

/**
 * At the confirmation the summary is on screen, so what the resident says about it replaces it:
 * another category said as a correction, another time, a district other than a shared location's.
 */
function corrected(draft: Draft, text: string, c: Classification): Draft {
  const merged = merge(draft, text, c)
  const said = normalise(text)
  const recategorised =
    c.intent === 'report' &&
    c.category !== 'none' &&
    c.category !== draft.classification.category &&
    c.confidence >= LOW_CONFIDENCE &&
    (CORRECTION.test(said) || said.length <= BARE_NAME)
  const classification: Classification = recategorised
    ? {
        ...merged.classification,
        category: c.category,
        subcategory: c.subcategory,
        confidence: c.confidence,
        alternatives: c.alternatives,
      }
    : merged.classification
  // a district typed now moves the complaint away from a location shared earlier elsewhere;
  // a location whose label names no district (a phone's bare coordinates) is kept beside it
  const sharedIn = draft.location ? districtOfLabel(draft.location.label) : null
  const moved = c.district !== null && sharedIn !== null && sharedIn !== c.district
  return {
    ...merged,
    classification,
    occurred: whenOf(text) ?? draft.occurred,
    location: moved ? null : merged.location,
  }
}

/** The draft as filed: urgency judged over everything the resident said, not one message. */
function judged(d: Draft): Draft {
  const { category, subcategory } = d.classification
  const said = d.occurred ? `${d.description}\n${d.occurred}` : d.description
  return {
    ...d,
    classification: { ...d.classification, urgent: isUrgentReport(said, category, subcategory) },
  }
}

/**
 * One turn of the intake conversation: given the state, what the resident sent, how it was
 * classified and the time, the next state, the replies, and the work to do (file, look up).
 */
export function converse(
  state: ConversationState,
  inbound: Inbound,
  c: Classification | null,
  now: Date,
): Turn {
  const language =
    inbound.kind === 'text' && c && c.intent !== 'chitchat' ? c.language : state.language
  const s: ConversationState = {
    ...state,
    language,
    updatedAt: now.toISOString(),
    // counted per complaint: filing or cancelling it starts the count again
    turns: state.draft ? (state.turns ?? 0) + 1 : 0,
  }
  const t = texts[language]
  if (s.turns! > MAX_TURNS)
    return {
      state: { ...s, draft: null, turns: 0 },
      replies: [{ text: t.conversationTooLong }],
      commands: [],
    }
  const paused =
    state.updatedAt !== undefined && now.getTime() - Date.parse(state.updatedAt) > RESUME_AFTER_MS
  const before: Reply[] = paused && s.draft ? [{ text: t.recap(s.draft.description) }] : []
  const reply = (text: string, state = s, options?: string[]): Turn => ({
    state,
    replies: [...before, options ? { text, options } : { text }],
    commands: [],
  })
  const draft = s.draft

  if (inbound.kind === 'location') {
    if (!insideChangzhou(inbound.location)) return reply(t.outsideChangzhou)
    const labelled = districtOfLabel(inbound.location.label)
    // a bare position (a phone's coordinates) tells no district, and the reference data has no
    // coordinates to look one up: the resident is asked for the street, or the case would go to
    // the city bureau instead of the district branch
    const needsStreet = labelled === null && !draft?.classification.district && !draft?.placeUnknown
    const said = needsStreet ? [...before, { text: t.locationNeedsStreet }] : before
    // kept until the resident says what the problem is
    if (!draft)
      return {
        state: { ...s, pending: { ...s.pending, location: inbound.location } },
        replies: [...said, { text: t.locationFirst }],
        commands: [],
      }
    // the point shared is where it is: its district replaces one read from the text
    const was = draft.classification
    const classification = labelled
      ? { ...was, district: labelled, place: labelled === was.district ? was.place : null }
      : was
    return next(
      s,
      { ...draft, classification, location: inbound.location, confirming: false },
      said,
    )
  }
  if (inbound.kind === 'image') {
    if (!draft && s.filedAt && now.getTime() - Date.parse(s.filedAt) <= ATTACH_AFTER_FILING_MS)
      return {
        state: s,
        replies: [],
        commands: [{ type: 'attach_photo', imageUrl: inbound.imageUrl }],
      }
    if (!draft) {
      const photos = [...(s.pending?.imageUrls ?? []), inbound.imageUrl].slice(0, MAX_PHOTOS)
      return reply(t.photoWithoutCase, { ...s, pending: { ...s.pending, imageUrls: photos } })
    }
    const imageUrls = [...draft.imageUrls, inbound.imageUrl].slice(0, MAX_PHOTOS)
    if (draft.confirming) {
      // the summary is already on screen: acknowledge, and offer the same choices again
      const o = t.confirmOptions
      return reply(
        t.photoReceived,
        { ...s, draft: { ...draft, imageUrls } },
        draft.anonymous ? [o.yes, o.cancel] : [o.yes, o.anonymous, o.cancel],
      )
    }
    return next(s, { ...draft, imageUrls }, [...before, { text: t.photoReceived }])
  }
  if (!c) return reply(t.help)
  const text = inbound.text.trim()

  // starting over leaves nothing behind: no place or photo held for the next complaint
  const cleared: ConversationState = { ...s, draft: null, pending: undefined, filedAt: undefined }
  if (isOneOf(text, t.words.restart)) return reply(t.restarted, cleared)
  if (isOneOf(text, t.words.cancel)) return reply(draft ? t.cancelled : t.welcome, cleared)
  if (isOneOf(text, t.words.help)) return reply(t.help)

  const status: Turn = {
    state: s,
    replies: before,
    commands: [{ type: 'status', caseNumber: c.caseNumber }],
  }
  if (draft?.choosing) {
    if (c.intent === 'status' && c.caseNumber) return status
    const a = text.toLowerCase()
    if (a === t.otherOption.toLowerCase()) {
      // none of the likeliest: offer every category, "other" (not an environmental matter) last
      const all = [...CATEGORIES]
      return reply(
        t.askCategory,
        { ...s, draft: { ...draft, choosing: all } },
        all.map((o) => t.categoryNames[o]!),
      )
    }
    const chosen = draft.choosing.find((o) => t.categoryNames[o]!.toLowerCase() === a || o === a)
    if (chosen)
      return next(
        s,
        {
          ...draft,
          choosing: undefined,
          classification: withCategory(draft.classification, chosen),
        },
        before,
      )
    if (c.intent !== 'report' || c.confidence < LOW_CONFIDENCE) {
      // a place, time or phone given meanwhile is kept; the question stands
      const kept: Draft = {
        ...draft,
        classification: {
          ...draft.classification,
          district: c.district ?? draft.classification.district,
          place: c.district ? c.place : draft.classification.place,
        },
        occurred: draft.occurred ?? whenOf(text),
        phone: phoneOf(text) ?? draft.phone,
      }
      s.draft = kept
      const names = draft.choosing.map((o) => t.categoryNames[o]!)
      return reply(
        t.askCategory,
        s,
        draft.choosing.length < CATEGORIES.length ? [...names, t.otherOption] : names,
      )
    }
    return next(s, { ...merge(draft, text, c), choosing: undefined }, before)
  }

  if (draft?.confirming) {
    const file = (d: Draft): Turn => ({
      state: { ...s, draft: null, filedAt: now.toISOString() },
      replies: before,
      commands: [{ type: 'file_case', draft: judged(d) }],
    })
    if (isOneOf(text, t.words.yes)) return file(draft)
    if (isOneOf(text, t.words.anonymous)) return file({ ...draft, anonymous: true })
    if (isOneOf(text, t.words.change)) return reply(t.askCorrection)
    // 「現在」 reads as a status query on its own; here, with a time in it, it corrects the summary
    if (c.intent === 'status' && (c.caseNumber || whenOf(text) === null)) return status
    // a correction or more detail (「不对,是在钟楼区」) goes in; a word that adds nothing does not
    const adds =
      c.intent === 'report' ||
      c.district !== null ||
      whenOf(text) !== null ||
      phoneOf(text) !== null
    if (!adds) {
      const o = t.confirmOptions
      return reply(
        t.confirmReminder,
        s,
        draft.anonymous ? [o.yes, o.cancel] : [o.yes, o.anonymous, o.cancel],
      )
    }
    return next(s, { ...corrected(draft, text, c), confirming: false }, before)
  }

  // a question is open: the reply answers it, whatever it sounds like on its own (「之前发生过」 is
  // no status query, "not sure" no feedback), unless it names a case or rates one
  const waiting = draft ? waitingFor(draft) : null
  if (draft && waiting && !c.caseNumber) {
    const rating = c.intent === 'feedback' && !answers(text, c, t) && ratingOf(text) !== null
    if (!rating) return next(s, withAnswer(waiting, draft, text, c, t), before)
  }
  if (draft && c.intent !== 'status' && c.intent !== 'feedback') {
    return next(s, merge(draft, text, c), before)
  }

  // 「我要投诉」 says what the resident wants to do, not what is wrong: invite the description
  // (read alone, the classifier takes it for a status query, 「我要举报」 even for air pollution)
  if (!draft && !c.caseNumber && ASKS_TO_COMPLAIN.test(normalise(text).trim()))
    return reply(t.complainPrompt)

  switch (c.intent) {
    case 'report': {
      // a location or photos sent before the description belong to this complaint
      const fresh = newDraft(text, c)
      const location = s.pending?.location ?? null
      const district =
        fresh.classification.district ?? (location ? districtOfLabel(location.label) : null)
      const draftWithPending: Draft = {
        ...fresh,
        location,
        imageUrls: s.pending?.imageUrls ?? [],
        classification: { ...fresh.classification, district },
      }
      return next({ ...s, pending: undefined }, draftWithPending, before)
    }
    case 'status':
      return status
    case 'feedback': {
      const rating = ratingOf(text)
      if (!rating) return reply(t.feedbackThanks)
      return {
        state: s,
        replies: before,
        commands: [{ type: 'rate', rating, comment: text, caseNumber: c.caseNumber }],
      }
    }
    case 'chitchat':
      return reply(draft ? t.askPlaceAgain : t.welcome)
  }
}
