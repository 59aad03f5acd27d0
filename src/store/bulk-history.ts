import { formatCaseNumber } from '../domain/cases/case-number'
import { pickRule } from '../domain/cases/routing'
import { workingDaysDeadline } from '../domain/cases/working-days'
import type { DemoComplaint } from '../domain/demo/history'
import { shanghaiDay } from '../domain/shanghai-time'
import type { ReferenceData } from './reference-cache'
import { placeOf, timingKey } from './rollups'
import type { CaseSurveyTable, Db, NewCase, NewCaseEvent } from './schema'
import type { Insertable } from 'kysely'

const HOUR_MS = 3_600_000
const WEEK_MS = 7 * 24 * HOUR_MS

/** What a case from records (not a conversation) has none of: no chat, no phone, no photos. */
export const FROM_RECORDS = {
  lat: null,
  lng: null,
  classification: null,
  reporter_user_id: null,
  conversation_id: null,
  reporter_phone: null,
  anonymous: 1,
  overdue: 0,
  public_note: null,
  photos: null,
  merged_into_id: null,
} as const

type Counts = Map<string, { key: Record<string, string | number>; n: number }>

/**
 * Writes a long history of complaints fast: many rows per statement instead of one filing per
 * transaction, the cases' whole lives (events, surveys) as the lifecycle would have left them by
 * `now`, and the rollups counted in memory with the same keys the live path uses, written at
 * the end. For empty databases (demo data, benchmarks); `npm run check:rollups` verifies it.
 */
export function historyWriter(
  db: Db,
  p: {
    reference: ReferenceData
    prefix: string
    now: Date
    describe: (c: DemoComplaint) => string
    /** the first case id to use (ids are given here, so events can refer to them in the same batch) */
    firstId: number
  },
) {
  let nextId = p.firstId
  const seq = new Map<string, number>()
  const rollups: Record<string, Counts> = {
    case_rollups: new Map(),
    place_rollups: new Map(),
    survey_rollups: new Map(),
    case_timing_rollups: new Map(),
  }
  const count = (table: string, key: Record<string, string | number>) => {
    const k = Object.values(key).join('\t')
    const entry = rollups[table]!.get(k)
    if (entry) entry.n += 1
    else rollups[table]!.set(k, { key, n: 1 })
  }
  const now = p.now.getTime()

  function lifeOf(c: DemoComplaint) {
    const id = nextId++
    const day = shanghaiDay(c.filedAt)
    const n = (seq.get(day) ?? 0) + 1
    seq.set(day, n)
    const description = p.describe(c)
    const rule = pickRule(p.reference.rules, { ...c, description })!
    const transfer = rule.action === 'transfer'
    const filed = c.filedAt.getTime()
    const iso = (t: number) => new Date(t).toISOString()
    const acceptDue = transfer
      ? null
      : c.urgent
        ? iso(filed + rule.urgent_hours * HOUR_MS)
        : workingDaysDeadline(c.filedAt, rule.accept_working_days).toISOString()
    const resolveDue = transfer
      ? null
      : workingDaysDeadline(c.filedAt, rule.resolve_working_days).toISOString()
    const events: NewCaseEvent[] = []
    let status = 'new'
    let at = filed
    let escalated: 0 | 1 = 0
    let closedAt: string | null = null
    let assignee: string | null = null
    const happen = (
      time: number,
      action: string,
      to: string,
      actor: string,
      note: string | null,
      pub = 1,
    ) => {
      events.push({
        case_id: id,
        actor,
        action,
        from_status: action === 'file' ? null : status,
        to_status: to,
        note,
        public: pub as 0 | 1,
        created_at: iso(time),
        due_at: null,
      })
      status = to
      at = time
    }
    happen(filed, 'file', 'new', 'resident', rule.note)
    const handler = `staff:demo-${rule.department_id.replace(/-branch$/, '')}`
    const survey: Insertable<CaseSurveyTable>[] = []
    const district = c.district
    // called right after the event it counts, which keeps the deadline it was judged by
    const timing = (stage: 'accept' | 'resolve', t: number, due: string | null) => {
      events[events.length - 1]!.due_at = due
      count(
        'case_timing_rollups',
        timingKey({ filedDay: day, district, stage, from: iso(filed), at: iso(t), due }),
      )
    }
    const rate = (rating: CaseSurveyTable['rating'], t: number, channel: string, round = 1) => {
      survey.push({ case_id: id, round, rating, comment: null, channel, answered_at: iso(t) })
      count('survey_rollups', { month: day.slice(0, 7), district: district ?? '', rating })
    }

    const acceptAt = filed + c.acceptAfterHours * HOUR_MS
    if (transfer) {
      happen(
        filed,
        'transfer',
        'transferred',
        'system',
        `${rule.note ?? ''}：转交${rule.department_id}`,
      )
    } else if (acceptAt <= now && c.rejected) {
      happen(acceptAt, 'reject', 'rejected', handler, '不属于生态环境部门职责，已告知向12345反映')
      closedAt = iso(acceptAt)
    } else if (acceptAt <= now) {
      happen(acceptAt, 'accept', 'accepted', handler, null)
      timing('accept', acceptAt, acceptDue)
      assignee = handler.slice(6)
      happen(acceptAt + 0.5 * HOUR_MS, 'assign', 'assigned', handler, assignee, 0)
      const resolveAt = Math.max(filed + c.resolveAfterHours * HOUR_MS, at + HOUR_MS)
      if (resolveAt <= now) {
        happen(resolveAt, 'resolve', 'resolved', handler, '经现场核查，已督促整改到位')
        timing('resolve', resolveAt, resolveDue)
        const rateAt = resolveAt + c.rateAfterHours * HOUR_MS
        const closeAt = resolveAt + WEEK_MS + HOUR_MS
        if (c.rating === 'not_rated' && closeAt <= now) {
          rate('not_rated', closeAt, 'system')
          happen(closeAt, 'close', 'closed', 'system', '七日内未评价，按未评价归档', 0)
        } else if (c.rating !== 'not_rated' && rateAt <= now) {
          rate(c.rating, rateAt, c.channel)
          if (c.rating !== 'dissatisfied') {
            happen(rateAt, 'close', 'closed', 'resident', `评价：${c.rating}`)
          } else {
            happen(rateAt, 'reopen', 'assigned', 'resident', '评价：dissatisfied — 问题仍然存在')
            escalated = 1
            const again = rateAt + 72 * HOUR_MS
            if (again <= now) happen(again, 'resolve', 'resolved', handler, '复查后已再次整改')
            // the second resolution closed by the supervisor before the resident rated it
            if (again + 24 * HOUR_MS <= now) {
              rate('not_rated', again + 24 * HOUR_MS, 'staff', 2)
              happen(again + 24 * HOUR_MS, 'close', 'closed', 'staff:demo-supervisor', null, 0)
            }
          }
        }
        if (status === 'closed') closedAt = iso(at)
      }
    }

    count('case_rollups', {
      month: day.slice(0, 7),
      category: c.category,
      subcategory: c.subcategory,
      district: district ?? '',
    })
    const place = placeOf(c.place)
    if (place) count('place_rollups', { year: day.slice(0, 4), district: district ?? '', place })
    const row: NewCase & { id: number } = {
      ...FROM_RECORDS,
      id,
      number: formatCaseNumber(p.prefix, day, n),
      status,
      version: events.length,
      category: c.category,
      subcategory: c.subcategory,
      district,
      description,
      address: c.place,
      occurred: '正在发生',
      reporter_channel: c.channel,
      department_id: rule.department_id,
      assignee,
      urgent: c.urgent ? 1 : 0,
      escalated,
      accept_due_at: acceptDue,
      resolve_due_at: resolveDue,
      filed_day: day,
      created_at: iso(filed),
      updated_at: iso(at),
      closed_at: closedAt,
    }
    return { row, events, survey }
  }

  return {
    /** Writes one batch of complaints (filed in order) with their events and surveys. */
    async write(complaints: readonly DemoComplaint[]): Promise<void> {
      const lives = complaints.map(lifeOf)
      await db.transaction().execute(async (trx) => {
        for (const part of chunks(
          lives.map((l) => l.row),
          400,
        ))
          await trx.insertInto('cases').values(part).execute()
        for (const part of chunks(
          lives.flatMap((l) => l.events),
          2000,
        ))
          await trx.insertInto('case_events').values(part).execute()
        for (const part of chunks(
          lives.flatMap((l) => l.survey),
          2000,
        ))
          await trx.insertInto('case_surveys').values(part).execute()
      })
    },
    /** Writes the per-day case counters and the rollups counted so far; call once, at the end. */
    async finish(): Promise<void> {
      await db.transaction().execute(async (trx) => {
        for (const part of chunks(
          [...seq].map(([day, n]) => ({ day, seq: n })),
          2000,
        ))
          await trx
            .insertInto('case_counters')
            .values(part)
            .onConflict((oc) =>
              oc.column('day').doUpdateSet((eb) => ({ seq: eb.ref('excluded.seq') })),
            )
            .execute()
        for (const [table, counts] of Object.entries(rollups)) {
          const rows = [...counts.values()].map((c) => ({ ...c.key, count: c.n }))
          for (const part of chunks(rows, 1000))
            await (trx as unknown as Db)
              .insertInto(table as 'case_rollups')
              .values(part as never)
              .execute()
        }
      })
    },
    get written() {
      return nextId - p.firstId
    },
  }
}

function chunks<T>(items: readonly T[], size: number): T[][] {
  const out: T[][] = []
  for (let i = 0; i < items.length; i += size) out.push(items.slice(i, i + size))
  return out
}
