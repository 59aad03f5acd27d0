import type { Db, NotificationDelivery } from './schema'

/** Channels whose residents get notifications pushed to them (web chat reads its own by SSE). */
export const PUSHED_CHANNELS = ['wechat-oa', 'wechaty']

/**
 * Queues a notification for its channel when the conversation's channel pushes; call it in the
 * transaction that writes the notification, so a committed notification is always sent.
 */
export async function queueDelivery(
  db: Db,
  p: { notificationId: number; conversationId: string; now: Date },
): Promise<void> {
  const conversation = await db
    .selectFrom('conversations')
    .select(['channel', 'channel_user_id'])
    .where('id', '=', p.conversationId)
    .executeTakeFirst()
  if (!conversation || !PUSHED_CHANNELS.includes(conversation.channel)) return
  const at = p.now.toISOString()
  await db
    .insertInto('notification_deliveries')
    .values({
      notification_id: p.notificationId,
      channel: conversation.channel,
      recipient: conversation.channel_user_id,
      state: 'pending',
      next_attempt_at: at,
      updated_at: at,
    })
    .execute()
}

export interface ClaimedDelivery {
  notificationId: number
  channel: string
  recipient: string
  attempts: number
  /** the claim's expiry, which also identifies it when the outcome is written */
  claimedUntil: string
  text: string
  options: string[]
  caseNumber: string | null
  caseStatus: string | null
  createdAt: string
}

/**
 * Claims due deliveries of the given channels for `leaseMs`, oldest first, counting the attempt.
 * One UPDATE whose WHERE re-checks that the row is unclaimed, so two instances never claim the
 * same row (on PostgreSQL the candidates are also picked with SKIP LOCKED, so instances do not
 * queue behind each other).
 */
export async function claimDueDeliveries(
  db: Db,
  p: { channels: string[]; now: Date; leaseMs: number; limit: number; postgres: boolean },
): Promise<ClaimedDelivery[]> {
  if (p.channels.length === 0) return []
  const at = p.now.toISOString()
  const claimedUntil = new Date(p.now.getTime() + p.leaseMs).toISOString()
  let candidates = db
    .selectFrom('notification_deliveries')
    .select('notification_id')
    .where('state', '=', 'pending')
    .where('channel', 'in', p.channels)
    .where('next_attempt_at', '<=', at)
    .where((eb) => eb.or([eb('claimed_until', 'is', null), eb('claimed_until', '<', at)]))
    .orderBy('notification_id')
    .limit(p.limit)
  if (p.postgres) candidates = candidates.forUpdate().skipLocked()
  const claimed = await db
    .updateTable('notification_deliveries')
    .set((eb) => ({
      claimed_until: claimedUntil,
      attempts: eb('attempts', '+', 1),
      updated_at: at,
    }))
    .where('notification_id', 'in', candidates)
    .where('state', '=', 'pending')
    .where((eb) => eb.or([eb('claimed_until', 'is', null), eb('claimed_until', '<', at)]))
    .returning(['notification_id', 'channel', 'recipient', 'attempts'])
    .execute()
  if (claimed.length === 0) return []
  const rows = await db
    .selectFrom('notifications')
    .leftJoin('cases', 'cases.id', 'notifications.case_id')
    .select([
      'notifications.id',
      'notifications.text',
      'notifications.options',
      'notifications.created_at',
      'cases.number',
      'cases.status',
    ])
    .where(
      'notifications.id',
      'in',
      claimed.map((c) => c.notification_id),
    )
    .execute()
  const byId = new Map(rows.map((r) => [r.id, r]))
  return claimed
    .sort((a, b) => a.notification_id - b.notification_id)
    .map((c) => {
      const n = byId.get(c.notification_id)!
      return {
        notificationId: c.notification_id,
        channel: c.channel,
        recipient: c.recipient,
        attempts: c.attempts,
        claimedUntil,
        text: n.text,
        options: n.options ? (JSON.parse(n.options) as string[]) : [],
        caseNumber: n.number,
        caseStatus: n.status,
        createdAt: n.created_at,
      }
    })
}

/** Writes how a claimed delivery went, unless the claim lapsed and another instance took it. */
export async function finishDelivery(
  db: Db,
  d: Pick<ClaimedDelivery, 'notificationId' | 'claimedUntil'>,
  outcome: Pick<NotificationDelivery, 'state' | 'sent_as' | 'last_error' | 'next_attempt_at'>,
  now: Date,
): Promise<void> {
  await db
    .updateTable('notification_deliveries')
    .set({ ...outcome, claimed_until: null, updated_at: now.toISOString() })
    .where('notification_id', '=', d.notificationId)
    .where('claimed_until', '=', d.claimedUntil)
    .execute()
}
