import { sql } from 'kysely'
import { formatCaseNumber } from '../domain/cases/case-number'
import { pickRule } from '../domain/cases/routing'
import { workingDaysDeadline } from '../domain/cases/working-days'
import { shanghaiDay } from '../domain/shanghai-time'
import { importKey, type ImportedCase } from '../domain/trends/import-row'
import {
  readImportFile,
  type ImportEncoding,
  type RejectedRow,
} from '../domain/trends/read-import-file'
import { FROM_RECORDS } from '../store/bulk-history'
import {
  importedCasesFiledBetween,
  insertCase,
  insertCaseEvent,
  nextCaseSequence,
} from '../store/cases'
import type { Store } from '../store/open-database'
import { createReferenceCache, type ReferenceData } from '../store/reference-cache'
import { countFiling, countTiming } from '../store/rollups'
import type { Db } from '../store/schema'
import { recordRating } from '../store/survey-rounds'

export interface ImportReport {
  /** how the file's bytes were read (UTF-8, or GB18030 for GBK files); null when neither */
  encoding: ImportEncoding | null
  imported: number
  /** rows that are the same complaint as a case already there (`number`), left out, not doubled */
  skipped: { line: number; number: string }[]
  /** rows that cannot be taken, by line of the file; when there are any, nothing is written */
  rejected: RejectedRow[]
}

/** Serialises imports on PostgreSQL, so two at once cannot both find a row new and double it. */
const IMPORT_LOCK = 7_020_020

/**
 * Loads historical cases from a CSV file of earlier systems: every row is checked first; one bad
 * row and nothing is written. Good files go in one transaction, with their events, surveys and
 * rollups, so last year's figures exist for year-on-year change. A row that an earlier import
 * (or an earlier row of this file) already brought in is skipped and reported with that case, so
 * importing a file again, or an export that overlaps one imported before, never doubles a year.
 */
export async function importCases(
  store: Store,
  bytes: Uint8Array,
  o: { prefix: string; now: Date },
): Promise<ImportReport> {
  const { encoding, rows, rejected } = readImportFile(bytes, o.now)
  if (rejected.length > 0) return { encoding, imported: 0, skipped: [], rejected }
  const reference = await createReferenceCache().get(store.db, o.now)
  const days = rows.map((r) => shanghaiDay(r.case.filedAt)).sort()
  const skipped: ImportReport['skipped'] = []
  await store.db.transaction().execute(async (trx) => {
    if (store.dialect === 'postgres')
      await sql`select pg_advisory_xact_lock(${IMPORT_LOCK})`.execute(trx)
    const there = new Map<string, string>()
    for (const c of await importedCasesFiledBetween(trx, days[0]!, days.at(-1)!))
      there.set(importKey({ ...c, filedAt: c.created_at }), c.number)
    for (const { line, case: c } of rows) {
      const key = importKey({ ...c, filedAt: c.filedAt.toISOString() })
      const number = there.get(key)
      if (number) skipped.push({ line, number })
      else there.set(key, await importOne(trx, reference, c, o.prefix))
    }
  })
  return { encoding, imported: rows.length - skipped.length, skipped, rejected: [] }
}

/** The action that left an imported case in its final state, for its last event. */
const FINAL_ACTION = {
  closed: 'close',
  rejected: 'reject',
  transferred: 'transfer',
  merged: 'merge',
} as const satisfies Record<ImportedCase['status'], string>

/** Writes one case with its events, survey and rollups; returns its number. */
async function importOne(
  db: Db,
  reference: ReferenceData,
  c: ImportedCase,
  prefix: string,
): Promise<string> {
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
  await event(FINAL_ACTION[c.status], lastAt, c.status)
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
  return row.number
}
