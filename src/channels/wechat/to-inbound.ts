import type { Inbound } from '../../domain/intake/conversation'
import { texts } from '../../domain/intake/texts'
import { gcj02ToWgs84 } from './gcj02-to-wgs84'
import type { OfficialAccountMessage } from './parse-official-account-message'

/** What a push means for the conversation: a message for the engine, a fixed answer, or nothing. */
export type OfficialAccountIntent =
  | { kind: 'message'; id: string; body: Inbound }
  | { kind: 'answer'; text: string }
  | { kind: 'ignore' }

// Menu keys the account's menu sends (CLICK events), mapped to what the resident would type;
// COMPLAIN is answered with a fixed invitation instead (typed, 「我要投诉」 reads as a status query).
const MENU: Record<string, string> = {
  STATUS: '查询我的投诉进度',
  RATE: '评价',
}

/** Turns one Official Account push into what the channel-neutral conversation understands. */
export function toInbound(m: OfficialAccountMessage): OfficialAccountIntent {
  const t = texts['zh-Hans']
  // events carry no MsgId: the sender, the second and the menu key identify a delivery and its
  // retries (two different taps in one second are two deliveries)
  const id =
    m.msgId ??
    [m.fromUser, m.createTime, m.event ?? m.msgType, m.eventKey].filter(Boolean).join(':')
  switch (m.msgType) {
    case 'text':
      return m.content
        ? { kind: 'message', id, body: { kind: 'text', text: m.content } }
        : { kind: 'ignore' }
    case 'voice':
      return m.recognition
        ? { kind: 'message', id, body: { kind: 'text', text: m.recognition } }
        : { kind: 'answer', text: t.voiceUnrecognised }
    case 'image':
      return m.picUrl
        ? { kind: 'message', id, body: { kind: 'image', imageUrl: m.picUrl } }
        : { kind: 'ignore' }
    case 'location': {
      const lat = Number(m.locationX)
      const lng = Number(m.locationY)
      if (!Number.isFinite(lat) || !Number.isFinite(lng)) return { kind: 'ignore' }
      const wgs = gcj02ToWgs84(lat, lng)
      return {
        kind: 'message',
        id,
        body: { kind: 'location', location: { ...wgs, label: m.label } },
      }
    }
    case 'event': {
      const event = (m.event ?? '').toLowerCase()
      if (event === 'subscribe') return { kind: 'answer', text: t.welcome }
      if (event === 'click' && m.eventKey === 'COMPLAIN')
        return { kind: 'answer', text: t.complainPrompt }
      if (event === 'click' && m.eventKey && MENU[m.eventKey]) {
        return { kind: 'message', id, body: { kind: 'text', text: MENU[m.eventKey]! } }
      }
      return { kind: 'ignore' }
    }
    default:
      return { kind: 'answer', text: t.help }
  }
}
