import type { Conversation, Db } from './schema'

export async function insertConversation(
  db: Db,
  row: {
    id: string
    channel: string
    channelUserId: string
    tokenHash: string | null
    language: string
    state: string
    now: Date
  },
): Promise<void> {
  const at = row.now.toISOString()
  await db
    .insertInto('conversations')
    .values({
      id: row.id,
      channel: row.channel,
      channel_user_id: row.channelUserId,
      token_hash: row.tokenHash,
      language: row.language,
      state: row.state,
      created_at: at,
      updated_at: at,
    })
    .execute()
}

export async function findConversationByTokenHash(
  db: Db,
  tokenHash: string,
): Promise<Conversation | undefined> {
  return db
    .selectFrom('conversations')
    .selectAll()
    .where('token_hash', '=', tokenHash)
    .executeTakeFirst()
}

/** Reads a conversation inside a transaction, locking its row on PostgreSQL so turns do not interleave. */
export async function lockConversation(
  db: Db,
  id: string,
  postgres: boolean,
): Promise<Conversation | undefined> {
  const query = db.selectFrom('conversations').selectAll().where('id', '=', id)
  return (postgres ? query.forUpdate() : query).executeTakeFirst()
}

export async function saveConversationState(
  db: Db,
  id: string,
  state: string,
  language: string,
  now: Date,
): Promise<void> {
  await db
    .updateTable('conversations')
    .set({ state, language, updated_at: now.toISOString() })
    .where('id', '=', id)
    .execute()
}
