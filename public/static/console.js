// The staff console: signs in (httpOnly cookie), the queue with filters, paging and deadline
// countdowns, a case with its conversation, timeline and the actions allowed now, the routing
// rules and the working-day calendar. Resident text is only ever set as textContent.
import { interruptedAction } from './action-drafts.js'
import { openActionForm } from './action-form.js'
import { ACTIONS, conflictMessage, fetchCase, postAction } from './case-actions.js'
import { el } from './dom.js'
import { askToSignIn, staffSession } from './staff-session.js'

const main = document.querySelector('.console')
const nav = document.getElementById('nav')
const warning = document.getElementById('calendar-warning')
const sections = ['queue', 'case', 'rules', 'calendar'].map((id) => document.getElementById(id))

const EVENT = {
  file: '登记',
  accept: '受理',
  reject: '不予受理',
  transfer: '转办',
  assign: '派单',
  return: '退单',
  reroute: '改派',
  start: '开始办理',
  extend: '延期',
  resolve: '办结',
  close: '归档',
  reopen: '重新办理',
  escalate: '督办',
  merge: '并案',
  unmerge: '撤销并案',
  note: '备注',
  overdue: '超期',
  duplicate: '疑似重复',
  reveal_phone: '查看号码',
  photo: '补充照片',
}
// category and subcategory names come with the page, from the domain's tables (trends/labels.ts)
const CATEGORY = JSON.parse(main.dataset.categories)
const SUB = JSON.parse(main.dataset.subcategories)
// what the queue says first when a case was sent out of this handler's view (转办, 改派)
const MOVED = 'cz-console-moved'
const OPEN = ['new', 'accepted', 'assigned', 'in_progress']
let me = null

const time = (iso) =>
  iso ? new Date(iso).toLocaleString('zh-CN', { timeZone: 'Asia/Shanghai', hour12: false }) : '—'

/** 剩 2天3小时 / 超期 5小时: how long until (or since) a deadline. */
function countdown(iso) {
  if (!iso) return ''
  const ms = new Date(iso).getTime() - Date.now()
  const hours = Math.floor(Math.abs(ms) / 3_600_000)
  const span =
    hours >= 24
      ? `${Math.floor(hours / 24)}天${hours % 24}小时`
      : `${hours}小时${Math.floor((Math.abs(ms) % 3_600_000) / 60_000)}分`
  return ms >= 0 ? `剩 ${span}` : `超期 ${span}`
}
const dueOf = (c) =>
  !OPEN.includes(c.status) ? null : c.status === 'new' ? c.deadlines.accept : c.deadlines.resolve

async function api(path, init = {}) {
  const res = await fetch(path, {
    ...init,
    headers: { 'Content-Type': 'application/json', ...init.headers },
  })
  if (res.status === 401) {
    signedOut()
    throw new Error('signed out')
  }
  return res
}
/** The session lapsed: everything but the sign-in form goes away until staff sign in again. */
function signedOut() {
  showOnly(null)
  askToSignIn()
  nav.hidden = true
}
async function send(path, method, body) {
  const res = await api(path, {
    method,
    body: body === undefined ? undefined : JSON.stringify(body),
  })
  const out = await res.json()
  if (!res.ok) alert(out.error?.message ?? '操作失败')
  return res.ok ? out : null
}
function showOnly(section) {
  for (const s of sections) if (s) s.hidden = s !== section
}

// ---- queue ---------------------------------------------------------------------------------
const filters = document.getElementById('filters')
const rows = document.getElementById('rows')
const cursors = []

async function loadQueue(cursor) {
  const params = new URLSearchParams()
  for (const [k, v] of new FormData(filters)) if (v) params.set(k, v)
  if (cursor) params.set('cursor', cursor)
  params.set('limit', '20')
  const res = await api(`/api/v1/cases?${params}`)
  const body = await res.json()
  if (!res.ok) {
    rows.replaceChildren(
      el(
        'tr',
        {},
        el('td', { colSpan: 7, className: 'error-text', textContent: body.error?.message }),
      ),
    )
    return
  }
  rows.replaceChildren(
    ...body.items.map((c) => {
      const flags = [
        c.flags.urgent && '紧急',
        c.flags.overdue && '超期',
        c.flags.escalated && '督办',
        c.mergeSuggestion && `疑似重复 ${c.mergeSuggestion.primary}`,
      ].filter(Boolean)
      const due = dueOf(c)
      return el(
        'tr',
        { className: c.flags.overdue ? 'overdue' : '' },
        el('td', {}, el('a', { href: `/console/cases/${c.number}`, textContent: c.number })),
        el('td', { textContent: c.statusText }),
        el('td', { textContent: CATEGORY[c.category] ?? c.category }),
        el('td', { textContent: c.district ?? '未定' }),
        el('td', { className: 'summary', textContent: c.description }),
        el('td', { className: 'countdown', title: time(due), textContent: countdown(due) }),
        el('td', {}, ...flags.map((f) => el('span', { className: 'tag', textContent: f }))),
      )
    }),
  )
  for (const [i, c] of body.items.entries())
    rows.children[i].querySelector('.countdown').dataset.due = dueOf(c) ?? ''
  if (body.items.length === 0)
    rows.replaceChildren(el('tr', {}, el('td', { colSpan: 7, textContent: '没有符合条件的案件' })))
  const next = document.getElementById('next-page')
  next.hidden = !body.nextCursor
  next.onclick = () => {
    cursors.push(cursor)
    loadQueue(body.nextCursor)
  }
  const first = document.getElementById('first-page')
  first.hidden = !cursor
  first.onclick = () => {
    cursors.length = 0
    loadQueue()
  }
}
/** The line a case page left when its case moved out of this handler's view, shown once. */
function showMoved() {
  const line = sessionStorage.getItem(MOVED)
  sessionStorage.removeItem(MOVED)
  const notice = document.getElementById('queue-notice')
  notice.hidden = !line
  notice.textContent = line ?? ''
}
filters?.addEventListener('submit', (event) => {
  event.preventDefault()
  cursors.length = 0
  loadQueue()
})
filters?.addEventListener('change', () => filters.requestSubmit())
// countdowns tick once a minute without asking the server again
setInterval(() => {
  for (const cell of document.querySelectorAll('.countdown[data-due]'))
    cell.textContent = countdown(cell.dataset.due)
}, 60_000)

// ---- one case ------------------------------------------------------------------------------
const detail = document.getElementById('case')

/** After an action on a case: the case with a line saying so, or the queue when it left view. */
async function acted(number, line) {
  const r = await fetchCase(number)
  if (r.status === 404) {
    sessionStorage.setItem(MOVED, `${number} ${line}`)
    location.assign('/console')
  } else if (r.status === 401) signedOut()
  else if (r.ok) renderCase(r.body, { text: line })
}

/** What the action's form calls back with. */
const formEvents = {
  refreshed: (fresh) => renderCase(fresh),
  done: acted,
  signedOut,
}

/** Takes an action that needs no details; a refusal is shown above the case's facts. */
async function act(c, action, values = {}) {
  const r = await postAction(c, action, values)
  if (r.ok) return acted(c.number, `已${ACTIONS[action]?.label ?? action}`)
  if (r.status === 401) return signedOut()
  const fresh = r.status === 409 ? await fetchCase(c.number) : null
  const message = fresh
    ? conflictMessage(fresh.ok ? fresh.body : null, action, r.message)
    : r.message
  renderCase(fresh?.ok ? fresh.body : c, { text: message, error: true })
}

function actionButton(c, action) {
  const { label, fields } = ACTIONS[action] ?? { label: action, fields: [] }
  const button = el('button', {
    type: 'button',
    textContent: label,
    onclick: () =>
      fields.length ? openActionForm(c, action, me.username, formEvents, button) : act(c, action),
  })
  return button
}

function reporterLine(c) {
  if (c.reporter.anonymous) return el('dd', { textContent: '匿名' })
  if (!c.reporter.phone) return el('dd', { textContent: '未留电话，可通过会话联系' })
  const phone = el('span', { className: 'phone', textContent: c.reporter.phone })
  const reveal =
    me.role === 'analyst'
      ? null
      : el('button', {
          type: 'button',
          className: 'small',
          textContent: '显示号码',
          onclick: async () => {
            const out = await send(`/api/v1/cases/${c.number}/reveal-phone`, 'POST')
            if (out) {
              phone.textContent = out.phone
              reveal.remove()
            }
          },
        })
  return el('dd', {}, phone, ' ', reveal)
}

function suggestionBox(c) {
  const open = c.mergeSuggestions.filter((s) => s.status === 'open')
  if (open.length === 0) return null
  const lead = me.role === 'supervisor' || me.role === 'admin'
  return el(
    'div',
    { className: 'suggestion' },
    ...open.map((s) => {
      const why = s.reason === 'same_place' ? '同一地点' : `相距约${s.distanceM}米`
      const text =
        s.case === c.number
          ? `疑似与 ${s.primary} 重复（${why}，7日内同类投诉）`
          : `${s.case} 疑似与本案重复（${why}）`
      const buttons =
        lead && s.case === c.number && c.allowedActions.includes('merge')
          ? [
              el('button', {
                type: 'button',
                textContent: `并入 ${s.primary}`,
                onclick: () => act(c, 'merge', { into: s.primary }),
              }),
              el('button', {
                type: 'button',
                className: 'secondary',
                textContent: '不是重复件',
                onclick: async () => {
                  await send(`/api/v1/cases/${c.number}/merge-suggestions/dismiss`, 'POST')
                  loadCase(c.number)
                },
              }),
            ]
          : []
      return el('p', {}, el('strong', { textContent: text }), ' ', ...buttons)
    }),
  )
}

async function loadCase(number) {
  const res = await api(`/api/v1/cases/${encodeURIComponent(number)}`)
  const c = await res.json()
  if (!res.ok) {
    detail.replaceChildren(
      el('p', { className: 'error-text', textContent: c.error?.message ?? '加载失败' }),
    )
    return
  }
  renderCase(c)
  // what a lapsed session interrupted is offered again once signed in
  const pending = interruptedAction(me.username, c.number)
  if (ACTIONS[pending]?.fields.length) openActionForm(c, pending, me.username, formEvents)
}

/** Draws case `c`, with a line on top (`notice`: { text, error }) after an action. */
function renderCase(c, notice = null) {
  const due = dueOf(c)
  const facts = el(
    'dl',
    {},
    el('dt', { textContent: '状态' }),
    el('dd', {
      textContent: `${c.statusText}${c.flags.urgent ? ' · 紧急' : ''}${c.flags.overdue ? ' · 超期' : ''}${c.flags.escalated ? ' · 督办' : ''}`,
    }),
    el('dt', { textContent: '类别' }),
    el('dd', {
      textContent: `${CATEGORY[c.category] ?? c.category} / ${SUB[c.subcategory] ?? c.subcategory}`,
    }),
    el('dt', { textContent: '地点' }),
    el('dd', { textContent: [c.district, c.address].filter(Boolean).join(' ') || '未定' }),
    el('dt', { textContent: '承办' }),
    el('dd', { textContent: `${c.departmentName ?? c.department ?? '—'} ${c.assignee ?? ''}` }),
    el('dt', { textContent: '期限' }),
    el('dd', {
      textContent: `受理 ${time(c.deadlines.accept)} · 办结 ${time(c.deadlines.resolve)}${due ? `（${countdown(due)}）` : ''}`,
    }),
    el('dt', { textContent: '反映人' }),
    reporterLine(c),
  )
  const actions = el(
    'div',
    { className: 'actions' },
    ...c.allowedActions.map((a) => actionButton(c, a)),
  )
  const transcript = el(
    'ol',
    { className: 'transcript' },
    ...c.transcript.map((m) =>
      el(
        'li',
        { className: m.from === 'resident' ? 'me' : 'bot' },
        el('small', { textContent: `${m.from === 'resident' ? '居民' : '平台'} ${time(m.at)}` }),
        el('div', { textContent: m.text }),
      ),
    ),
  )
  const timeline = el(
    'ol',
    { className: 'timeline' },
    ...c.timeline.map((e) =>
      el('li', {
        textContent: `${time(e.at)} ${e.actor} ${EVENT[e.action] ?? e.action}${e.toText && e.from !== e.to ? ` → ${e.toText}` : ''}${e.note ? `：${e.note}` : ''}`,
      }),
    ),
  )
  // replaceChildren would print a missing part (no notice, no suggestion) as "null"
  const parts = [
    el('p', {}, el('a', { href: '/console', textContent: '← 返回列表' })),
    el('h2', { className: 'case-number', textContent: c.number }),
    notice &&
      el('p', {
        className: notice.error ? 'notice error' : 'notice',
        role: notice.error ? 'alert' : 'status',
        textContent: notice.text,
      }),
    suggestionBox(c),
    facts,
    el('h3', { textContent: '反映内容' }),
    el('p', { className: 'description', textContent: c.description }),
    ...c.photos.map((url) => el('img', { src: url, alt: '居民上传的照片', className: 'thumb' })),
    el('h3', { textContent: '办理' }),
    c.allowedActions.length ? actions : el('p', { textContent: '当前没有可执行的操作' }),
    el(
      'div',
      { className: 'columns' },
      el(
        'div',
        {},
        el('h3', { textContent: '对话记录' }),
        c.transcript.length ? transcript : el('p', { textContent: '没有会话记录' }),
      ),
      el('div', {}, el('h3', { textContent: '办理记录' }), timeline),
    ),
  ]
  detail.replaceChildren(...parts.filter(Boolean))
}

// ---- routing rules -------------------------------------------------------------------------
const rulesPanel = document.getElementById('rules')
const RULE_FIELDS = [
  ['priority', '优先级', 'number'],
  ['category', '类别', 'text'],
  ['subcategory', '子类', 'text'],
  ['district', '区域', 'text'],
  ['keywords', '关键词（逗号分隔）', 'text'],
  ['department', '部门编号', 'text'],
  ['action', '方式(route / transfer)', 'text'],
  ['acceptWorkingDays', '受理期限（工作日）', 'number'],
  ['resolveWorkingDays', '办结期限（工作日）', 'number'],
  ['urgentHours', '紧急响应（小时）', 'number'],
  ['note', '说明与依据', 'text'],
]

async function loadRules() {
  const res = await api('/api/v1/routing-rules')
  const { items, departments } = await res.json()
  const names = new Map(departments.map((d) => [d.id, d.name]))
  const admin = me.role === 'admin'
  const form = el('form', { className: 'rule-form' })
  let editing = null
  const fill = (rule) => {
    editing = rule
    for (const [name] of RULE_FIELDS) {
      const v = rule?.[name]
      form.elements[name].value =
        v === null || v === undefined ? '' : Array.isArray(v) ? v.join(',') : v
    }
    form.querySelector('legend').textContent = rule ? `修改规则 ${rule.id}` : '新增规则'
  }
  form.append(
    el('legend', { textContent: '新增规则' }),
    ...RULE_FIELDS.map(([name, label, type]) =>
      el('label', {}, label, el('input', { name, type })),
    ),
    el('button', { type: 'submit', textContent: '保存' }),
    el('button', {
      type: 'button',
      className: 'secondary',
      textContent: '清空',
      onclick: () => fill(null),
    }),
  )
  form.addEventListener('submit', async (event) => {
    event.preventDefault()
    const v = (n) => form.elements[n].value.trim()
    const body = {
      priority: Number(v('priority')),
      category: v('category'),
      subcategory: v('subcategory') || null,
      district: v('district') || null,
      keywords: v('keywords')
        ? v('keywords')
            .split(/[,,]/)
            .map((w) => w.trim())
            .filter(Boolean)
        : null,
      department: v('department'),
      action: v('action'),
      acceptWorkingDays: Number(v('acceptWorkingDays')),
      resolveWorkingDays: Number(v('resolveWorkingDays')),
      urgentHours: Number(v('urgentHours')),
      note: v('note') || null,
    }
    const out = editing
      ? await send(`/api/v1/routing-rules/${editing.id}`, 'PUT', {
          ...body,
          version: editing.version,
        })
      : await send('/api/v1/routing-rules', 'POST', body)
    if (out) loadRules()
  })
  const table = el(
    'table',
    {},
    el(
      'thead',
      {},
      el(
        'tr',
        {},
        ...[
          '优先级',
          '类别',
          '子类',
          '区域',
          '关键词',
          '承办或转办',
          '受理/办结/紧急',
          '说明与依据',
          '',
        ].map((h) => el('th', { scope: 'col', textContent: h })),
      ),
    ),
    el(
      'tbody',
      {},
      ...items.map((r) =>
        el(
          'tr',
          {},
          el('td', { textContent: r.priority }),
          el('td', { textContent: CATEGORY[r.category] ?? r.category }),
          el('td', { textContent: r.subcategory ? (SUB[r.subcategory] ?? r.subcategory) : '不限' }),
          el('td', { textContent: r.district ?? '不限' }),
          el('td', { textContent: r.keywords?.join('、') ?? '—' }),
          el('td', {
            textContent: `${r.action === 'transfer' ? '转办 ' : ''}${names.get(r.department) ?? r.department}`,
          }),
          el('td', {
            textContent: `${r.acceptWorkingDays} / ${r.resolveWorkingDays} 个工作日 / ${r.urgentHours} 小时`,
          }),
          el('td', { textContent: r.note ?? '' }),
          el(
            'td',
            {},
            admin &&
              el('button', {
                type: 'button',
                className: 'small',
                textContent: '编辑',
                onclick: () => fill(r),
              }),
            admin &&
              el('button', {
                type: 'button',
                className: 'small secondary',
                textContent: '删除',
                onclick: async () => {
                  if (!confirm(`删除规则 ${r.id}？`)) return
                  if (await send(`/api/v1/routing-rules/${r.id}?version=${r.version}`, 'DELETE'))
                    loadRules()
                },
              }),
          ),
        ),
      ),
    ),
  )
  rulesPanel.replaceChildren(
    el('h2', { textContent: '路由规则' }),
    el('p', {
      className: 'hint',
      textContent: '按优先级从小到大匹配，第一条符合的规则决定承办部门和期限。每次修改都留有记录。',
    }),
    table,
    admin ? form : el('p', { className: 'hint', textContent: '只有管理员可以修改规则。' }),
  )
}

// ---- working-day calendar ------------------------------------------------------------------
const calendarPanel = document.getElementById('calendar')

async function loadCalendar(year) {
  const status = await (await api('/api/v1/calendar/status')).json()
  const shown = year ?? status.years[1].year
  const data = await (await api(`/api/v1/calendar/${shown}`)).json()
  const SOURCE = {
    published: '国务院已公布（随系统提供）',
    loaded: '管理员已载入',
    statutory: '仅法定节假日（调休未知）',
  }
  const lines = (days) => days.map((d) => `${d.date}${d.name ? ` ${d.name}` : ''}`).join('\n')
  const parse = (text) =>
    text
      .split('\n')
      .map((l) => l.trim())
      .filter(Boolean)
      .map((l) => {
        const [date, ...name] = l.split(/\s+/)
        return { date, name: name.join(' ') || null }
      })
  const holidays = el('textarea', { name: 'holidays', rows: 12, value: lines(data.holidays) })
  const workdays = el('textarea', { name: 'workdays', rows: 4, value: lines(data.workdays) })
  const form = el(
    'form',
    { className: 'calendar-form' },
    el('label', {}, '放假日期（每行一天，可写名称，例如「2027-10-01 国庆节」）', holidays),
    el('label', {}, '调休上班日期（周末补班）', workdays),
    el('button', { type: 'submit', textContent: `载入 ${shown} 年安排` }),
  )
  form.addEventListener('submit', async (event) => {
    event.preventDefault()
    const out = await send(`/api/v1/calendar/${shown}`, 'PUT', {
      holidays: parse(holidays.value),
      workdays: parse(workdays.value),
    })
    if (out) restart()
  })
  calendarPanel.replaceChildren(
    el('h2', { textContent: '工作日历' }),
    el(
      'ul',
      {},
      ...status.years.map((y) =>
        el(
          'li',
          {},
          el('a', {
            href: '#',
            textContent: `${y.year} 年`,
            onclick: (e) => (e.preventDefault(), loadCalendar(y.year)),
          }),
          `:${SOURCE[y.source]}`,
        ),
      ),
    ),
    el('p', {
      textContent: `${shown} 年：${SOURCE[data.source]}，全年 ${data.workingDaysInYear} 个工作日。`,
    }),
    me.role === 'admin'
      ? form
      : el('pre', { className: 'days', textContent: lines(data.holidays) }),
  )
}

// ---- start ---------------------------------------------------------------------------------
async function start(user) {
  me = user
  nav.hidden = false
  const status = await (await api('/api/v1/calendar/status')).json()
  warning.hidden = !status.warning
  warning.textContent = status.warning ?? ''
  const view = main.dataset.view
  showOnly(document.getElementById(view))
  if (view === 'case') await loadCase(main.dataset.case)
  else if (view === 'rules') await loadRules()
  else if (view === 'calendar') await loadCalendar()
  else {
    showMoved()
    await loadQueue()
  }
}

const restart = staffSession(start)
