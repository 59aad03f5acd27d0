import { compiledOnce } from './compiled-query'
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

const readConversationQuery = compiledOnce((db, p: { id: string }) =>
  db.selectFrom('conversations').selectAll().where('id', '=', p.id),
)
const lockConversationQuery = compiledOnce((db, p: { id: string }) =>
  db.selectFrom('conversations').selectAll().where('id', '=', p.id).forUpdate(),
)

/** Reads a conversation inside a transaction, locking its row on PostgreSQL so turns do not interleave. */
export async function lockConversation(
  db: Db,
  id: string,
  postgres: boolean,
): Promise<Conversation | undefined> {
  const query = postgres ? lockConversationQuery : readConversationQuery
  return (await query(db, { id })).rows[0]
}

const saveStateQuery = compiledOnce(
  (db, p: { id: string; state: string; language: string; updatedAt: string }) =>
    db
      .updateTable('conversations')
      .set({ state: p.state, language: p.language, updated_at: p.updatedAt })
      .where('id', '=', p.id),
)

export async function saveConversationState(
  db: Db,
  id: string,
  state: string,
  language: string,
  now: Date,
): Promise<void> {
  await saveStateQuery(db, { id, state, language, updatedAt: now.toISOString() })
}

/** The conversation of a channel identity (a WeChat openid), created on its first message. */
export async function findOrCreateConversation(
  db: Db,
  row: { id: string; channel: string; channelUserId: string; state: string; now: Date },
): Promise<Conversation> {
  const at = row.now.toISOString()
  await db
    .insertInto('conversations')
    .values({
      id: row.id,
      channel: row.channel,
      channel_user_id: row.channelUserId,
      token_hash: null,
      language: 'zh-Hans',
      state: row.state,
      created_at: at,
      updated_at: at,
    })
    .onConflict((oc) => oc.columns(['channel', 'channel_user_id']).doNothing())
    .execute()
  return db
    .selectFrom('conversations')
    .selectAll()
    .where('channel', '=', row.channel)
    .where('channel_user_id', '=', row.channelUserId)
    .executeTakeFirstOrThrow()
}
