import {
  insideChangzhou,
  type ConversationState,
  type Location,
} from '../domain/intake/conversation'
import { texts } from '../domain/intake/texts'
import { conversationState } from '../store/conversations'
import type { Db } from '../store/schema'
import type { ChatResponse } from '../use-cases/receive-message'

/** What a browser's GPS fix is called: it has coordinates only, which residents and handlers can read. */
export const gpsLabel = ({ lat, lng }: { lat: number; lng: number }) =>
  `手机定位（${lat.toFixed(5)}，${lng.toFixed(5)}）`

/** True when the complaint's place is a position and nothing yet says which district it is in. */
function placedByCoordinatesOnly(state: ConversationState): boolean {
  const draft = state.draft
  if (!draft) return state.pending?.location !== undefined
  return draft.location !== null && draft.classification.district === null && !draft.placeUnknown
}

/**
 * A position without a place name cannot be routed to a district branch (the reference data
 * has no coordinates), so the resident is asked for the street first; the case would otherwise
 * go to the city bureau.
 */
export async function askStreetForBarePosition(
  db: Db,
  conversationId: string,
  location: Location,
  response: ChatResponse,
): Promise<ChatResponse> {
  if (!insideChangzhou(location)) return response
  const saved = await conversationState(db, conversationId)
  if (!saved || !placedByCoordinatesOnly(JSON.parse(saved) as ConversationState)) return response
  const t = texts[response.language ?? 'zh-Hans']
  return { ...response, replies: [{ text: t.locationNeedsStreet }, ...response.replies] }
}
