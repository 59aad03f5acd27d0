import { OPEN_STATUSES } from '../domain/cases/lifecycle'
import { boundingBox, type DuplicateCandidate } from '../domain/cases/duplicates'
import type { Db } from './schema'

/**
 * Open cases of a department and category filed since `since` that name the same place or lie
 * within `radiusM` (a bounding box; the exact distance is the domain's to judge).
 */
export async function duplicateCandidates(
  db: Db,
  c: {
    id: number
    department_id: string | null
    category: string
    lat: number | null
    lng: number | null
    place_key: string | null
  },
  since: string,
  radiusM: number,
): Promise<DuplicateCandidate[]> {
  if (c.department_id === null || (c.place_key === null && (c.lat === null || c.lng === null)))
    return []
  const box =
    c.lat !== null && c.lng !== null ? boundingBox({ lat: c.lat, lng: c.lng }, radiusM) : null
  return db
    .selectFrom('cases')
    .select(['id', 'number', 'lat', 'lng', 'place_key', 'created_at'])
    .where('department_id', '=', c.department_id)
    .where('category', '=', c.category)
    .where('created_at', '>=', since)
    .where('status', 'in', [...OPEN_STATUSES])
    .where('id', '!=', c.id)
    .where((eb) => {
      const near = box
        ? [
            eb.and([
              eb('lat', '>=', box.minLat),
              eb('lat', '<=', box.maxLat),
              eb('lng', '>=', box.minLng),
              eb('lng', '<=', box.maxLng),
            ]),
          ]
        : []
      const same = c.place_key ? [eb('place_key', '=', c.place_key)] : []
      return eb.or([...near, ...same])
    })
    .orderBy('id')
    .limit(50)
    .execute()
}

export async function insertMergeSuggestion(
  db: Db,
  s: {
    caseId: number
    primaryId: number
    reason: 'nearby' | 'same_place'
    distanceM: number | null
    now: Date
  },
): Promise<void> {
  await db
    .insertInto('merge_suggestions')
    .values({
      case_id: s.caseId,
      primary_id: s.primaryId,
      reason: s.reason,
      distance_m: s.distanceM,
      status: 'open',
      created_at: s.now.toISOString(),
      decided_at: null,
      decided_by: null,
    })
    .execute()
}

export interface MergeSuggestionView {
  id: number
  case: string
  primary: string
  reason: 'nearby' | 'same_place'
  distanceM: number | null
  status: 'open' | 'merged' | 'dismissed'
  createdAt: string
}

/**
 * The suggestions that involve any of these cases, either side, newest first; with a
 * department, only those whose both cases are that department's.
 */
export async function suggestionsFor(
  db: Db,
  caseIds: readonly number[],
  onlyOpen: boolean,
  department: string | null = null,
): Promise<MergeSuggestionView[]> {
  if (caseIds.length === 0) return []
  let query = db
    .selectFrom('merge_suggestions as s')
    .innerJoin('cases as c', 'c.id', 's.case_id')
    .innerJoin('cases as p', 'p.id', 's.primary_id')
    .select([
      's.id',
      'c.number as case',
      'p.number as primary',
      's.reason',
      's.distance_m as distanceM',
      's.status',
      's.created_at as createdAt',
    ])
    .where((eb) =>
      eb.or([eb('s.case_id', 'in', [...caseIds]), eb('s.primary_id', 'in', [...caseIds])]),
    )
  if (onlyOpen) query = query.where('s.status', '=', 'open')
  if (department !== null)
    query = query
      .where('c.department_id', '=', department)
      .where('p.department_id', '=', department)
  return query.orderBy('s.id', 'desc').execute()
}

/** Marks a case's open suggestions decided: merged (into whichever case) or dismissed. */
export async function decideSuggestions(
  db: Db,
  caseId: number,
  status: 'merged' | 'dismissed',
  by: string,
  now: Date,
): Promise<number> {
  const result = await db
    .updateTable('merge_suggestions')
    .set({ status, decided_at: now.toISOString(), decided_by: by })
    .where('case_id', '=', caseId)
    .where('status', '=', 'open')
    .executeTakeFirst()
  return Number(result.numUpdatedRows)
}

/**
 * After a case went into `into`, the open suggestions that named it as the primary name `into`
 * instead, where a merge now belongs; `into`'s own suggestion to join it is settled by the merge.
 */
export async function followMerge(
  db: Db,
  mergedId: number,
  into: number,
  by: string,
  now: Date,
): Promise<void> {
  // settled: `into` itself, and cases already suggested to join `into`
  await db
    .updateTable('merge_suggestions')
    .set({ status: 'merged', decided_at: now.toISOString(), decided_by: by })
    .where('primary_id', '=', mergedId)
    .where('status', '=', 'open')
    .where((eb) =>
      eb.or([
        eb('case_id', '=', into),
        eb(
          'case_id',
          'in',
          eb
            .selectFrom('merge_suggestions as o')
            .select('o.case_id')
            .where('o.primary_id', '=', into)
            .where('o.status', '=', 'open'),
        ),
      ]),
    )
    .execute()
  await db
    .updateTable('merge_suggestions')
    .set({ primary_id: into })
    .where('primary_id', '=', mergedId)
    .where('status', '=', 'open')
    .execute()
}
