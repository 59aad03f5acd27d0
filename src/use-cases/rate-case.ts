import { restartedDeadlines } from '../domain/cases/deadlines'
import type { Rating } from '../domain/surveys/rating'
import { AppError } from '../errors'
import { insertCaseEvent } from '../store/cases'
import { scheduleOf } from '../store/calendar'
import { listRoutingRules } from '../store/reference-data'
import type { CaseRow, Db } from '../store/schema'
import { currentRound, recordRating } from '../store/survey-rounds'

/**
 * The resident rates a resolved case's latest resolution, inside the caller's transaction: 满意
 * and 基本满意 close it; 不满意 reopens it to assigned, escalated for the supervisor to review,
 * with the comment and a fresh resolution deadline. Its next resolution is rated again.
 */
export async function rateCase(
  db: Db,
  row: CaseRow,
  r: { rating: Rating; comment: string | null; channel: string; now: Date },
): Promise<{ reopened: boolean }> {
  const { round, rating: earlier } = await currentRound(db, row.id)
  if (earlier && earlier !== 'not_rated')
    throw new AppError('ALREADY_RATED', `案件 ${row.number} 的这次办理结果已经评价过了`)
  if (row.status !== 'resolved' || earlier) {
    const why = row.status === 'closed' ? '已归档，不再接受评价' : '尚未办结，暂不能评价'
    throw new AppError('INVALID_TRANSITION', `案件 ${row.number} ${why}`, { status: row.status })
  }
  const at = r.now.toISOString()
  await recordRating(db, row, {
    round,
    rating: r.rating,
    comment: r.comment,
    channel: r.channel,
    at,
  })
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
