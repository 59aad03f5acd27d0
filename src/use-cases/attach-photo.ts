import { MAX_PHOTOS } from '../domain/intake/conversation'
import { findConversationCase, insertCaseEvent } from '../store/cases'
import type { CaseRow, Db } from '../store/schema'

// a case that is over, or folded into another, takes no more evidence
const SHUT = new Set(['closed', 'rejected', 'merged'])

/**
 * Adds a photo to the complaint a conversation filed last, inside the caller's transaction, with
 * an event so handlers see when it came. Returns that case, or null when it can take no more.
 */
export async function attachPhoto(
  db: Db,
  conversationId: string,
  imageUrl: string,
  now: Date,
): Promise<CaseRow | null> {
  const row = await findConversationCase(db, conversationId, null)
  if (!row || SHUT.has(row.status)) return null
  const photos = row.photos ? (JSON.parse(row.photos) as string[]) : []
  if (photos.length >= MAX_PHOTOS) return null
  const at = now.toISOString()
  const updated = { photos: JSON.stringify([...photos, imageUrl]), updated_at: at }
  // the version stays: a photo changes nothing a handler's pending action depends on
  await db.updateTable('cases').set(updated).where('id', '=', row.id).execute()
  await insertCaseEvent(db, {
    case_id: row.id,
    actor: 'resident',
    action: 'photo',
    from_status: row.status,
    to_status: row.status,
    note: null,
    public: 0,
    created_at: at,
  })
  return { ...row, ...updated }
}
