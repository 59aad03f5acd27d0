import { texts } from '../domain/intake/texts'
import type { CaseRow } from '../store/schema'

/** A case as the resident who filed it sees it (SPEC §3): no staff fields. */
export function residentCaseView(row: CaseRow) {
  return {
    number: row.number,
    status: row.status,
    /** the state as the resident reads it, e.g. 已受理 */
    statusText: texts['zh-Hans'].statusNames[row.status] ?? row.status,
    category: row.category,
    subcategory: row.subcategory,
    district: row.district,
    description: row.description,
    address: row.address,
    urgent: row.urgent === 1,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
    latestUpdate: row.public_note,
  }
}
