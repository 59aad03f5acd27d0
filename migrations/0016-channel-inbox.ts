import type { Kysely } from 'kysely'

// Pushes a channel was told were received (the Official Account's `success`) before their turn
// committed: kept here first, so a crash in between loses nothing. A recovery job takes the
// rows whose message never reached `messages`, each claimed by one instance at a time.
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('channel_inbox')
    .addColumn('channel', 'text', (c) => c.notNull())
    .addColumn('channel_message_id', 'text', (c) => c.notNull())
    .addColumn('channel_user_id', 'text', (c) => c.notNull())
    // the parsed message (text, location or image) as JSON
    .addColumn('body', 'text', (c) => c.notNull())
    .addColumn('received_at', 'text', (c) => c.notNull())
    // pending → done (its turn committed) | failed (gave up after the last attempt)
    .addColumn('state', 'text', (c) => c.notNull())
    .addColumn('attempts', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('claimed_until', 'text')
    .addColumn('last_error', 'text')
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('channel_inbox_pkey', ['channel', 'channel_message_id'])
    .execute()
  await db.schema
    .createIndex('channel_inbox_pending')
    .on('channel_inbox')
    .columns(['state', 'received_at'])
    .execute()
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('channel_inbox').execute()
}
