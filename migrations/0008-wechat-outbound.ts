import type { Kysely } from 'kysely'

// Sending to residents on WeChat. `wechat_access_tokens`: one row per AppID, shared by every
// server instance, so only one of them refreshes the token (the lease columns say who is at it).
// `notification_deliveries`: one row per notification that a channel must push (the Official
// Account, a Wechaty bot), claimed by one instance at a time and retried with backoff.
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('wechat_access_tokens')
    .addColumn('app_id', 'text', (c) => c.primaryKey())
    .addColumn('access_token', 'text')
    .addColumn('expires_at', 'text')
    .addColumn('refreshing_by', 'text')
    .addColumn('refreshing_until', 'text')
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute()

  await db.schema
    .createTable('notification_deliveries')
    .addColumn('notification_id', 'integer', (c) => c.primaryKey().references('notifications.id'))
    .addColumn('channel', 'text', (c) => c.notNull())
    .addColumn('recipient', 'text', (c) => c.notNull())
    // pending → delivered | undeliverable | failed (gave up after the last attempt)
    .addColumn('state', 'text', (c) => c.notNull())
    .addColumn('attempts', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('next_attempt_at', 'text', (c) => c.notNull())
    .addColumn('claimed_until', 'text')
    .addColumn('sent_as', 'text')
    .addColumn('last_error', 'text')
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute()
  await db.schema
    .createIndex('notification_deliveries_due')
    .on('notification_deliveries')
    .columns(['state', 'next_attempt_at'])
    .execute()
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('notification_deliveries').execute()
  await db.schema.dropTable('wechat_access_tokens').execute()
}
