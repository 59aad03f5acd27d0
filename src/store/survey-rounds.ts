import type { ExpressionBuilder } from 'kysely'
import { countRating } from './rollups'
import type { CaseRow, CaseSurveyTable, Database, Db } from './schema'

type OnCases = ExpressionBuilder<Database, 'cases'>
type RatedCase = Pick<CaseRow, 'id' | 'filed_day' | 'district'>

/** The round a case is in: how many times it was resolved. Each resolution is rated on its own. */
const roundOf = (eb: OnCases) =>
  eb
    .selectFrom('case_events as r')
    .select((e) => e.fn.countAll<number>().as('n'))
    .whereRef('r.case_id', '=', 'cases.id')
    .where('r.action', '=', 'resolve')

/** When the case was last resolved: the survey's reminder and 7-day close count from there. */
export const lastResolvedAt = (eb: OnCases) =>
  eb
    .selectFrom('case_events as r')
    .select((e) => e.fn.max('r.created_at').as('at'))
    .whereRef('r.case_id', '=', 'cases.id')
    .where('r.action', '=', 'resolve')

/** The answer to the case's current round (or its not rated close), as a subquery. */
const answerOfRound = (eb: OnCases) =>
  eb
    .selectFrom('case_surveys as s')
    .select('s.rating')
    .whereRef('s.case_id', '=', 'cases.id')
    .where('s.round', '=', roundOf(eb))

/** Whether the current round has been answered or closed as not rated. */
export const roundAnswered = (eb: OnCases) => eb.exists(answerOfRound(eb))

/** A case's current round and what it has had for an answer, if anything. */
export async function currentRound(
  db: Db,
  caseId: number,
): Promise<{ round: number; rating: CaseSurveyTable['rating'] | null }> {
  const row = await db
    .selectFrom('cases')
    .select((eb) => [roundOf(eb).as('round'), answerOfRound(eb).as('rating')])
    .where('cases.id', '=', caseId)
    .executeTakeFirstOrThrow()
  return { round: Number(row.round), rating: row.rating ?? null }
}

/** Stores the answer to one round and counts it in the survey rollups; in the caller's transaction. */
export async function recordRating(
  db: Db,
  c: RatedCase,
  s: {
    round: number
    rating: CaseSurveyTable['rating']
    comment: string | null
    channel: string
    at: string
  },
): Promise<void> {
  await db
    .insertInto('case_surveys')
    .values({
      case_id: c.id,
      round: s.round,
      rating: s.rating,
      comment: s.comment,
      channel: s.channel,
      answered_at: s.at,
    })
    .execute()
  await countRating(db, { filedDay: c.filed_day, district: c.district, rating: s.rating })
}

/**
 * A resolved case closed before the resident answered (by staff, or after seven days): its round
 * counts as not rated — apart, never as satisfied (SPEC §5) — so it stays in the response rate.
 */
export async function closeRoundUnrated(
  db: Db,
  c: RatedCase,
  p: { channel: string; at: string },
): Promise<void> {
  const { round, rating } = await currentRound(db, c.id)
  if (round === 0 || rating) return
  await recordRating(db, c, { round, rating: 'not_rated', comment: null, ...p })
}
