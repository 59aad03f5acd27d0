import { restartedDeadlines } from '../domain/cases/deadlines'
import type { Rating } from '../domain/surveys/rating'
import { AppError } from '../errors'
import { insertCaseEvent } from '../store/cases'
import { scheduleOf } from '../store/calendar'
import { listRoutingRules } from '../store/reference-data'
import { countRating } from '../store/rollups'
import type { CaseRow, Db } from '../store/schema'

/**
 * The resident rates a resolved case, inside the caller's transaction: 满意 and 基本满意 close
 * it; 不满意 reopens it to assigned, escalated for the supervisor to review, with the comment
 * and a fresh resolution deadline.
 */
export async function rateCase(
  db: Db,
  row: CaseRow,
  r: { rating: Rating; comment: string | null; channel: string; now: Date },
): Promise<{ reopened: boolean }> {
  if (row.status !== 'resolved') {
    throw new AppError('INVALID_TRANSITION', `案件 ${row.number} 尚未办结，暂不能评价`, {
      status: row.status,
    })
  }
  const rated = await db
    .selectFrom('case_surveys')
    .select('id')
    .where('case_id', '=', row.id)
    .executeTakeFirst()
  if (rated) throw new AppError('ALREADY_RATED', `案件 ${row.number} 已经评价过了`)
  const at = r.now.toISOString()
  await db
    .insertInto('case_surveys')
    .values({
      case_id: row.id,
      rating: r.rating,
      comment: r.comment,
      channel: r.channel,
      answered_at: at,
    })
    .execute()
  await countRating(db, { filedDay: row.filed_day, district: row.district, rating: r.rating })
  const reopened = r.rating === 'dissatisfied'
  const to = reopened ? 'assigned' : 'closed'
  await db
    .updateTable('cases')
    .set({
      status: to,
      version: row.version + 1,
      updated_at: at,
      ...(reopened
        ? {
            escalated: 1 as const,
            closed_at: null,
            ...restartedDeadlines(
              await listRoutingRules(db),
              { ...row, urgent: row.urgent === 1 },
              'reopen',
              r.now,
              (await scheduleOf(db, r.now)).schedule,
            ),
          }
        : { closed_at: at }),
    })
    .where('id', '=', row.id)
    .execute()
  await insertCaseEvent(db, {
    case_id: row.id,
    actor: 'resident',
    action: reopened ? 'reopen' : 'close',
    from_status: 'resolved',
    to_status: to,
    note: [`评价：${r.rating}`, r.comment].filter(Boolean).join(' — '),
    public: 1,
    created_at: at,
  })
  return { reopened }
}
