import type { Inbound } from '../../domain/intake/conversation'
import { gcj02ToWgs84 } from '../wechat/gcj02-to-wgs84'

/** What the bot needs to know of one Wechaty message, read off it by the bot. */
export type BotMessage =
  | { kind: 'text'; text: string }
  | { kind: 'location'; latitude: number; longitude: number; label: string | null }
  | { kind: 'media' }
  | { kind: 'other' }

/** Turns a contact's message into what the conversation understands, or null for nothing to answer. */
export function botMessageToInbound(m: BotMessage): Inbound | null {
  switch (m.kind) {
    case 'text': {
      const text = m.text.trim()
      return text ? { kind: 'text', text } : null
    }
    case 'location': {
      if (!Number.isFinite(m.latitude) || !Number.isFinite(m.longitude)) return null
      // WeChat shares locations in GCJ-02, like the Official Account does
      const wgs = gcj02ToWgs84(m.latitude, m.longitude)
      return { kind: 'location', location: { ...wgs, label: m.label } }
    }
    default:
      return null
  }
}
