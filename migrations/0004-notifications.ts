import type { Kysely } from 'kysely'
import { idType } from './dialect'

// Messages the service sends a resident later, outside a reply: acceptance, transfer,
// resolution, the survey. Channels deliver them (web chat by server-sent events); the id is
// the event id, so a reconnecting client asks for what came after the last one it saw.
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('notifications')
    .addColumn('id', idType(db), (c) => c.primaryKey())
    .addColumn('conversation_id', 'text', (c) => c.notNull().references('conversations.id'))
    .addColumn('case_id', 'integer', (c) => c.references('cases.id'))
    .addColumn('text', 'text', (c) => c.notNull())
    .addColumn('options', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute()
  await db.schema
    .createIndex('notifications_conversation')
    .on('notifications')
    .columns(['conversation_id', 'id'])
    .execute()
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('notifications').execute()
}
