import { AppError } from '../errors'
import type { Logger } from '../logger'
import {
  claimUnansweredPushes,
  finishPush,
  forgetDonePushes,
  settleAnsweredPushes,
  type ClaimedPush,
} from '../store/channel-inbox'
import type { ReferenceCache } from '../store/reference-cache'
import type { Store } from '../store/store'
import {
  createConversationIds,
  receiveChannelMessage,
  type ConversationIds,
} from '../use-cases/receive-channel-message'
import { replyLater } from '../use-cases/reply-later'

export interface RecoveryDeps {
  store: Store
  reference: ReferenceCache
  casePrefix: string
  logger: Logger
}

/** a kept push younger than this may still be in its first turn: it is left to that turn */
const GRACE_MS = 60_000
/** a claim outlasts any turn, so a live instance never loses its row to another */
const LEASE_MS = 60_000
const BATCH = 20
/** a push that failed this often is given up (and logged): it would fail again */
const MAX_ATTEMPTS = 5
/** done rows are kept this long, to see what recovery did */
const KEEP_DONE_MS = 7 * 24 * 3600_000

/**
 * Takes kept pushes whose turn never committed (the process died after answering `success`, or
 * the turn failed) through the conversation again, each claimed by one instance; the reply is
 * queued for the resident (a customer-service message on WeChat). The channel's message id
 * still decides: a push whose turn committed meanwhile is answered as before and files nothing.
 */
export async function recoverPushes(
  deps: RecoveryDeps,
  now: Date,
): Promise<{ recovered: number; settled: number; failed: number }> {
  const { store } = deps
  await forgetDonePushes(store.db, new Date(now.getTime() - KEEP_DONE_MS))
  const settled = await settleAnsweredPushes(store.db, now)
  const claimed = await claimUnansweredPushes(store.db, {
    now,
    receivedBefore: new Date(now.getTime() - GRACE_MS),
    leaseMs: LEASE_MS,
    limit: BATCH,
  })
  const conversationIds = createConversationIds(BATCH)
  const counts = { recovered: 0, settled, failed: 0 }
  for (const push of claimed) {
    if (await recoverOne(deps, conversationIds, push, now)) counts.recovered++
    else counts.failed++
  }
  return counts
}

async function recoverOne(
  deps: RecoveryDeps,
  conversationIds: ConversationIds,
  push: ClaimedPush,
  now: Date,
): Promise<boolean> {
  try {
    await receiveChannelMessage(
      {
        store: deps.store,
        reference: deps.reference,
        casePrefix: deps.casePrefix,
        conversationIds,
        // only a turn that commits here answers: a repeat of one that committed files nothing
        onAnswer: (trx, response, msg) => replyLater(trx, response, msg, now),
      },
      {
        channel: push.channel,
        channelUserId: push.channelUserId,
        channelMessageId: push.channelMessageId,
        body: push.body,
        receivedAt: push.receivedAt,
      },
    )
    await finishPush(deps.store.db, push, { state: 'done', lastError: null, retryAt: null }, now)
    return true
  } catch (err) {
    // another turn of the same message is still running: it answers; look again after the lease
    const inProgress = err instanceof AppError && err.code === 'MESSAGE_IN_PROGRESS'
    const giveUp = !inProgress && push.attempts >= MAX_ATTEMPTS
    if (giveUp)
      deps.logger.error('a kept message push could not be answered and was given up', {
        channel: push.channel,
        msgId: push.channelMessageId,
        error: String(err),
      })
    await finishPush(
      deps.store.db,
      push,
      {
        state: giveUp ? 'failed' : 'pending',
        lastError: String(err),
        // the next try waits out the lease rather than the next run
        retryAt: giveUp ? null : push.claimedUntil,
      },
      now,
    )
    return false
  }
}

/**
 * Recovers kept pushes now (after a crash, the restart finds them) and every `everyMs`, one run
 * at a time; returns a function that stops it.
 */
export function startPushRecovery(
  deps: RecoveryDeps,
  onError: (err: unknown) => void,
  everyMs = 30_000,
): () => void {
  let running = false
  const run = () => {
    if (running) return
    running = true
    recoverPushes(deps, new Date())
      .catch(onError)
      .finally(() => (running = false))
  }
  run()
  const timer = setInterval(run, everyMs)
  timer.unref()
  return () => clearInterval(timer)
}
