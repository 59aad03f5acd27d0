import { queueDelivery } from './notification-deliveries'
import type { Db, Notification } from './schema'

/**
 * Queues a message for a resident; call it in the transaction that makes the news. On channels
 * that push (WeChat), its delivery is queued with it.
 */
export async function notifyResident(
  db: Db,
  n: { conversationId: string; caseId: number | null; text: string; options?: string[]; now: Date },
): Promise<void> {
  const row = await db
    .insertInto('notifications')
    .values({
      conversation_id: n.conversationId,
      case_id: n.caseId,
      text: n.text,
      options: n.options ? JSON.stringify(n.options) : null,
      created_at: n.now.toISOString(),
    })
    .returning('id')
    .executeTakeFirstOrThrow()
  await queueDelivery(db, { notificationId: row.id, conversationId: n.conversationId, now: n.now })
}

/** A conversation's notifications after an id, oldest first, with the number of their case. */
export async function notificationsAfter(
  db: Db,
  conversationId: string,
  afterId: number,
  limit = 50,
): Promise<(Notification & { case_number: string | null })[]> {
  return db
    .selectFrom('notifications')
    .leftJoin('cases', 'cases.id', 'notifications.case_id')
    .selectAll('notifications')
    .select('cases.number as case_number')
    .where('notifications.conversation_id', '=', conversationId)
    .where('notifications.id', '>', afterId)
    .orderBy('notifications.id')
    .limit(limit)
    .execute()
}

/** The newest notification id of a conversation (0 when none), where a fresh stream starts. */
export async function lastNotificationId(db: Db, conversationId: string): Promise<number> {
  const row = await db
    .selectFrom('notifications')
    .select((eb) => eb.fn.max('id').as('id'))
    .where('conversation_id', '=', conversationId)
    .executeTakeFirst()
  return Number(row?.id ?? 0)
}

/** A conversation's latest notifications, oldest first, for the history a reloaded page shows. */
export async function recentNotifications(
  db: Db,
  conversationId: string,
  limit: number,
): Promise<Notification[]> {
  const rows = await db
    .selectFrom('notifications')
    .selectAll()
    .where('conversation_id', '=', conversationId)
    .orderBy('id', 'desc')
    .limit(limit)
    .execute()
  return rows.reverse()
}
