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

/** A case as staff see it (SPEC §3): with version, department, assignee, deadlines and flags. */
export function staffCaseView(row: CaseRow) {
  return {
    ...residentCaseView(row),
    version: row.version,
    department: row.department_id,
    assignee: row.assignee,
    deadlines: { accept: row.accept_due_at, resolve: row.resolve_due_at },
    flags: { overdue: row.overdue === 1, escalated: row.escalated === 1, urgent: row.urgent === 1 },
    photos: row.photos ? (JSON.parse(row.photos) as string[]) : [],
    // an anonymous reporter is not shown, not even to staff
    reporter: row.anonymous
      ? { anonymous: true }
      : { anonymous: false, channel: row.reporter_channel, phone: maskPhone(row.reporter_phone) },
  }
}

/**
 * A phone number as the console shows it until a handler reveals it: 138****1234 for a mobile,
 * the middle hidden likewise for other numbers.
 */
export function maskPhone(phone: string | null): string | null {
  if (!phone) return null
  const digits = phone.replace(/\D/g, '')
  if (digits.length < 7) return '*'.repeat(digits.length)
  const keepEnd = 4
  const keepStart = digits.length >= 11 ? 3 : 2
  return `${digits.slice(0, keepStart)}${'*'.repeat(digits.length - keepStart - keepEnd)}${digits.slice(-keepEnd)}`
}
