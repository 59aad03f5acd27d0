import type { Db, PublicSurvey } from './schema'

export async function findPublicSurvey(
  db: Db,
  by: { id: number } | { slug: string },
): Promise<PublicSurvey | undefined> {
  const q = db.selectFrom('public_surveys').selectAll()
  return 'id' in by
    ? q.where('id', '=', by.id).executeTakeFirst()
    : q.where('slug', '=', by.slug).executeTakeFirst()
}

export async function listPublicSurveys(db: Db): Promise<(PublicSurvey & { responses: number })[]> {
  const rows = await db
    .selectFrom('public_surveys as s')
    .leftJoin('public_survey_tallies as t', (join) =>
      join.onRef('t.survey_id', '=', 's.id').on('t.question_id', '=', RESPONSES),
    )
    .selectAll('s')
    .select('t.count as responses')
    .orderBy('s.id', 'desc')
    .execute()
  return rows.map((r) => ({ ...r, responses: Number(r.responses ?? 0) }))
}

export async function createPublicSurvey(
  db: Db,
  fields: {
    slug: string
    title: string
    menuLabel?: string | null
    questions: string
    createdBy: string
    at: string
  },
): Promise<PublicSurvey> {
  return db
    .insertInto('public_surveys')
    .values({
      slug: fields.slug,
      title: fields.title,
      menu_label: fields.menuLabel ?? null,
      questions: fields.questions,
      status: 'draft',
      created_by: fields.createdBy,
      created_at: fields.at,
      published_at: null,
    })
    .returningAll()
    .executeTakeFirstOrThrow()
}

/** Moves a survey on from `from`; undefined when it was not in that state. */
export async function moveSurvey(
  db: Db,
  id: number,
  from: PublicSurvey['status'],
  to: PublicSurvey['status'],
  at: string,
): Promise<PublicSurvey | undefined> {
  return db
    .updateTable('public_surveys')
    .set(to === 'published' ? { status: to, published_at: at } : { status: to })
    .where('id', '=', id)
    .where('status', '=', from)
    .returningAll()
    .executeTakeFirst()
}

/** The tally row under this question id counts a survey's responses (question ids are never empty). */
const RESPONSES = ''

/**
 * Files one answer and counts it in the survey's tallies, in the caller's transaction; false
 * (and nothing written) when this respondent already answered this survey. Who answered and
 * what was answered go to separate tables, with nothing joining them: the answer keeps only
 * the Shanghai day it came in (`day`, the start of that day as an instant).
 */
export async function addSurveyResponse(
  db: Db,
  surveyId: number,
  respondentKey: string,
  answers: Record<string, string>,
  day: string,
): Promise<boolean> {
  const first = await db
    .insertInto('public_survey_respondents')
    .values({ survey_id: surveyId, respondent_key: respondentKey })
    .onConflict((oc) => oc.columns(['survey_id', 'respondent_key']).doNothing())
    .executeTakeFirst()
  if (Number(first.numInsertedOrUpdatedRows ?? 0) === 0) return false
  await db
    .insertInto('public_survey_responses')
    .values({
      survey_id: surveyId,
      respondent_key: null,
      answers: JSON.stringify(answers),
      created_at: day,
    })
    .execute()
  const counted = [[RESPONSES, RESPONSES], ...Object.entries(answers)]
  await db
    .insertInto('public_survey_tallies')
    .values(
      counted.map(([q, a]) => ({ survey_id: surveyId, question_id: q!, answer: a!, count: 1 })),
    )
    .onConflict((oc) =>
      oc
        .columns(['survey_id', 'question_id', 'answer'])
        .doUpdateSet((eb) => ({ count: eb('public_survey_tallies.count', '+', 1) })),
    )
    .execute()
  return true
}

export interface SurveyTally {
  /** responses in all */
  responses: number
  /** how many responses gave this answer to this question */
  count: (questionId: string, answer: string) => number
}

/** The tallies of some surveys, by survey id: a few rows each, however many answered. */
export async function surveyTallies(
  db: Db,
  surveyIds: readonly number[],
): Promise<Map<number, SurveyTally>> {
  const rows =
    surveyIds.length === 0
      ? []
      : await db
          .selectFrom('public_survey_tallies')
          .selectAll()
          .where('survey_id', 'in', surveyIds)
          .execute()
  const counts = new Map<number, Map<string, number>>(surveyIds.map((id) => [id, new Map()]))
  for (const r of rows)
    counts.get(r.survey_id)!.set(`${r.question_id}\t${r.answer}`, Number(r.count))
  return new Map(
    [...counts].map(([id, byKey]) => {
      const count = (q: string, a: string) => byKey.get(`${q}\t${a}`) ?? 0
      return [id, { responses: count(RESPONSES, RESPONSES), count }]
    }),
  )
}

/** Whether this respondent has answered this survey. */
export async function hasAnswered(
  db: Db,
  surveyId: number,
  respondentKey: string,
): Promise<boolean> {
  const row = await db
    .selectFrom('public_survey_respondents')
    .select('survey_id')
    .where('survey_id', '=', surveyId)
    .where('respondent_key', '=', respondentKey)
    .executeTakeFirst()
  return row !== undefined
}

/** Surveys published within [from, to) (ISO instants), with their questions. */
export async function surveysPublishedBetween(
  db: Db,
  from: string,
  to: string,
): Promise<Pick<PublicSurvey, 'id' | 'questions'>[]> {
  return db
    .selectFrom('public_surveys')
    .select(['id', 'questions'])
    .where('published_at', '>=', from)
    .where('published_at', '<', to)
    .execute()
}
