import type { Db, NewMessage } from './schema'

/**
 * Records an inbound message unless the channel already delivered one with the same id.
 * Returns the new row's id, or null for a repeat. On PostgreSQL a repeat that races the first
 * delivery waits here until the first commits.
 */
export async function claimInboundMessage(db: Db, message: NewMessage): Promise<number | null> {
  const row = await db
    .insertInto('messages')
    .values(message)
    .onConflict((oc) => oc.columns(['channel', 'channel_message_id']).doNothing())
    .returning('id')
    .executeTakeFirst()
  return row?.id ?? null
}

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

export async function completeInboundMessage(
  db: Db,
  id: number,
  done: { classification: string | null; response: string; caseId: number | null },
): Promise<void> {
  await db
    .updateTable('messages')
    .set({ classification: done.classification, response: done.response, case_id: done.caseId })
    .where('id', '=', id)
    .execute()
}

export async function insertOutboundMessages(db: Db, rows: NewMessage[]): Promise<void> {
  if (rows.length > 0) await db.insertInto('messages').values(rows).execute()
}
