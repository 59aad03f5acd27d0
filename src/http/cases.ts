import { Hono } from 'hono'
import { z } from 'zod'
import { CASE_NUMBER_PATTERN } from '../domain/cases/case-number'
import { allowedActions, type CaseStatus } from '../domain/cases/lifecycle'
import { texts } from '../domain/intake/texts'
import { AppError } from '../errors'
import { insertCaseEvent } from '../store/cases'
import { decideSuggestions, suggestionsFor } from '../store/merge-suggestions'
import { caseFor, caseTimeline, listCasesFor, scoped } from '../store/staff-cases'
import { actOnCase } from '../use-cases/act-on-case'
import { staffSession } from './auth'
import { caseNumberParam, pageOf } from './case-params'
import { staffCaseView } from './case-views'
import type { AppEnv, Deps } from './env'
import { readJson, readQuery } from './read-json'
import { transcriptOf } from './transcript'
import type { CaseRow, Db, Staff } from '../store/schema'

const listQuery = z.object({
  status: z.string().max(20).optional(),
  category: z.string().max(20).optional(),
  district: z.string().max(20).optional(),
  overdue: z.enum(['true', 'false']).optional(),
  escalated: z.enum(['true', 'false']).optional(),
  duplicates: z.enum(['true', 'false']).optional(),
  q: z.string().trim().min(1).max(100).optional(),
  cursor: z.coerce
    .number()
    .int()
    .positive()
    .max(2 ** 31 - 1)
    .optional(),
  limit: z.coerce.number().int().min(1).max(100).default(50),
})

/** how much of the resident's conversation the case page shows */
const TRANSCRIPT_TURNS = 100

const reason = z.string().trim().min(1, '须写明原因').max(1000)
const version = z.number().int().min(1)
const actionBody = z.discriminatedUnion('action', [
  z.strictObject({ action: z.literal('accept'), version }),
  z.strictObject({ action: z.literal('reject'), version, reason }),
  z.strictObject({
    action: z.literal('transfer'),
    version,
    agency: z.string().min(1).max(64),
    reason,
  }),
  z.strictObject({
    action: z.literal('assign'),
    version,
    assignee: z.string().trim().min(1).max(64),
  }),
  z.strictObject({ action: z.literal('return'), version, reason }),
  z.strictObject({
    action: z.literal('reroute'),
    version,
    department: z.string().min(1).max(64),
    reason,
  }),
  z.strictObject({ action: z.literal('start'), version }),
  z.strictObject({
    action: z.literal('extend'),
    version,
    days: z.number().int().min(1).max(30),
    reason,
  }),
  z.strictObject({
    action: z.literal('resolve'),
    version,
    reply: z.string().trim().min(1).max(4000),
  }),
  z.strictObject({ action: z.literal('close'), version }),
  z.strictObject({ action: z.literal('reopen'), version, reason }),
  z.strictObject({
    action: z.literal('escalate'),
    version,
    note: z.string().trim().min(1).max(1000),
  }),
  z.strictObject({
    action: z.literal('merge'),
    version,
    // typed by hand as often as copied: 「cz20261128-0007」 names the same case
    into: z.string().trim().toUpperCase().regex(CASE_NUMBER_PATTERN),
  }),
  z.strictObject({ action: z.literal('unmerge'), version, reason }),
  z.strictObject({ action: z.literal('note'), version, text: z.string().trim().min(1).max(4000) }),
])

/** A case this staff member may see; 404 otherwise, whether or not it exists elsewhere. */
async function visibleCase(db: Db, staff: Staff, number: string): Promise<CaseRow> {
  const row = await caseFor(db, staff, number)
  if (!row) throw new AppError('CASE_NOT_FOUND', `没有找到案件 ${number}`)
  return row
}

/** An internal event in a case's timeline that leaves its state as it is. */
async function staffEvent(
  db: Db,
  row: CaseRow,
  staff: Staff,
  action: string,
  note: string,
  now: Date,
) {
  await insertCaseEvent(db, {
    case_id: row.id,
    actor: `staff:${staff.username}`,
    action,
    from_status: row.status,
    to_status: row.status,
    note,
    public: 0,
    created_at: now.toISOString(),
  })
}

/** The staff side of cases: the queue, one case with its timeline, and actions on it. */
export function caseRoutes(deps: Deps) {
  const app = new Hono<AppEnv>()
  app.use(staffSession(deps))

  app.get('/', async (c) => {
    const { cursor, limit, overdue, escalated, duplicates, ...filter } = readQuery(c, listQuery)
    const flag = (v: 'true' | 'false' | undefined) => (v === undefined ? undefined : v === 'true')
    const rows = await listCasesFor(deps.store.db, c.get('staff'), {
      ...filter,
      overdue: flag(overdue),
      escalated: flag(escalated),
      duplicates: duplicates === 'true',
      before: cursor,
      limit: limit + 1,
    })
    const { items, nextCursor } = pageOf(rows, limit)
    const suggestions = await suggestionsFor(
      deps.store.db,
      items.map((r) => r.id),
      true,
      scoped(c.get('staff')),
    )
    return c.json({
      items: items.map((r) => ({
        ...staffCaseView(r),
        mergeSuggestion: suggestions.find((s) => s.case === r.number) ?? null,
      })),
      nextCursor,
    })
  })

  app.get('/:number', async (c) => {
    const number = caseNumberParam(c.req.param('number'))
    const row = await visibleCase(deps.store.db, c.get('staff'), number)
    const [events, suggestions, transcript] = await Promise.all([
      caseTimeline(deps.store.db, row.id),
      suggestionsFor(deps.store.db, [row.id], false, scoped(c.get('staff'))),
      row.conversation_id ? transcriptOf(deps.store.db, row.conversation_id, TRANSCRIPT_TURNS) : [],
    ])
    const reference = await deps.reference.get(deps.store.db, deps.now())
    return c.json({
      ...staffCaseView(row),
      departmentName: reference.departments.get(row.department_id ?? '')?.name ?? null,
      mergeSuggestions: suggestions,
      transcript,
      /** what this staff member may do now, for the console's buttons */
      allowedActions: allowedActions(row.status as CaseStatus, c.get('staff').role),
      timeline: events.map((e) => ({
        action: e.action,
        actor: e.actor,
        from: e.from_status,
        to: e.to_status,
        toText: e.to_status ? (texts['zh-Hans'].statusNames[e.to_status] ?? e.to_status) : null,
        note: e.note,
        public: e.public === 1,
        at: e.created_at,
      })),
    })
  })

  app.post('/:number/actions', async (c) => {
    const number = caseNumberParam(c.req.param('number'))
    const action = await readJson(c, actionBody)
    const row = await actOnCase(deps, c.get('staff'), number, action, deps.now())
    return c.json(staffCaseView(row))
  })

  // the full number, for a call back; who looked is kept in the timeline
  app.post('/:number/reveal-phone', async (c) => {
    const number = caseNumberParam(c.req.param('number'))
    const staff = c.get('staff')
    const phone = await deps.store.write(async (trx) => {
      const row = await visibleCase(trx, staff, number)
      if (staff.role === 'analyst') throw new AppError('FORBIDDEN', '分析人员不能查看居民号码')
      if (row.anonymous || !row.reporter_phone)
        throw new AppError('NOT_FOUND', '这位居民没有留下电话')
      await staffEvent(trx, row, staff, 'reveal_phone', '查看了居民的完整电话号码', deps.now())
      return row.reporter_phone
    })
    return c.json({ phone })
  })

  // a supervisor decides the suggested merge is wrong: it leaves the queue's duplicate view
  app.post('/:number/merge-suggestions/dismiss', async (c) => {
    const number = caseNumberParam(c.req.param('number'))
    const staff = c.get('staff')
    const dismissed = await deps.store.write(async (trx) => {
      const row = await visibleCase(trx, staff, number)
      if (staff.role !== 'supervisor' && staff.role !== 'admin')
        throw new AppError('FORBIDDEN', '只有负责人可以处理并案建议')
      const by = `staff:${staff.username}`
      const n = await decideSuggestions(trx, row.id, 'dismissed', by, deps.now())
      if (n > 0) await staffEvent(trx, row, staff, 'note', '并案建议已排除：不是重复件', deps.now())
      return n
    })
    return c.json({ dismissed })
  })

  return app
}
