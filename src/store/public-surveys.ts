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
    .leftJoin('public_survey_responses as r', 'r.survey_id', 's.id')
    .selectAll('s')
    .select((eb) => eb.fn.count<string | number>('r.id').as('responses'))
    .groupBy('s.id')
    .orderBy('s.id', 'desc')
    .execute()
  return rows.map((r) => ({ ...r, responses: Number(r.responses) }))
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

/** Files one answer; false when this browser already answered this survey. */
export async function addSurveyResponse(
  db: Db,
  surveyId: number,
  respondentKey: string,
  answers: string,
  at: string,
): Promise<boolean> {
  const inserted = await db
    .insertInto('public_survey_responses')
    .values({ survey_id: surveyId, respondent_key: respondentKey, answers, created_at: at })
    .onConflict((oc) => oc.columns(['survey_id', 'respondent_key']).doNothing())
    .executeTakeFirst()
  return Number(inserted.numInsertedOrUpdatedRows ?? 0) > 0
}

export async function surveyAnswers(db: Db, surveyId: number): Promise<string[]> {
  const rows = await db
    .selectFrom('public_survey_responses')
    .select('answers')
    .where('survey_id', '=', surveyId)
    .execute()
  return rows.map((r) => r.answers)
}

/** Whether this respondent has answered this survey. */
export async function hasAnswered(
  db: Db,
  surveyId: number,
  respondentKey: string,
): Promise<boolean> {
  const row = await db
    .selectFrom('public_survey_responses')
    .select('id')
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
