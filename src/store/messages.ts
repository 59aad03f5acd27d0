import { compiledOnce } from './compiled-query'
import type { Db, NewMessage } from './schema'

const insertMessageQuery = compiledOnce((db, message: NewMessage) =>
  db
    .insertInto('messages')
    .values(message)
    .onConflict((oc) => oc.columns(['channel', 'channel_message_id']).doNothing())
    .returning('id'),
)

/**
 * Records an inbound message unless the channel already delivered one with the same id; returns
 * the new row's id, or null for a repeat. On PostgreSQL, a repeat racing the first delivery waits
 * here until the first commits.
 */
export async function insertInboundMessage(db: Db, message: NewMessage): Promise<number | null> {
  const { rows } = await insertMessageQuery(db, message)
  return rows[0]?.id ?? null
}

/** The reply given to a message the channel delivered before, if it was answered. */
export async function findResponse(
  db: Db,
  channel: string,
  channelMessageId: string,
): Promise<string | null> {
  const row = await db
    .selectFrom('messages')
    .select('response')
    .where('channel', '=', channel)
    .where('channel_message_id', '=', channelMessageId)
    .executeTakeFirst()
  return row?.response ?? null
}
