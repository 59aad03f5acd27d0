import type { CaseRow, Db, Message } from './schema'

/** The latest turns of a conversation, oldest first: each inbound message with the reply it got. */
export async function conversationHistory(
  db: Db,
  conversationId: string,
  limit: number,
): Promise<Message[]> {
  const rows = await db
    .selectFrom('messages')
    .selectAll()
    .where('conversation_id', '=', conversationId)
    .where('direction', '=', 'in')
    .orderBy('id', 'desc')
    .limit(limit)
    .execute()
  return rows.reverse()
}

/** The cases a conversation filed, newest first, a page at a time (`before`: an id cursor). */
export async function casesOfConversation(
  db: Db,
  conversationId: string,
  page: { limit: number; before?: number },
): Promise<CaseRow[]> {
  let query = db.selectFrom('cases').selectAll().where('conversation_id', '=', conversationId)
  if (page.before !== undefined) query = query.where('id', '<', page.before)
  return query.orderBy('id', 'desc').limit(page.limit).execute()
}

/** A case by number, only if this conversation filed it. */
export async function caseOfConversation(
  db: Db,
  conversationId: string,
  number: string,
): Promise<CaseRow | undefined> {
  return db
    .selectFrom('cases')
    .selectAll()
    .where('conversation_id', '=', conversationId)
    .where('number', '=', number)
    .executeTakeFirst()
}

/** The events a resident may see on a case (acceptance, transfer, resolution …), oldest first. */
export async function publicEvents(db: Db, caseId: number) {
  return db
    .selectFrom('case_events')
    .select(['action', 'to_status', 'note', 'created_at'])
    .where('case_id', '=', caseId)
    .where('public', '=', 1)
    .orderBy('id')
    .execute()
}

/** The cases these merged complaints were joined to, by id: where their news now comes from. */
export async function mergedPrimaries(
  db: Db,
  rows: readonly Pick<CaseRow, 'merged_into_id'>[],
): Promise<Map<number, CaseRow>> {
  const ids = [...new Set(rows.map((r) => r.merged_into_id).filter((id) => id !== null))]
  if (ids.length === 0) return new Map()
  const primaries = await db.selectFrom('cases').selectAll().where('id', 'in', ids).execute()
  return new Map(primaries.map((p) => [p.id, p]))
}
