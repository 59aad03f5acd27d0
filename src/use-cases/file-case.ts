import { formatCaseNumber } from '../domain/cases/case-number'
import { pickRule } from '../domain/cases/routing'
import { caseDeadlines } from '../domain/cases/deadlines'
import { placeKey } from '../domain/cases/duplicates'
import type { Draft } from '../domain/intake/conversation'
import { shanghaiDay } from '../domain/shanghai-time'
import { insertCase, insertCaseEvent, nextCaseSequence } from '../store/cases'
import { countFiling } from '../store/rollups'
import type { ReferenceData } from '../store/reference-cache'
import { suggestMerge } from './suggest-merge'
import type { CaseRow, Db, Department, RoutingRule } from '../store/schema'

export interface FiledCase {
  row: CaseRow
  department: Department
  rule: RoutingRule
}

export interface Reporter {
  channel: string
  channelUserId: string | null
  conversationId: string | null
}

/**
 * Files a complaint inside the caller's transaction: numbers it, routes it by the rules, sets
 * its deadlines, and writes the events; a referral to another agency is transferred at once.
 */
export async function fileCase(
  db: Db,
  reference: ReferenceData,
  draft: Draft,
  reporter: Reporter,
  prefix: string,
  now: Date,
): Promise<FiledCase> {
  const c = draft.classification
  const category = c.category === 'none' ? 'other' : c.category
  const subcategory = c.subcategory
  const rule = pickRule(reference.rules, {
    category,
    subcategory,
    district: c.district,
    description: draft.description,
  })
  if (!rule) throw new Error('routing rules have no catch-all rule')
  const department = reference.departments.get(rule.department_id)
  if (!department)
    throw new Error(`routing rule ${rule.id} names unknown department ${rule.department_id}`)

  const day = shanghaiDay(now)
  const number = formatCaseNumber(prefix, day, await nextCaseSequence(db, day))
  const at = now.toISOString()
  const transfer = rule.action === 'transfer'
  const due = caseDeadlines(rule, c.urgent, now, reference.schedule)

  const row = await insertCase(db, {
    number,
    status: transfer ? 'transferred' : 'new',
    version: 1,
    category,
    subcategory,
    district: c.district,
    description: draft.description,
    address: draft.location?.label ?? c.place ?? null,
    lat: draft.location?.lat ?? null,
    lng: draft.location?.lng ?? null,
    occurred: draft.occurred,
    classification: JSON.stringify(c),
    reporter_channel: reporter.channel,
    reporter_user_id: reporter.channelUserId,
    conversation_id: reporter.conversationId,
    reporter_phone: draft.anonymous ? null : draft.phone,
    anonymous: draft.anonymous ? 1 : 0,
    department_id: department.id,
    assignee: null,
    urgent: c.urgent ? 1 : 0,
    overdue: 0,
    escalated: 0,
    accept_due_at: transfer ? null : due.acceptDueAt.toISOString(),
    resolve_due_at: transfer ? null : due.resolveDueAt.toISOString(),
    public_note: transfer ? `已转交${department.name}` : null,
    photos: draft.imageUrls.length > 0 ? JSON.stringify(draft.imageUrls) : null,
    merged_into_id: null,
    place_key: placeKey(draft.description, draft.location?.label ?? null),
    filed_day: day,
    created_at: at,
    updated_at: at,
    closed_at: null,
  })
  await countFiling(db, {
    filedDay: day,
    category,
    subcategory,
    district: c.district,
    address: row.address,
  })
  await insertCaseEvent(db, {
    case_id: row.id,
    actor: 'resident',
    action: 'file',
    from_status: null,
    to_status: 'new',
    note: rule.note,
    public: 1,
    created_at: at,
  })
  if (transfer) {
    await insertCaseEvent(db, {
      case_id: row.id,
      actor: 'system',
      action: 'transfer',
      from_status: 'new',
      to_status: 'transferred',
      note: `${rule.note ?? ''}：转交${department.name}`,
      public: 1,
      created_at: at,
    })
  }
  if (!transfer) await suggestMerge(db, row, now)
  return { row, department, rule }
}
