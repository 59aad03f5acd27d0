import { parse } from 'csv-parse/sync'
import { formatCaseNumber } from '../domain/cases/case-number'
import { pickRule } from '../domain/cases/routing'
import { workingDaysDeadline } from '../domain/cases/working-days'
import { shanghaiDay } from '../domain/shanghai-time'
import { IMPORT_COLUMNS, readImportRow, type ImportedCase } from '../domain/trends/import-row'
import { FROM_RECORDS } from '../store/bulk-history'
import { insertCase, insertCaseEvent, nextCaseSequence } from '../store/cases'
import type { Store } from '../store/open-database'
import { createReferenceCache, type ReferenceData } from '../store/reference-cache'
import { countFiling, countTiming } from '../store/rollups'
import type { Db } from '../store/schema'
import { recordRating } from '../store/survey-rounds'

export interface ImportReport {
  imported: number
  /** rows that cannot be taken, by line of the file; when there are any, nothing is written */
  rejected: { line: number; reasons: string[] }[]
}

/**
 * Loads historical cases from a CSV file of earlier systems: every row is checked first; one bad
 * row and nothing is written. Good files go in one transaction, with their events, surveys and
 * rollups, so last year's figures exist for year-on-year change.
 */
export async function importCases(
  store: Store,
  csv: string | Buffer,
  o: { prefix: string; now: Date },
): Promise<ImportReport> {
  let records: { record: Record<string, string>; info: { lines: number } }[]
  try {
    records = parse(csv, { bom: true, columns: true, info: true, skip_empty_lines: true })
  } catch (err) {
    return {
      imported: 0,
      rejected: [{ line: 0, reasons: [`不是有效的 CSV：${(err as Error).message}`] }],
    }
  }
  const header = Object.keys(records[0]?.record ?? {})
  const missing = IMPORT_COLUMNS.filter((c) => !header.includes(c))
  const unknown = header.filter((c) => !(IMPORT_COLUMNS as readonly string[]).includes(c))
  if (records.length === 0 || missing.length > 0 || unknown.length > 0) {
    const reasons = [
      ...(records.length === 0 ? ['文件没有数据行'] : []),
      ...(missing.length > 0 ? [`缺少列：${missing.join('、')}`] : []),
      ...(unknown.length > 0 ? [`未知列：${unknown.join('、')}`] : []),
    ]
    return {
      imported: 0,
      rejected: [{ line: 1, reasons: [...reasons, `须有列：${IMPORT_COLUMNS.join(',')}`] }],
    }
  }
  const cases: ImportedCase[] = []
  const rejected: ImportReport['rejected'] = []
  for (const { record, info } of records) {
    const read = readImportRow(record, o.now)
    if (read.ok) cases.push(read.value)
    else rejected.push({ line: info.lines, reasons: read.reasons })
  }
  if (rejected.length > 0) return { imported: 0, rejected }
  const reference = await createReferenceCache().get(store.db, o.now)
  await store.db.transaction().execute(async (trx) => {
    for (const c of cases) await importOne(trx, reference, c, o.prefix)
  })
  return { imported: cases.length, rejected: [] }
}

async function importOne(db: Db, reference: ReferenceData, c: ImportedCase, prefix: string) {
  const rule = pickRule(reference.rules, c)!
  const day = shanghaiDay(c.filedAt)
  const iso = (d: Date) => d.toISOString()
  const acceptDue = iso(workingDaysDeadline(c.filedAt, rule.accept_working_days))
  const resolveDue = iso(workingDaysDeadline(c.filedAt, rule.resolve_working_days))
  const lastAt = c.resolvedAt ?? c.acceptedAt ?? c.filedAt
  const row = await insertCase(db, {
    ...FROM_RECORDS,
    number: formatCaseNumber(prefix, day, await nextCaseSequence(db, day)),
    status: c.status,
    version: 1,
    category: c.category,
    subcategory: c.subcategory,
    district: c.district,
    description: c.description,
    address: c.address,
    occurred: null,
    reporter_channel: 'import',
    department_id: rule.department_id,
    assignee: null,
    urgent: 0,
    escalated: 0,
    accept_due_at: acceptDue,
    resolve_due_at: resolveDue,
    filed_day: day,
    created_at: iso(c.filedAt),
    updated_at: iso(lastAt),
    closed_at: c.status === 'closed' || c.status === 'rejected' ? iso(lastAt) : null,
  })
  await countFiling(db, { filedDay: day, ...c })
  const event = (action: string, at: Date, to: string, due: string | null = null) =>
    insertCaseEvent(db, {
      case_id: row.id,
      actor: 'import',
      action,
      from_status: null,
      to_status: to,
      note: '由原系统导入',
      public: 0,
      created_at: iso(at),
      due_at: due,
    })
  await event('file', c.filedAt, 'new')
  const timing = { filedDay: day, district: c.district, from: iso(c.filedAt) }
  if (c.acceptedAt) {
    await event('accept', c.acceptedAt, 'accepted', acceptDue)
    await countTiming(db, { ...timing, stage: 'accept', at: iso(c.acceptedAt), due: acceptDue })
  }
  if (c.resolvedAt) {
    await event('resolve', c.resolvedAt, 'resolved', resolveDue)
    await countTiming(db, { ...timing, stage: 'resolve', at: iso(c.resolvedAt), due: resolveDue })
  }
  if (c.status === 'rejected') await event('reject', lastAt, 'rejected')
  if (c.status === 'closed') await event('close', lastAt, 'closed')
  // an earlier system's rating is of the one resolution it records
  if (c.rating) {
    await recordRating(db, row, {
      round: 1,
      rating: c.rating,
      comment: null,
      channel: 'import',
      at: iso(lastAt),
    })
  }
}
