import { RATING_ZH } from '../../domain/surveys/rating'
import { ConsoleHeader } from './console-header'
import { Layout } from './layout'
import { StaffLoginForm } from './staff-login-form'

const SURVEY_STATUS_ZH = { draft: '草稿', published: '已发布', closed: '已结束' }

/**
 * Public satisfaction surveys in the console (issue 7): the list with publish and close, the
 * builder (admins), and one survey's results (/console/surveys/:id); public/static/surveys.js.
 */
export function SurveysPage(props: { surveyId?: string }) {
  return (
    <Layout title="常州市生态环境局 · 公众满意度问卷">
      <ConsoleHeader title="公众满意度问卷" />
      <main
        class="console surveys"
        data-survey={props.surveyId ?? ''}
        data-ratings={JSON.stringify(RATING_ZH)}
        data-statuses={JSON.stringify(SURVEY_STATUS_ZH)}
      >
        <StaffLoginForm />
        <p id="denied" class="panel error-text" role="alert" hidden></p>
        <section id="surveys" class="panel" hidden aria-label="问卷列表">
          <h2>问卷列表</h2>
          <p id="list-message" class="error-text" role="alert"></p>
          <table>
            <thead>
              <tr>
                <th scope="col">问卷</th>
                <th scope="col">状态</th>
                <th scope="col">答卷</th>
                <th scope="col">公开链接</th>
                <th scope="col">操作</th>
              </tr>
            </thead>
            <tbody id="survey-rows"></tbody>
          </table>
        </section>
        <form id="builder" class="panel builder" hidden aria-label="新建问卷">
          <h2>新建问卷</h2>
          <label>
            问卷标题
            <input name="title" required maxlength={100} size={40} />
          </label>
          <label>
            菜单名称（选填）
            <input
              name="menuLabel"
              maxlength={16}
              size={16}
              placeholder="留空则用标题"
              aria-describedby="menu-label-hint"
            />
          </label>
          <p id="menu-label-hint" class="hint">
            发布后问卷会出现在公众号菜单「问卷调查」下，最多 8 个汉字（或 16
            个字母、数字）；留空时用标题，过长会被截短。
          </p>
          <ol id="questions"></ol>
          <p id="no-questions" class="hint">
            还没有题目：点「添加评分题」（满意 / 基本满意 / 不满意）或「添加选择题」(2–10 个选项)。
          </p>
          <p>
            <button type="button" class="secondary" id="add-rating">
              添加评分题
            </button>
            <button type="button" class="secondary" id="add-choice">
              添加选择题
            </button>
          </p>
          <p id="builder-error" class="error-text" role="alert"></p>
          <button type="submit">保存为草稿</button>
          <span id="builder-status" role="status"></span>
        </form>
        <section id="wechat-menu" class="panel" hidden aria-label="微信公众号菜单"></section>
        <section id="results" class="panel results" hidden aria-label="问卷结果"></section>
      </main>
      <script src="/static/surveys.js" type="module"></script>
    </Layout>
  )
}
