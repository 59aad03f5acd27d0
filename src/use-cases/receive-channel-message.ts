import { initialState } from '../domain/intake/conversation'
import { findOrCreateConversation } from '../store/conversations'
import {
  receiveMessage,
  type ChatResponse,
  type InboundMessage,
  type ReceiveDeps,
} from './receive-message'

const KNOWN_IDENTITIES = 20_000

/**
 * The conversation ids of channel identities seen lately. An identity's conversation never
 * changes, so the id can be kept, sparing every message a write and a read outside the turn's
 * transaction (on SQLite they wait between grouped commits).
 */
export function createConversationIds(max = KNOWN_IDENTITIES) {
  const ids = new Map<string, string>()
  return {
    get: (key: string) => ids.get(key),
    set: (key: string, id: string) => {
      if (ids.size >= max) ids.delete(ids.keys().next().value!)
      ids.set(key, id)
    },
  }
}
export type ConversationIds = ReturnType<typeof createConversationIds>

/**
 * A message from a channel identity (a WeChat openid, a Wechaty contact): its conversation is
 * found, or started on the first message, and the message goes through it.
 */
export async function receiveChannelMessage(
  deps: ReceiveDeps & { conversationIds: ConversationIds },
  msg: Omit<InboundMessage, 'conversationId'>,
): Promise<ChatResponse> {
  const key = `${msg.channel}\u0000${msg.channelUserId}`
  let conversationId = deps.conversationIds.get(key)
  if (!conversationId) {
    const conversation = await findOrCreateConversation(deps.store.db, {
      id: crypto.randomUUID(),
      channel: msg.channel,
      channelUserId: msg.channelUserId,
      state: JSON.stringify(initialState()),
      now: msg.receivedAt,
    })
    conversationId = conversation.id
    deps.conversationIds.set(key, conversationId)
  }
  return receiveMessage(deps, { ...msg, conversationId })
}
