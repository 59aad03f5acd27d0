import { afterEach, beforeEach, expect, it } from 'vitest'
import { checkRollups } from '../src/store/rollup-check'
import {
  countRows,
  describeEachDialect,
  migrate,
  migratedStore,
  type TestStore,
} from './support/stores'
import { staffApp } from './support/staff'
import { surveyBrowser } from './support/survey-browser'

describeEachDialect('public satisfaction surveys', (open) => {
  let store: TestStore
  let staff = {} as Awaited<ReturnType<typeof staffApp>>

  beforeEach(async () => {
    store = await migratedStore(open)
    staff = await staffApp(store, [
      ['root', 'admin', null],
      ['li', 'analyst', null],
      ['wang', 'handler', 'jintan-branch'],
    ])
  })
  afterEach(async () => store.cleanup())

  const call = (who: string, method: string, path: string, body?: unknown) =>
    staff.call(who, method, `/api/v1/public-surveys${path}`, body)
  const browser = () => surveyBrowser((path, init) => staff.app.request(path, init))
  const survey = {
    title: '2026年常州市生态环境公众满意度调查',
    questions: [
      { id: 'overall', text: '您对本市生态环境质量是否满意？', type: 'rating' },
      {
        id: 'concern',
        text: '您最关心哪类问题？',
        type: 'choice',
        options: ['大气', '噪声', '水'],
      },
    ],
  }
  const published = async () => {
    const created = await call('root', 'POST', '', survey)
    expect(created.status).toBe(201)
    expect(created.body).toMatchObject({ status: 'draft', title: survey.title })
    const live = await call('root', 'POST', `/${created.body.id}/publish`)
    expect(live.status).toBe(200)
    expect(live.body.status).toBe('published')
    return created.body as { id: number; slug: string }
  }

  it('counts three anonymous answers and gives the satisfaction rate of SPEC §5', async () => {
    const { id, slug } = await published()
    const first = await browser()(slug, { overall: 'satisfied', concern: '噪声' })
    expect(first).toMatchObject({ status: 201, body: { message: '感谢您的参与' } })
    expect(
      (await browser()(slug, { overall: 'basically_satisfied', concern: '噪声' })).status,
    ).toBe(201)
    expect((await browser()(slug, { overall: 'dissatisfied' })).status).toBe(201)

    for (const reader of ['root', 'li']) {
      const { status, body } = await call(reader, 'GET', `/${id}/results`)
      expect(status).toBe(200)
      expect(body.responses).toBe(3)
      // (1 满意 + 1 基本满意) / 3 answered = 66.7 %
      expect(body.questions[0]).toMatchObject({
        id: 'overall',
        answered: 3,
        counts: { satisfied: 1, basically_satisfied: 1, dissatisfied: 1 },
        satisfactionRate: 66.7,
      })
      // two answered the choice question, both 噪声
      expect(body.questions[1]).toMatchObject({
        id: 'concern',
        answered: 2,
        counts: { 大气: 0, 噪声: 2, 水: 0 },
        shares: { 噪声: 100 },
      })
    }
    const list = await call('li', 'GET', '')
    expect(list.body.items).toEqual([expect.objectContaining({ id, slug, responses: 3 })])
    expect(await checkRollups(store.db, store.dialect)).toEqual([])
  })

  it('counts the answers given before the tallies existed, once the upgrade runs', async () => {
    await store.cleanup()
    store = await migratedStore(open, '0016-channel-inbox')
    const { id } = await store.db
      .insertInto('public_surveys')
      .values({
        slug: 'before-upgrade',
        title: survey.title,
        questions: JSON.stringify(survey.questions),
        status: 'published',
        created_by: 'root',
        created_at: '2026-10-15T01:00:00.000Z',
        published_at: '2026-10-15T01:00:00.000Z',
      })
      .returning('id')
      .executeTakeFirstOrThrow()
    const answers = [{ overall: 'satisfied', concern: '水' }, { overall: 'satisfied' }, {}]
    await store.db
      .insertInto('public_survey_responses')
      .values(
        answers.map((a, i) => ({
          survey_id: id,
          respondent_key: `key-${i}`,
          answers: JSON.stringify(a),
          created_at: '2026-10-16T01:00:00.000Z',
        })),
      )
      .execute()
    await migrate(store)
    staff = await staffApp(store, [['root', 'admin', null]])
    const { body } = await call('root', 'GET', `/${id}/results`)
    expect(body.responses).toBe(3)
    expect(body.questions[0]).toMatchObject({ counts: { satisfied: 2 }, answered: 2 })
    expect(body.questions[1]).toMatchObject({ counts: { 水: 1 }, answered: 1 })
    expect(await checkRollups(store.db, store.dialect)).toEqual([])
  })

  it('takes one answer per browser: the second gets 409 in Chinese and writes nothing', async () => {
    const { slug } = await published()
    const resident = browser()
    expect((await resident(slug, { overall: 'satisfied' })).status).toBe(201)
    const again = await resident(slug, { overall: 'dissatisfied' })
    expect(again.status).toBe(409)
    expect(again.body.error.message).toContain('已参与过')
    expect(await countRows(store, 'public_survey_responses')).toBe(1)
  })

  it('keeps who answered apart from what they answered', async () => {
    const { id, slug } = await published()
    const page = await staff.app.request(`/surveys/${slug}`)
    expect(page.headers.get('set-cookie')).toMatch(/HttpOnly/i)
    expect((await browser()(slug, { overall: 'dissatisfied', concern: '水' })).status).toBe(201)
    const [response] = await store.db.selectFrom('public_survey_responses').selectAll().execute()
    expect(response).toMatchObject({ respondent_key: null })
    // only the day it came in, as the instant that Shanghai day began (16:00 UTC the day before)
    expect(response!.created_at).toMatch(/^\d{4}-\d{2}-\d{2}T16:00:00\.000Z$/)
    const respondents = await store.db.selectFrom('public_survey_respondents').selectAll().execute()
    expect(respondents).toEqual([{ survey_id: id, respondent_key: expect.any(String) }])
    expect(JSON.stringify(respondents)).not.toContain('dissatisfied')
  })

  it('takes no answer that did not come from the survey page, and writes nothing', async () => {
    const { slug } = await published()
    const res = await staff.app.request(`/api/v1/public-surveys/${slug}/responses`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ answers: { overall: 'satisfied' } }),
    })
    expect(res.status).toBe(400)
    expect(((await res.json()) as { error: { message: string } }).error.message).toContain(
      '问卷页面',
    )
    expect(await countRows(store, 'public_survey_responses')).toBe(0)
    expect(await countRows(store, 'public_survey_tallies')).toBe(0)
  })

  it('refuses answers that are not on the survey, and writes nothing', async () => {
    const { slug } = await published()
    const resident = browser()
    for (const bad of [
      {},
      { overall: '非常满意' },
      { concern: '垃圾' },
      { nowhere: 'satisfied' },
      { overall: 3 },
      'satisfied',
    ]) {
      const res = await resident(slug, bad)
      expect(res.status, JSON.stringify(bad)).toBe(400)
      expect(res.body.error).toMatchObject({
        code: expect.any(String),
        message: expect.any(String),
      })
    }
    expect(await countRows(store, 'public_survey_responses')).toBe(0)
    // the refusals did not use up this browser's one answer
    expect((await resident(slug, { overall: 'satisfied' })).status).toBe(201)
  })

  it('takes no answers to a draft or a closed survey', async () => {
    const created = await call('root', 'POST', '', survey)
    const draft = await browser()(created.body.slug, { overall: 'satisfied' })
    expect(draft.status).toBe(404)
    expect((await browser()('no-such-survey', { overall: 'satisfied' })).status).toBe(404)
    await call('root', 'POST', `/${created.body.id}/publish`)
    expect((await call('root', 'POST', `/${created.body.id}/close`)).body.status).toBe('closed')
    expect((await browser()(created.body.slug, { overall: 'satisfied' })).status).toBe(409)
    expect(await countRows(store, 'public_survey_responses')).toBe(0)
    // a closed survey is not reopened
    expect((await call('root', 'POST', `/${created.body.id}/publish`)).status).toBe(409)
  })

  it('tells the console in Chinese what is wrong with a question', async () => {
    const choice = { id: 'q1', text: '最关心什么？', type: 'choice' }
    for (const [options, message] of [
      [['大气'], '选择题至少要有 2 个选项'],
      [Array.from({ length: 11 }, (_, i) => `选项${i}`), '选择题最多 10 个选项'],
      [['大气', ' '], '选项不能为空'],
      [['大气', '大气'], '选项不能重复'],
    ] as const) {
      const res = await call('root', 'POST', '', {
        title: '调查',
        questions: [{ ...choice, options }],
      })
      expect(res).toMatchObject({
        status: 400,
        body: { error: { message: expect.stringContaining(message) } },
      })
    }
    const blank = await call('root', 'POST', '', {
      title: '调查',
      questions: [{ id: 'q1', text: '  ', type: 'rating' }],
    })
    expect(blank.body.error.message).toContain('题目不能为空')
    const empty = await call('root', 'POST', '', { title: ' ', questions: [] })
    expect(empty.body.error.message).toMatch(/问卷标题不能为空.*问卷至少要有 1 道题/)
  })

  it('lets only admins write surveys and only admins and analysts read results', async () => {
    expect((await call('li', 'POST', '', survey)).status).toBe(403)
    expect((await call('wang', 'POST', '', survey)).status).toBe(403)
    expect(await countRows(store, 'public_surveys')).toBe(0)
    const { id } = await published()
    expect((await call('wang', 'GET', `/${id}/results`)).status).toBe(403)
    expect((await call('wang', 'GET', '')).status).toBe(403)
    expect((await call('li', 'POST', `/${id}/close`)).status).toBe(403)
    expect((await call('root', 'GET', '/999/results')).status).toBe(404)
    expect((await call('root', 'POST', '/999/publish')).status).toBe(404)
  })

  it('refuses surveys that make no sense, with a 400 and nothing written', async () => {
    const rating = { id: 'q', text: '满意吗？', type: 'rating' }
    for (const bad of [
      { title: '', questions: [rating] },
      { title: '调查', questions: [] },
      {
        title: '调查',
        questions: Array.from({ length: 21 }, (_, i) => ({ ...rating, id: `q${i}` })),
      },
      { title: '调查', questions: [{ ...rating, type: 'choice', options: ['只有一个'] }] },
      { title: '调查', questions: [{ ...rating, type: 'choice' }] },
      { title: '调查', questions: [rating, rating] },
      { title: '调查', questions: [{ ...rating, type: 'text' }] },
    ]) {
      const res = await call('root', 'POST', '', bad)
      expect(res.status, JSON.stringify(bad)).toBe(400)
      expect(res.body.error.code).toBe('VALIDATION_FAILED')
    }
    expect(await countRows(store, 'public_surveys')).toBe(0)
  })
})
