import { DISTRICTS } from '../../domain/classify/types'
import { Layout } from './layout'
import { StaffLoginForm } from './staff-login-form'

/** The bureau's statistics for analysts and admins; public/static/dashboard.js fills it in. */
export function DashboardPage(props: { thisYear: number }) {
  const years = Array.from({ length: 5 }, (_, i) => props.thisYear - i)
  return (
    <Layout title="常州市生态环境局 · 投诉统计">
      <link rel="stylesheet" href="/static/dashboard.css" />
      <header class="bar">
        <div>
          <h1>生态环境投诉统计</h1>
          <p id="who">常州市生态环境局</p>
        </div>
        <nav class="links no-print">
          <a href="/console/surveys" data-roles="admin analyst" hidden>
            问卷调查
          </a>
          <button id="logout" type="button" class="link" hidden>
            退出
          </button>
        </nav>
      </header>
      <main class="dashboard">
        <StaffLoginForm />
        <p id="denied" class="panel error-text" role="alert" hidden></p>
        <div id="report" hidden>
          <form id="filters" class="filters no-print">
            <label>
              年份
              <select name="year">
                {years.map((y) => (
                  <option value={String(y)}>{y}年</option>
                ))}
              </select>
            </label>
            <label>
              区县
              <select name="district">
                <option value="">全市</option>
                {DISTRICTS.map((d) => (
                  <option value={d}>{d}</option>
                ))}
              </select>
            </label>
            <a id="export" href="/api/v1/stats/export.csv">
              导出 CSV
            </a>
            <button type="button" id="print">
              打印
            </button>
          </form>
          <p id="load-error" class="panel error-text" role="alert" hidden></p>
          <div id="results">
            <h2 id="title"></h2>
            <p id="period" class="period-note" hidden></p>
            <p id="summary" class="summary"></p>
            <ul id="figures" class="figures" aria-label="主要指标"></ul>
            <section class="charts">
              <figure>
                <figcaption>逐月投诉量：本年与上年同期</figcaption>
                <div id="chart-months" class="chart"></div>
              </figure>
              <figure>
                <figcaption>分类别投诉量</figcaption>
                <div id="chart-categories" class="chart"></div>
              </figure>
              <figure>
                <figcaption>大气、噪声投诉细类</figcaption>
                <div id="chart-subcategories" class="chart"></div>
              </figure>
              <figure>
                <figcaption>分区县投诉量</figcaption>
                <div id="chart-districts" class="chart"></div>
              </figure>
              <figure>
                <figcaption>办理评价</figcaption>
                <div id="chart-ratings" class="chart"></div>
              </figure>
              <figure>
                <figcaption>投诉热点（同一地点重复投诉）</figcaption>
                <table id="hotspots">
                  <thead>
                    <tr>
                      <th scope="col">地点</th>
                      <th scope="col">区县</th>
                      <th scope="col">件数</th>
                    </tr>
                  </thead>
                  <tbody></tbody>
                </table>
              </figure>
            </section>
          </div>
        </div>
      </main>
      <script src="/static/vendor/echarts.min.js" defer></script>
      <script src="/static/dashboard.js" type="module"></script>
    </Layout>
  )
}
