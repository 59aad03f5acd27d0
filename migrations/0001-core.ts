import type { Kysely } from 'kysely'
import { idType } from './dialect'

// Timestamps are ISO-8601 UTC text so that every dialect (SQLite, D1, PostgreSQL) sorts and
// compares them alike; booleans are 0/1 integers for the same reason.
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('departments')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('district', 'text')
    .addColumn('phone', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute()

  await db.schema
    .createTable('routing_rules')
    .addColumn('id', idType(db), (c) => c.primaryKey())
    .addColumn('priority', 'integer', (c) => c.notNull())
    .addColumn('category', 'text', (c) => c.notNull())
    .addColumn('subcategory', 'text')
    .addColumn('district', 'text')
    .addColumn('keywords', 'text')
    .addColumn('department_id', 'text', (c) => c.notNull().references('departments.id'))
    .addColumn('action', 'text', (c) => c.notNull())
    .addColumn('accept_working_days', 'integer', (c) => c.notNull())
    .addColumn('resolve_working_days', 'integer', (c) => c.notNull())
    .addColumn('urgent_hours', 'integer', (c) => c.notNull())
    .addColumn('note', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute()

  await db.schema
    .createTable('conversations')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('channel', 'text', (c) => c.notNull())
    .addColumn('channel_user_id', 'text', (c) => c.notNull())
    .addColumn('token_hash', 'text', (c) => c.unique())
    .addColumn('language', 'text', (c) => c.notNull())
    .addColumn('state', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .addUniqueConstraint('conversations_channel_user', ['channel', 'channel_user_id'])
    .execute()

  await db.schema
    .createTable('cases')
    .addColumn('id', idType(db), (c) => c.primaryKey())
    .addColumn('number', 'text', (c) => c.notNull().unique())
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('version', 'integer', (c) => c.notNull())
    .addColumn('category', 'text', (c) => c.notNull())
    .addColumn('subcategory', 'text', (c) => c.notNull())
    .addColumn('district', 'text')
    .addColumn('description', 'text', (c) => c.notNull())
    .addColumn('address', 'text')
    .addColumn('lat', 'double precision')
    .addColumn('lng', 'double precision')
    .addColumn('occurred', 'text')
    .addColumn('classification', 'text')
    .addColumn('reporter_channel', 'text', (c) => c.notNull())
    .addColumn('reporter_user_id', 'text')
    .addColumn('conversation_id', 'text', (c) => c.references('conversations.id'))
    .addColumn('reporter_phone', 'text')
    .addColumn('anonymous', 'integer', (c) => c.notNull())
    .addColumn('department_id', 'text', (c) => c.references('departments.id'))
    .addColumn('assignee', 'text')
    .addColumn('urgent', 'integer', (c) => c.notNull())
    .addColumn('overdue', 'integer', (c) => c.notNull())
    .addColumn('escalated', 'integer', (c) => c.notNull())
    .addColumn('accept_due_at', 'text')
    .addColumn('resolve_due_at', 'text')
    .addColumn('public_note', 'text')
    .addColumn('merged_into_id', 'integer')
    .addColumn('filed_day', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .addColumn('closed_at', 'text')
    .execute()
  await db.schema.createIndex('cases_status').on('cases').columns(['status']).execute()
  await db.schema
    .createIndex('cases_department_status')
    .on('cases')
    .columns(['department_id', 'status'])
    .execute()
  await db.schema.createIndex('cases_filed_day').on('cases').columns(['filed_day']).execute()
  await db.schema
    .createIndex('cases_conversation')
    .on('cases')
    .columns(['conversation_id'])
    .execute()

  await db.schema
    .createTable('case_counters')
    .addColumn('day', 'text', (c) => c.primaryKey())
    .addColumn('seq', 'integer', (c) => c.notNull())
    .execute()

  await db.schema
    .createTable('case_events')
    .addColumn('id', idType(db), (c) => c.primaryKey())
    .addColumn('case_id', 'integer', (c) => c.notNull().references('cases.id'))
    .addColumn('actor', 'text', (c) => c.notNull())
    .addColumn('action', 'text', (c) => c.notNull())
    .addColumn('from_status', 'text')
    .addColumn('to_status', 'text')
    .addColumn('note', 'text')
    .addColumn('public', 'integer', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute()
  await db.schema
    .createIndex('case_events_case')
    .on('case_events')
    .columns(['case_id', 'id'])
    .execute()

  await db.schema
    .createTable('messages')
    .addColumn('id', idType(db), (c) => c.primaryKey())
    .addColumn('conversation_id', 'text', (c) => c.notNull().references('conversations.id'))
    .addColumn('channel', 'text', (c) => c.notNull())
    .addColumn('channel_message_id', 'text')
    .addColumn('direction', 'text', (c) => c.notNull())
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('text', 'text')
    .addColumn('payload', 'text')
    .addColumn('classification', 'text')
    .addColumn('response', 'text')
    .addColumn('case_id', 'integer', (c) => c.references('cases.id'))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addUniqueConstraint('messages_channel_message', ['channel', 'channel_message_id'])
    .execute()
  await db.schema
    .createIndex('messages_conversation')
    .on('messages')
    .columns(['conversation_id', 'id'])
    .execute()
}

export async function down(db: Kysely<any>): Promise<void> {
  for (const table of [
    'messages',
    'case_events',
    'case_counters',
    'cases',
    'conversations',
    'routing_rules',
    'departments',
  ]) {
    await db.schema.dropTable(table).execute()
  }
}
