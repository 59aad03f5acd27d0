import { OPEN_STATUSES } from '../domain/cases/lifecycle'
import { closeUnrated } from './close-unrated'
import { remindUnrated } from './remind-unrated'
import type { Store } from '../store/open-database'
import type { NewCaseEvent } from '../store/schema'

/** Cases one sweep takes at most; the rest wait a minute, so one transaction stays short. */
const BATCH = 500

/**
 * Flags open cases past their deadline as overdue and escalates them to the supervisor (督办):
 * not accepted by the acceptance deadline, or not resolved by the resolution deadline. Each
 * case gets an `overdue` event and, unless a supervisor escalated it already, an `escalate`
 * event. The UPDATE only takes cases not yet flagged, and on PostgreSQL the candidates are
 * locked with SKIP LOCKED, so several servers sweeping at once flag and escalate each case once
 * and never wait on a case a handler is working on (it is taken by the next sweep).
 */
export async function sweepDeadlines(store: Store, now: Date): Promise<string[]> {
  const at = now.toISOString()
  return store.write(async (trx) => {
    let candidates = trx
      .selectFrom('cases')
      .select(['id', 'escalated'])
      .where('overdue', '=', 0)
      .where('status', 'in', [...OPEN_STATUSES])
      .where((eb) =>
        eb.or([
          eb.and([eb('status', '=', 'new'), eb('accept_due_at', '<', at)]),
          eb('resolve_due_at', '<', at),
        ]),
      )
      .orderBy('id')
      .limit(BATCH)
    if (store.dialect === 'postgres') candidates = candidates.forUpdate().skipLocked()
    const due = await candidates.execute()
    if (due.length === 0) return []
    const wasEscalated = new Set(due.filter((c) => c.escalated === 1).map((c) => c.id))
    const flagged = await trx
      .updateTable('cases')
      .set({ overdue: 1, escalated: 1, updated_at: at })
      .where(
        'id',
        'in',
        due.map((c) => c.id),
      )
      .where('overdue', '=', 0)
      .returning(['id', 'number', 'status'])
      .execute()
    const events: NewCaseEvent[] = []
    for (const c of flagged) {
      const late = c.status === 'new' ? '超过受理期限' : '超过办理期限'
      const event = { case_id: c.id, actor: 'system', from_status: c.status, to_status: c.status }
      events.push({ ...event, action: 'overdue', note: late, public: 0, created_at: at })
      if (!wasEscalated.has(c.id)) {
        const note = `${late}，自动督办，请负责人跟进`
        events.push({ ...event, action: 'escalate', note, public: 0, created_at: at })
      }
    }
    if (events.length > 0) await trx.insertInto('case_events').values(events).execute()
    return flagged.map((c) => c.number)
  })
}

/** One round of the periodic sweeps (deadlines, unrated cases): the Node timer and the Workers cron run this. */
export async function runSweeps(store: Store, now: Date): Promise<void> {
  await sweepDeadlines(store, now)
  await remindUnrated(store, now)
  await closeUnrated(store, now)
}

/** Runs the sweeps every minute; returns a function that stops them. */
export function startDeadlineSweep(
  store: Store,
  onError: (err: unknown) => void,
  everyMs = 60_000,
): () => void {
  const timer = setInterval(() => void runSweeps(store, new Date()).catch(onError), everyMs)
  timer.unref()
  return () => clearInterval(timer)
}
