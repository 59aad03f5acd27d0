import { OPEN_STATUSES } from '../domain/cases/lifecycle'
import { closeUnrated } from './close-unrated'
import { remindUnrated } from './remind-unrated'
import type { Store } from '../store/open-database'

/**
 * Flags open cases past their deadline as overdue and writes an event for each: not accepted by
 * the acceptance deadline, or not resolved by the resolution deadline. The UPDATE only takes
 * cases not yet flagged, so several servers sweeping at once flag each case once.
 */
export async function sweepDeadlines(store: Store, now: Date): Promise<string[]> {
  const at = now.toISOString()
  return store.write(async (trx) => {
    const flagged = await trx
      .updateTable('cases')
      .set({ overdue: 1, updated_at: at })
      .where('overdue', '=', 0)
      .where('status', 'in', [...OPEN_STATUSES])
      .where((eb) =>
        eb.or([
          eb.and([eb('status', '=', 'new'), eb('accept_due_at', '<', at)]),
          eb('resolve_due_at', '<', at),
        ]),
      )
      .returning(['id', 'number', 'status'])
      .execute()
    if (flagged.length > 0) {
      await trx
        .insertInto('case_events')
        .values(
          flagged.map((c) => ({
            case_id: c.id,
            actor: 'system',
            action: 'overdue',
            from_status: c.status,
            to_status: c.status,
            note: c.status === 'new' ? '超过受理期限' : '超过办理期限',
            public: 0 as const,
            created_at: at,
          })),
        )
        .execute()
    }
    return flagged.map((c) => c.number)
  })
}

/** Runs the sweeps every minute (deadlines, unrated cases); returns a function that stops them. */
export function startDeadlineSweep(
  store: Store,
  onError: (err: unknown) => void,
  everyMs = 60_000,
): () => void {
  const sweep = async () => {
    const now = new Date()
    await sweepDeadlines(store, now)
    await remindUnrated(store, now)
    await closeUnrated(store, now)
  }
  const timer = setInterval(() => void sweep().catch(onError), everyMs)
  timer.unref()
  return () => clearInterval(timer)
}
