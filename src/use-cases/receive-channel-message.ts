import { initialState } from '../domain/intake/conversation'
import { findOrCreateConversation } from '../store/conversations'
import {
  receiveMessage,
  type ChatResponse,
  type InboundMessage,
  type ReceiveDeps,
} from './receive-message'

/**
 * A message from a channel identity (a WeChat openid, a Wechaty contact): its conversation is
 * found, or started on the first message, and the message goes through it.
 */
export async function receiveChannelMessage(
  deps: ReceiveDeps,
  msg: Omit<InboundMessage, 'conversationId'>,
): Promise<ChatResponse> {
  const conversation = await findOrCreateConversation(deps.store.db, {
    id: crypto.randomUUID(),
    channel: msg.channel,
    channelUserId: msg.channelUserId,
    state: JSON.stringify(initialState()),
    now: msg.receivedAt,
  })
  return receiveMessage(deps, { ...msg, conversationId: conversation.id })
}
