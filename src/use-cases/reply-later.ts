import { replyAsText } from '../channels/reply-as-text'
import { notifyResident } from '../store/notifications'
import type { Db } from '../store/schema'
import type { ChatResponse, InboundMessage } from './receive-message'

/**
 * Queues a turn's reply as a notification for the resident, for when the channel's own answer
 * is gone (WeChat was told `success`): on WeChat the outbox sends it as a customer-service
 * message. Call it in the turn's transaction, so a committed turn always has its reply queued.
 */
export async function replyLater(
  trx: Db,
  response: ChatResponse,
  msg: InboundMessage,
  now: Date,
): Promise<void> {
  await notifyResident(trx, {
    conversationId: msg.conversationId,
    caseId: null,
    text: replyAsText(response),
    now,
  })
}
