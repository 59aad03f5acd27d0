import type { Store } from '../store/open-database'
import { closeRoundUnrated, lastResolvedAt, roundAnswered } from '../store/survey-rounds'

const WEEK_MS = 7 * 24 * 60 * 60 * 1000

/**
 * Closes cases last resolved more than seven days ago whose resolution the resident never rated,
 * recording that round as not rated: counted apart, never as satisfied (SPEC §5). The week runs
 * from the resolution, so a staff note meanwhile does not restart it. Safe with several servers:
 * a case is taken only while it is still resolved and unrated.
 */
export async function closeUnrated(store: Store, now: Date): Promise<string[]> {
  const at = now.toISOString()
  const before = new Date(now.getTime() - WEEK_MS).toISOString()
  return store.write(async (trx) => {
    const stale = await trx
      .selectFrom('cases')
      .select(['cases.id', 'cases.number', 'cases.version', 'cases.filed_day', 'cases.district'])
      .where('cases.status', '=', 'resolved')
      .where((eb) => eb(lastResolvedAt(eb), '<', before))
      .where((eb) => eb.not(roundAnswered(eb)))
      .limit(500)
      .execute()
    const closed: string[] = []
    for (const c of stale) {
      const done = await trx
        .updateTable('cases')
        .set({ status: 'closed', closed_at: at, updated_at: at, version: c.version + 1 })
        .where('id', '=', c.id)
        .where('status', '=', 'resolved')
        .executeTakeFirst()
      if (Number(done.numUpdatedRows) !== 1) continue
      await closeRoundUnrated(trx, c, { channel: 'system', at })
      await trx
        .insertInto('case_events')
        .values({
          case_id: c.id,
          actor: 'system',
          action: 'close',
          from_status: 'resolved',
          to_status: 'closed',
          note: '七日内未评价，按未评价归档',
          public: 0,
          created_at: at,
        })
        .execute()
      closed.push(c.number)
    }
    return closed
  })
}
