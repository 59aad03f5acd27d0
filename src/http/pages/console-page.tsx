import { CATEGORIES, DISTRICTS } from '../../domain/classify/types'
import { texts } from '../../domain/intake/texts'
import { CATEGORY_ZH, SUBCATEGORY_ZH } from '../../domain/trends/labels'
import { ConsoleHeader } from './console-header'
import { Layout } from './layout'
import { StaffLoginForm } from './staff-login-form'

export type ConsoleView = 'queue' | 'case' | 'rules' | 'calendar'

// the bureau's own labels, from the domain; console.js gets them through data attributes too
const STATUS_NAMES = Object.entries(texts['zh-Hans'].statusNames)

function Queue() {
  return (
    <section id="queue" class="panel" hidden aria-label="案件列表">
      <p id="queue-notice" class="notice" role="status" hidden></p>
      <form id="filters" class="filters">
        <label>
          状态
          <select name="status">
            <option value="">全部</option>
            {STATUS_NAMES.map(([v, n]) => (
              <option value={v}>{n}</option>
            ))}
          </select>
        </label>
        <label>
          类别
          <select name="category">
            <option value="">全部</option>
            {CATEGORIES.map((c) => (
              <option value={c}>{CATEGORY_ZH[c]}</option>
            ))}
          </select>
        </label>
        <label>
          区域
          <select name="district">
            <option value="">全部</option>
            {DISTRICTS.map((d) => (
              <option value={d}>{d}</option>
            ))}
          </select>
        </label>
        <label class="check">
          <input type="checkbox" name="overdue" value="true" />
          超期
        </label>
        <label class="check">
          <input type="checkbox" name="escalated" value="true" />
          督办
        </label>
        <label class="check">
          <input type="checkbox" name="duplicates" value="true" />
          疑似重复
        </label>
        <label>
          搜索
          <input type="search" name="q" placeholder="编号或内容" maxlength={100} />
        </label>
        <button type="submit">查询</button>
      </form>
      <table>
        <thead>
          <tr>
            <th scope="col">编号</th>
            <th scope="col">状态</th>
            <th scope="col">类别</th>
            <th scope="col">区域</th>
            <th scope="col">内容</th>
            <th scope="col">期限</th>
            <th scope="col">标记</th>
          </tr>
        </thead>
        <tbody id="rows"></tbody>
      </table>
      <div class="pager">
        <button type="button" id="first-page" hidden>
          回到第一页
        </button>
        <button type="button" id="next-page" hidden>
          下一页
        </button>
      </div>
    </section>
  )
}

/** The staff console: sign-in, the queue, one case, routing rules and the working-day calendar; public/static/console.js drives it. */
export function ConsolePage(props: { view: ConsoleView; caseNumber?: string }) {
  return (
    <Layout title="常州市生态环境局 · 投诉办理">
      <ConsoleHeader title="投诉办理工作台" />
      <main
        class="console"
        data-view={props.view}
        data-case={props.caseNumber ?? ''}
        data-categories={JSON.stringify({ ...CATEGORY_ZH, '*': '全部' })}
        data-subcategories={JSON.stringify(SUBCATEGORY_ZH)}
      >
        <p id="calendar-warning" class="warning" role="alert" hidden></p>
        <StaffLoginForm />
        {props.view === 'queue' && <Queue />}
        <section id="case" class="panel" hidden aria-label="案件详情"></section>
        <section id="rules" class="panel" hidden aria-label="路由规则"></section>
        <section id="calendar" class="panel" hidden aria-label="工作日历"></section>
      </main>
      <script src="/static/console.js" type="module"></script>
    </Layout>
  )
}
