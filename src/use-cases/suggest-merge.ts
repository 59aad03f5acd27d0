import {
  DUPLICATE_RADIUS_M,
  DUPLICATE_WINDOW_DAYS,
  pickDuplicate,
} from '../domain/cases/duplicates'
import { insertCaseEvent } from '../store/cases'
import { duplicateCandidates, insertMergeSuggestion } from '../store/merge-suggestions'
import type { CaseRow, Db } from '../store/schema'

const DAY_MS = 24 * 60 * 60 * 1000

/**
 * Inside the filing transaction: when a new complaint likely repeats an open case of its
 * department, stores a merge suggestion for the supervisor and notes it in the timeline.
 */
export async function suggestMerge(db: Db, row: CaseRow, now: Date): Promise<string | null> {
  const since = new Date(now.getTime() - DUPLICATE_WINDOW_DAYS * DAY_MS).toISOString()
  const candidates = await duplicateCandidates(db, row, since, DUPLICATE_RADIUS_M)
  const match = pickDuplicate(row, candidates)
  if (!match) return null
  await insertMergeSuggestion(db, {
    caseId: row.id,
    primaryId: match.primary.id,
    reason: match.reason,
    distanceM: match.distanceM,
    now,
  })
  const why = match.reason === 'same_place' ? '同一地点' : `相距约${match.distanceM}米`
  await insertCaseEvent(db, {
    case_id: row.id,
    actor: 'system',
    action: 'duplicate',
    from_status: row.status,
    to_status: row.status,
    note: `疑似重复：与 ${match.primary.number} ${why}，7日内同类投诉，建议并案`,
    public: 0,
    created_at: now.toISOString(),
  })
  return match.primary.number
}
