import type { Inbound } from '../domain/intake/conversation'
import type { Db } from './schema'

/** A push as the channel delivered it, before its turn: enough to take it through again. */
export interface StoredPush {
  channel: string
  channelMessageId: string
  channelUserId: string
  body: Inbound
  receivedAt: Date
}

/**
 * Keeps a push durably (one autocommitted statement) before the channel is told it arrived; a
 * repeat of one already kept changes nothing.
 */
export async function keepPush(db: Db, push: StoredPush): Promise<void> {
  await db
    .insertInto('channel_inbox')
    .values({
      channel: push.channel,
      channel_message_id: push.channelMessageId,
      channel_user_id: push.channelUserId,
      body: JSON.stringify(push.body),
      received_at: push.receivedAt.toISOString(),
      state: 'pending',
      updated_at: push.receivedAt.toISOString(),
    })
    .onConflict((oc) => oc.columns(['channel', 'channel_message_id']).doNothing())
    .execute()
}

/** Marks kept pushes whose turn committed (their message is in `messages`) as done. */
export async function settleAnsweredPushes(db: Db, now: Date): Promise<number> {
  const rows = await db
    .updateTable('channel_inbox')
    .set({ state: 'done', claimed_until: null, updated_at: now.toISOString() })
    .where('state', '=', 'pending')
    .where(({ exists, selectFrom }) =>
      exists(
        selectFrom('messages')
          .select('messages.id')
          .whereRef('messages.channel', '=', 'channel_inbox.channel')
          .whereRef('messages.channel_message_id', '=', 'channel_inbox.channel_message_id'),
      ),
    )
    .executeTakeFirst()
  return Number(rows.numUpdatedRows)
}

/** Deletes done pushes received before `before`: what they said is in `messages`. */
export async function forgetDonePushes(db: Db, before: Date): Promise<void> {
  await db
    .deleteFrom('channel_inbox')
    .where('state', '=', 'done')
    .where('received_at', '<', before.toISOString())
    .execute()
}

export interface ClaimedPush extends StoredPush {
  attempts: number
  /** the claim's expiry, which also identifies it when the outcome is written */
  claimedUntil: string
}

/**
 * Claims pending pushes received before `receivedBefore` for `leaseMs`, oldest first, counting
 * the attempt. Each row's UPDATE re-checks that it is unclaimed, so of several instances (or two
 * runs) one claims a row and the others pass it by.
 */
export async function claimUnansweredPushes(
  db: Db,
  p: { now: Date; receivedBefore: Date; leaseMs: number; limit: number },
): Promise<ClaimedPush[]> {
  const at = p.now.toISOString()
  const claimedUntil = new Date(p.now.getTime() + p.leaseMs).toISOString()
  const due = await db
    .selectFrom('channel_inbox')
    .select(['channel', 'channel_message_id'])
    .where('state', '=', 'pending')
    .where('received_at', '<', p.receivedBefore.toISOString())
    .where((eb) => eb.or([eb('claimed_until', 'is', null), eb('claimed_until', '<', at)]))
    .orderBy('received_at')
    .orderBy('channel_message_id')
    .limit(p.limit)
    .execute()
  const claimed: ClaimedPush[] = []
  for (const row of due) {
    const taken = await db
      .updateTable('channel_inbox')
      .set((eb) => ({
        claimed_until: claimedUntil,
        attempts: eb('attempts', '+', 1),
        updated_at: at,
      }))
      .where('channel', '=', row.channel)
      .where('channel_message_id', '=', row.channel_message_id)
      .where('state', '=', 'pending')
      .where((eb) => eb.or([eb('claimed_until', 'is', null), eb('claimed_until', '<', at)]))
      .returningAll()
      .executeTakeFirst()
    if (!taken) continue
    claimed.push({
      channel: taken.channel,
      channelMessageId: taken.channel_message_id,
      channelUserId: taken.channel_user_id,
      body: JSON.parse(taken.body) as Inbound,
      receivedAt: new Date(taken.received_at),
      attempts: taken.attempts,
      claimedUntil,
    })
  }
  return claimed
}

/**
 * Writes how a claimed push went, unless the claim lapsed and another instance took it;
 * `retryAt` keeps a pending row from being claimed again before then.
 */
export async function finishPush(
  db: Db,
  push: Pick<ClaimedPush, 'channel' | 'channelMessageId' | 'claimedUntil'>,
  outcome: {
    state: 'pending' | 'done' | 'failed'
    lastError: string | null
    retryAt: string | null
  },
  now: Date,
): Promise<void> {
  await db
    .updateTable('channel_inbox')
    .set({
      state: outcome.state,
      last_error: outcome.lastError?.slice(0, 500) ?? null,
      claimed_until: outcome.retryAt,
      updated_at: now.toISOString(),
    })
    .where('channel', '=', push.channel)
    .where('channel_message_id', '=', push.channelMessageId)
    .where('claimed_until', '=', push.claimedUntil)
    .execute()
}
