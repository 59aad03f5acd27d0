/**
 * The staff console pages' header: the page's name, who is signed in, and the navigation, shown
 * once signed in; links marked data-roles only to those roles (public/static/staff-session.js),
 * the server checks every request again.
 */
export function ConsoleHeader(props: { title: string }) {
  return (
    <header class="bar">
      <div>
        <h1>{props.title}</h1>
        <p id="who">常州市生态环境局</p>
      </div>
      <nav id="nav" class="no-print" hidden>
        <a href="/console">案件队列</a>
        <a href="/console/rules">路由规则</a>
        <a href="/console/calendar">工作日历</a>
        <a href="/console/surveys" data-roles="admin analyst" hidden>
          问卷调查
        </a>
        <a href="/dashboard" data-roles="admin analyst supervisor" hidden>
          统计
        </a>
        <button id="logout" type="button" class="link">
          退出
        </button>
      </nav>
    </header>
  )
}
