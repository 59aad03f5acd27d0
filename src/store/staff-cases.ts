import type { CaseRow, CaseUpdate, Db, Staff } from './schema'

/** Whom a staff member may see: their department's cases, or all (null) for admins and analysts. */
export function scoped(staff: Staff): string | null {
  return staff.role === 'admin' || staff.role === 'analyst' ? null : staff.department_id
}

export interface CaseFilter {
  status?: string
  category?: string
  district?: string
  overdue?: boolean
  escalated?: boolean
  /** only cases with an open merge suggestion */
  duplicates?: boolean
  q?: string
  before?: number
  limit: number
}

export async function listCasesFor(db: Db, staff: Staff, f: CaseFilter): Promise<CaseRow[]> {
  let query = db.selectFrom('cases').selectAll()
  const department = scoped(staff)
  if (department !== null) query = query.where('department_id', '=', department)
  if (f.status) query = query.where('status', '=', f.status)
  if (f.category) query = query.where('category', '=', f.category)
  if (f.district) query = query.where('district', '=', f.district)
  if (f.overdue !== undefined) query = query.where('overdue', '=', f.overdue ? 1 : 0)
  if (f.escalated !== undefined) query = query.where('escalated', '=', f.escalated ? 1 : 0)
  if (f.duplicates)
    query = query.where((eb) =>
      eb.exists(
        eb
          .selectFrom('merge_suggestions')
          .select('merge_suggestions.id')
          .whereRef('merge_suggestions.case_id', '=', 'cases.id')
          .where('merge_suggestions.status', '=', 'open'),
      ),
    )
  if (f.q)
    query = query.where((eb) =>
      eb.or([eb('number', '=', f.q!.toUpperCase()), eb('description', 'like', `%${f.q}%`)]),
    )
  if (f.before !== undefined) query = query.where('id', '<', f.before)
  return query.orderBy('id', 'desc').limit(f.limit).execute()
}

/** A case by number if this staff member may see it; otherwise as if it did not exist. */
export async function caseFor(
  db: Db,
  staff: Staff,
  number: string,
  lock = false,
): Promise<CaseRow | undefined> {
  let query = db.selectFrom('cases').selectAll().where('number', '=', number)
  const department = scoped(staff)
  if (department !== null) query = query.where('department_id', '=', department)
  return (lock ? query.forUpdate() : query).executeTakeFirst()
}

/** Applies a change only if the case is still at `version`; returns whether it was. */
export async function updateCaseAtVersion(
  db: Db,
  id: number,
  version: number,
  change: CaseUpdate,
): Promise<boolean> {
  const result = await db
    .updateTable('cases')
    .set({ ...change, version: version + 1 })
    .where('id', '=', id)
    .where('version', '=', version)
    .executeTakeFirst()
  return Number(result.numUpdatedRows) === 1
}

export async function caseTimeline(db: Db, caseId: number) {
  return db
    .selectFrom('case_events')
    .selectAll()
    .where('case_id', '=', caseId)
    .orderBy('id')
    .execute()
}
