import { Layout } from './layout'
import { StaffLoginForm } from './staff-login-form'

/** The staff console: sign-in, the queue, and one case; public/static/console.js drives it. */
export function ConsolePage(props: { caseNumber?: string }) {
  return (
    <Layout title="常州市生态环境局 · 投诉办理">
      <header class="bar">
        <div>
          <h1>投诉办理工作台</h1>
          <p id="who">常州市生态环境局</p>
        </div>
        <button id="logout" type="button" class="link" hidden>
          退出
        </button>
      </header>
      <main class="console" data-case={props.caseNumber ?? ''}>
        <StaffLoginForm />
        <section id="queue" class="panel" hidden aria-label="案件列表">
          <div class="filters">
            <label>
              状态
              <select id="status-filter">
                <option value="">全部</option>
                <option value="new">待受理</option>
                <option value="accepted">已受理</option>
                <option value="assigned">已派单</option>
                <option value="in_progress">办理中</option>
                <option value="resolved">已办结</option>
              </select>
            </label>
          </div>
          <table>
            <thead>
              <tr>
                <th scope="col">编号</th>
                <th scope="col">状态</th>
                <th scope="col">类别</th>
                <th scope="col">区域</th>
                <th scope="col">受理期限</th>
                <th scope="col">办结期限</th>
                <th scope="col">标记</th>
              </tr>
            </thead>
            <tbody id="rows"></tbody>
          </table>
        </section>
        <section id="case" class="panel" hidden aria-label="案件详情"></section>
      </main>
      <script src="/static/console.js" defer></script>
    </Layout>
  )
}
