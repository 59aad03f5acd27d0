import { Hono } from 'hono'
import { RATING_ZH, type Rating } from '../../domain/surveys/rating'
import { findPublicSurvey } from '../../store/public-surveys'
import type { AppEnv, Deps } from '../env'
import { allowedAnswers, questionsOf, type SurveyQuestion } from '../public-surveys'
import { Layout } from './layout'

/** GET /surveys/:slug — the public form, no login. */
export function surveyPageRoutes(deps: Deps) {
  const app = new Hono<AppEnv>()
  app.get('/:slug', async (c) => {
    const survey = await findPublicSurvey(deps.store.db, { slug: c.req.param('slug') })
    if (!survey || survey.status !== 'published')
      return c.html(<SurveyMissingPage closed={survey?.status === 'closed'} />, 404)
    const questions = questionsOf(survey).map((q) => ({ ...q, allowed: allowedAnswers(q) }))
    return c.html(<SurveyPage slug={survey.slug} title={survey.title} questions={questions} />)
  })
  return app
}

/** A published public survey; public/static/survey.js posts the answers, anonymously. */
export function SurveyPage(props: {
  slug: string
  title: string
  questions: (SurveyQuestion & { allowed: readonly string[] })[]
}) {
  return (
    <Layout title={`${props.title} · 常州市生态环境局`}>
      <header class="bar">
        <div>
          <h1>{props.title}</h1>
          <p>常州市生态环境局 · 匿名问卷,不收集姓名和电话</p>
        </div>
      </header>
      <main class="survey">
        <form id="survey" data-slug={props.slug}>
          {props.questions.map((q, i) => (
            <fieldset>
              <legend>
                {i + 1}. {q.text}
              </legend>
              {q.allowed.map((value) => (
                <label>
                  <input type="radio" name={q.id} value={value} />{' '}
                  {q.type === 'rating' ? RATING_ZH[value as Rating] : value}
                </label>
              ))}
            </fieldset>
          ))}
          <p id="survey-status" role="status" aria-live="polite"></p>
          <button type="submit">提交</button>
        </form>
      </main>
      <script src="/static/survey.js" defer></script>
    </Layout>
  )
}

/** A survey that does not exist, is not yet published or has ended. */
export function SurveyMissingPage(props: { closed: boolean }) {
  return (
    <Layout title="问卷调查 · 常州市生态环境局">
      <header class="bar">
        <div>
          <h1>问卷调查</h1>
          <p>{props.closed ? '本次问卷调查已结束,感谢关注。' : '没有这份问卷,或问卷尚未发布。'}</p>
        </div>
      </header>
    </Layout>
  )
}
