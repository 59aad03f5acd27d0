import { randomBytes } from 'node:crypto'
import { Hono } from 'hono'
import { z } from 'zod'
import { buildMenu, fitsSubButton } from '../channels/wechat/build-menu'
import { shanghaiDay, startOfShanghaiDay } from '../domain/shanghai-time'
import { percent, ratingFigures } from '../domain/trends/figures'
import { AppError } from '../errors'
import { syncWechatMenu, type MenuSync } from '../jobs/sync-wechat-menu'
import {
  addSurveyResponse,
  createPublicSurvey,
  findPublicSurvey,
  listPublicSurveys,
  moveSurvey,
  surveysPublishedBetween,
  surveyTallies,
  type SurveyTally,
} from '../store/public-surveys'
import { menuSurveys } from '../store/wechat-menus'
import type { Db, PublicSurvey } from '../store/schema'
import { requireRole, staffSession } from './auth'
import type { AppEnv, Deps } from './env'
import { clientAddress, rateLimit } from './rate-limit'
import { readJson } from './read-json'
import { respondentKey, respondentOf } from './survey-respondent'

/** The rating scale of SPEC §5, as stored; the page shows 满意 / 基本满意 / 不满意. */
export const RATING_SCALE = ['satisfied', 'basically_satisfied', 'dissatisfied'] as const

const questionId = z.string().regex(/^[A-Za-z0-9_-]{1,32}$/, '题号只能用字母、数字、_ 或 -')
const questionText = z.string().trim().min(1, '题目不能为空').max(200, '题目最多 200 个字')
const questionSchema = z.discriminatedUnion('type', [
  z.strictObject({ id: questionId, text: questionText, type: z.literal('rating') }),
  z.strictObject({
    id: questionId,
    text: questionText,
    type: z.literal('choice'),
    options: z
      .array(z.string().trim().min(1, '选项不能为空').max(50, '选项最多 50 个字'))
      .min(2, '选择题至少要有 2 个选项')
      .max(10, '选择题最多 10 个选项'),
  }),
])
export type SurveyQuestion = z.infer<typeof questionSchema>

const surveyBody = z.strictObject({
  title: z.string().trim().min(1, '问卷标题不能为空').max(100, '问卷标题最多 100 个字'),
  menuLabel: z
    .string()
    .trim()
    .min(1)
    .refine(fitsSubButton, '菜单名称最多 8 个汉字（或 16 个字母、数字）')
    .optional(),
  questions: z
    .array(questionSchema)
    .min(1, '问卷至少要有 1 道题')
    .max(20, '问卷最多 20 道题')
    .refine((qs) => new Set(qs.map((q) => q.id)).size === qs.length, '题号不能重复')
    .refine(
      (qs) => qs.every((q) => q.type !== 'choice' || new Set(q.options).size === q.options.length),
      '选项不能重复',
    ),
})
const answersBody = z.strictObject({
  answers: z.record(z.string(), z.string()),
})

export const allowedAnswers = (q: SurveyQuestion): readonly string[] =>
  q.type === 'rating' ? RATING_SCALE : q.options

export const questionsOf = (s: Pick<PublicSurvey, 'questions'>) =>
  JSON.parse(s.questions) as SurveyQuestion[]

function surveyView(s: PublicSurvey, inMenu: ReadonlySet<number>, publicBaseUrl?: string) {
  const link = `/surveys/${s.slug}`
  return {
    id: s.id,
    slug: s.slug,
    title: s.title,
    menuLabel: s.menu_label,
    questions: questionsOf(s),
    status: s.status,
    link,
    /** the link as residents reach it, when PUBLIC_BASE_URL is set */
    publicUrl: publicBaseUrl ? `${publicBaseUrl.replace(/\/$/, '')}${link}` : null,
    inMenu: inMenu.has(s.id),
    createdBy: s.created_by,
    createdAt: s.created_at,
    publishedAt: s.published_at,
  }
}

/** Per question, how often each allowed answer was given; rating questions get SPEC §5 figures. */
export function surveyResults(questions: SurveyQuestion[], tally: SurveyTally) {
  return questions.map((q) => {
    const counts = new Map(allowedAnswers(q).map((a) => [a, tally.count(q.id, a)]))
    const answered = [...counts.values()].reduce((x, y) => x + y, 0)
    const view = {
      id: q.id,
      text: q.text,
      type: q.type,
      answered,
      counts: Object.fromEntries(counts),
    }
    return q.type === 'rating'
      ? { ...view, satisfactionRate: ratingFigures(counts).satisfactionRate }
      : {
          ...view,
          shares: Object.fromEntries([...counts].map(([k, n]) => [k, percent(n, answered)])),
        }
  })
}

/**
 * The public surveys published in a Shanghai calendar year, their rating answers pooled: the
 * satisfaction rate of SPEC §5 over every rating question, as the annual report quotes it.
 */
export async function publicSurveyYear(db: Db, year: number) {
  const surveys = await surveysPublishedBetween(
    db,
    startOfShanghaiDay(`${year}-01-01`).toISOString(),
    startOfShanghaiDay(`${year + 1}-01-01`).toISOString(),
  )
  const tallies = await surveyTallies(
    db,
    surveys.map((s) => s.id),
  )
  const pooled = new Map<string, number>()
  let responses = 0
  for (const survey of surveys) {
    const tally = tallies.get(survey.id)!
    responses += tally.responses
    for (const q of surveyResults(questionsOf(survey), tally))
      if (q.type === 'rating')
        for (const [rating, n] of Object.entries(q.counts))
          pooled.set(rating, (pooled.get(rating) ?? 0) + n)
  }
  const { satisfactionRate, answered } = ratingFigures(pooled)
  return { surveys: surveys.length, responses, answered, satisfactionRate }
}

/**
 * Public satisfaction surveys (SPEC §5, issue 7): admins write and publish them, admins and
 * analysts read the results; residents answer anonymously, once per browser.
 */
export function publicSurveyRoutes(deps: Deps, menu: MenuSync | undefined) {
  const app = new Hono<AppEnv>()
  const staff = staffSession(deps)
  const adminOnly = requireRole('admin')
  const readers = requireRole('admin', 'analyst')
  const { RATE_LIMIT_PER_MINUTE: perSession, RATE_LIMIT_PER_ADDRESS_PER_MINUTE: perAddress } =
    deps.config
  // as for the chat: RATE_LIMIT_PER_MINUTE=0 turns it off
  const byAddress = rateLimit(perSession > 0 ? perAddress : 0, clientAddress, deps.now)

  const base = deps.config.PUBLIC_BASE_URL
  /** The surveys the WeChat menu links to (none when the account or public address is unset). */
  async function inMenu(): Promise<ReadonlySet<number>> {
    if (!menu) return new Set()
    const { linked } = buildMenu(await menuSurveys(deps.store.db), base, menu.appId)
    return new Set(linked.map((s) => s.id))
  }

  async function existing(raw: string) {
    const id = z.coerce
      .number()
      .int()
      .positive()
      .max(2 ** 31 - 1)
      .safeParse(raw)
    if (!id.success) throw new AppError('VALIDATION_FAILED', `问卷编号应为正整数：${raw}`)
    const survey = await findPublicSurvey(deps.store.db, { id: id.data })
    if (!survey) throw new AppError('NOT_FOUND', `没有这份问卷：${raw}`)
    return survey
  }

  // residents: no login, one answer per browser (a random cookie id, stored only as its hash)
  app.post('/:slug/responses', byAddress, async (c) => {
    const survey = await findPublicSurvey(deps.store.db, { slug: c.req.param('slug') })
    if (!survey || survey.status === 'draft')
      throw new AppError('NOT_FOUND', '没有这份问卷，或问卷尚未发布')
    if (survey.status === 'closed') throw new AppError('INVALID_TRANSITION', '本次问卷调查已结束')
    const { answers } = await readJson(c, answersBody)
    checkAnswers(questionsOf(survey), answers)
    // the survey page gave this browser its id: an answer without one did not come from the page
    const respondent = respondentOf(c)
    if (!respondent)
      throw new AppError('VALIDATION_FAILED', '请在问卷页面上作答（浏览器需允许 Cookie）')
    const day = startOfShanghaiDay(shanghaiDay(deps.now())).toISOString()
    const filed = await deps.store.write((trx) =>
      addSurveyResponse(trx, survey.id, respondentKey(survey.id, respondent), answers, day),
    )
    if (!filed)
      throw new AppError('ALREADY_RATED', '您已参与过本次问卷调查，每个浏览器只能提交一次')
    return c.json({ message: '感谢您的参与' }, 201)
  })

  app.get('/', staff, readers, async (c) => {
    const rows = await listPublicSurveys(deps.store.db)
    const linked = await inMenu()
    return c.json({
      items: rows.map((r) => ({ ...surveyView(r, linked, base), responses: r.responses })),
    })
  })

  app.post('/', staff, adminOnly, async (c) => {
    const body = await readJson(c, surveyBody)
    const survey = await deps.store.write((trx) =>
      createPublicSurvey(trx, {
        slug: randomBytes(6).toString('base64url'),
        title: body.title,
        menuLabel: body.menuLabel ?? null,
        questions: JSON.stringify(body.questions),
        createdBy: c.get('staff').username,
        at: deps.now().toISOString(),
      }),
    )
    return c.json(surveyView(survey, new Set(), base), 201)
  })

  for (const [action, from, to, refusal] of [
    ['publish', 'draft', 'published', '只有草稿可以发布'],
    ['close', 'published', 'closed', '只有已发布的问卷可以结束'],
  ] as const)
    app.post(`/:id/${action}`, staff, adminOnly, async (c) => {
      const survey = await existing(c.req.param('id'))
      const moved = await deps.store.write((trx) =>
        moveSurvey(trx, survey.id, from, to, deps.now().toISOString()),
      )
      if (!moved) throw new AppError('INVALID_TRANSITION', refusal)
      // after the commit: the menu follows now; should WeChat refuse, the sync job retries
      const menuSync = menu
        ? await syncWechatMenu(deps.store, menu, deps.now()).catch((err: unknown) => {
            deps.logger.warn('wechat menu sync failed', { error: String(err) })
            return 'failed' as const
          })
        : 'not_configured'
      return c.json({ ...surveyView(moved, await inMenu(), base), menuSync })
    })

  app.get('/:id/results', staff, readers, async (c) => {
    const survey = await existing(c.req.param('id'))
    const tally = (await surveyTallies(deps.store.db, [survey.id])).get(survey.id)!
    return c.json({
      id: survey.id,
      title: survey.title,
      status: survey.status,
      responses: tally.responses,
      questions: surveyResults(questionsOf(survey), tally),
    })
  })

  return app
}

/** Every answer names a question of the survey and one of its allowed values; at least one. */
function checkAnswers(questions: SurveyQuestion[], answers: Record<string, string>) {
  const entries = Object.entries(answers)
  if (entries.length === 0) throw new AppError('VALIDATION_FAILED', '请至少回答一道题')
  const byId = new Map(questions.map((q) => [q.id, q]))
  for (const [id, value] of entries) {
    const q = byId.get(id)
    if (!q) throw new AppError('VALIDATION_FAILED', `问卷中没有这道题：${id}`)
    if (!allowedAnswers(q).includes(value))
      throw new AppError('VALIDATION_FAILED', `第「${q.text}」题的答案不在选项中：${value}`)
  }
}
