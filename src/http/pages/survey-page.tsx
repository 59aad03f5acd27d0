import { Hono } from 'hono'
import type { WechatApi } from '../../channels/wechat/api-client'
import { RATING_ZH, type Rating } from '../../domain/surveys/rating'
import { findPublicSurvey, hasAnswered } from '../../store/public-surveys'
import type { AppEnv, Deps } from '../env'
import { allowedAnswers, questionsOf, type SurveyQuestion } from '../public-surveys'
import {
  browserRespondent,
  followerRespondent,
  rememberRespondent,
  respondentKey,
  respondentOf,
} from '../survey-respondent'
import { Layout } from './layout'

/**
 * GET /surveys/:slug — the public form, no login. Opened from the WeChat menu it arrives with a
 * silent-authorisation `code`: the follower is recognised (one answer per follower, on any phone)
 * and the page reloads without the code, which WeChat accepts only once.
 */
export function surveyPageRoutes(deps: Deps, wechat: WechatApi | undefined) {
  const app = new Hono<AppEnv>()
  app.get('/:slug', async (c) => {
    const survey = await findPublicSurvey(deps.store.db, { slug: c.req.param('slug') })
    if (!survey || survey.status !== 'published')
      return c.html(<SurveyMissingPage closed={survey?.status === 'closed'} />, 404)
    const code = c.req.query('code')
    if (code !== undefined) {
      const secret = deps.config.WECHAT_APPSECRET
      if (wechat && secret && /^[\w-]{1,128}$/.test(code)) {
        try {
          // the follower's id replaces any browser id: one answer per follower, on any phone
          rememberRespondent(c, followerRespondent(secret, await wechat.openIdOfCode(code)))
        } catch (err) {
          // the page still works: the answer is then kept once per browser
          deps.logger.warn('wechat web authorisation failed', { error: String(err) })
        }
      }
      return c.redirect(`/surveys/${encodeURIComponent(survey.slug)}`, 302)
    }
    // the id an answer from this page is kept under (once per browser, or per follower)
    const known = respondentOf(c)
    const respondent = known ?? browserRespondent(c)
    const answered =
      known !== undefined &&
      (await hasAnswered(deps.store.db, survey.id, respondentKey(survey.id, respondent)))
    const questions = questionsOf(survey).map((q) => ({ ...q, allowed: allowedAnswers(q) }))
    return c.html(
      <SurveyPage
        slug={survey.slug}
        title={survey.title}
        questions={questions}
        answered={answered}
      />,
    )
  })
  return app
}

/** A published public survey; public/static/survey.js posts the answers, anonymously. */
export function SurveyPage(props: {
  slug: string
  title: string
  questions: (SurveyQuestion & { allowed: readonly string[] })[]
  /** this browser or WeChat follower has answered already */
  answered: boolean
}) {
  return (
    <Layout title={`${props.title} · 常州市生态环境局`}>
      <header class="bar">
        <div>
          <h1>{props.title}</h1>
          <p>常州市生态环境局 · 匿名问卷，不收集姓名和电话</p>
        </div>
      </header>
      <main class="survey">
        {props.answered ? (
          <p class="survey-done" role="status">
            您已参与过本次问卷调查，感谢您的支持。
          </p>
        ) : (
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
        )}
      </main>
      {props.answered ? null : <script src="/static/survey.js" defer></script>}
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
          <p>
            {props.closed ? '本次问卷调查已结束，感谢关注。' : '没有这份问卷，或问卷尚未发布。'}
          </p>
        </div>
      </header>
    </Layout>
  )
}
