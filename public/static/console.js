// The staff console: signs in (httpOnly cookie), lists the department's queue, shows a case with
// its timeline and the actions its state allows.
const main = document.querySelector('.console')
const login = document.getElementById('login')
const queue = document.getElementById('queue')
const rows = document.getElementById('rows')
const detail = document.getElementById('case')
const who = document.getElementById('who')
const logout = document.getElementById('logout')
const statusFilter = document.getElementById('status-filter')

const EVENT = {
  file: '登记',
  accept: '受理',
  reject: '不予受理',
  transfer: '转办',
  assign: '派单',
  return: '退单',
  start: '开始办理',
  extend: '延期',
  resolve: '办结',
  close: '归档',
  reopen: '重新办理',
  escalate: '督办',
  merge: '并案',
  note: '备注',
  overdue: '超期',
}
const SUB = {
  industrial: '工业',
  odor: '异味',
  catering_fumes: '餐饮油烟',
  dust: '扬尘',
  burning: '焚烧',
  vehicle: '机动车尾气',
  other_air: '其他大气',
  construction: '建筑施工',
  social_life: '社会生活',
  traffic: '交通运输',
  other_noise: '其他噪声',
  none: '—',
}
const CATEGORY = {
  air: '大气',
  noise: '噪声',
  water: '水',
  waste: '固废',
  radiation: '辐射',
  other: '其他',
}
// the actions each state allows, with what they ask for (the server checks again)
const ACTIONS = {
  new: [
    ['accept', '受理'],
    ['reject', '不予受理', 'reason'],
    ['transfer', '转办', 'agency'],
  ],
  accepted: [
    ['assign', '派单', 'assignee'],
    ['reject', '不予受理', 'reason'],
    ['extend', '延期', 'days'],
  ],
  assigned: [
    ['start', '开始办理'],
    ['return', '退单', 'reason'],
    ['extend', '延期', 'days'],
  ],
  in_progress: [
    ['resolve', '办结答复', 'reply'],
    ['extend', '延期', 'days'],
  ],
  resolved: [
    ['close', '归档'],
    ['reopen', '重新办理', 'reason'],
  ],
}

const el = (tag, props = {}, ...children) => {
  const node = Object.assign(document.createElement(tag), props)
  node.append(...children)
  return node
}
const day = (iso) =>
  iso ? new Date(iso).toLocaleString('zh-CN', { timeZone: 'Asia/Shanghai', hour12: false }) : '—'

async function api(path, init = {}) {
  const res = await fetch(path, {
    ...init,
    headers: { 'Content-Type': 'application/json', ...init.headers },
  })
  if (res.status === 401) {
    showLogin()
    throw new Error('signed out')
  }
  return res
}

function showLogin() {
  login.hidden = false
  queue.hidden = true
  detail.hidden = true
  logout.hidden = true
}

login.addEventListener('submit', async (event) => {
  event.preventDefault()
  const form = new FormData(login)
  const res = await fetch('/api/v1/auth/login', {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify({ username: form.get('username'), password: form.get('password') }),
  })
  const body = await res.json()
  if (!res.ok) {
    document.getElementById('login-error').textContent = body.error?.message ?? '登录失败'
    return
  }
  start()
})

logout.addEventListener('click', async () => {
  await fetch('/api/v1/auth/logout', { method: 'POST' })
  showLogin()
})

async function loadQueue() {
  const status = statusFilter.value
  const res = await api(`/api/v1/cases${status ? `?status=${status}` : ''}`)
  const { items } = await res.json()
  rows.replaceChildren(
    ...items.map((c) => {
      const link = el('a', { href: `/console/cases/${c.number}`, textContent: c.number })
      const flags = [
        c.flags.urgent && '紧急',
        c.flags.overdue && '超期',
        c.flags.escalated && '督办',
      ]
        .filter(Boolean)
        .join(' ')
      return el(
        'tr',
        { className: c.flags.overdue ? 'overdue' : '' },
        el('td', {}, link),
        el('td', { textContent: c.statusText }),
        el('td', { textContent: CATEGORY[c.category] ?? c.category }),
        el('td', { textContent: c.district ?? '未定' }),
        el('td', { textContent: day(c.deadlines.accept) }),
        el('td', { textContent: day(c.deadlines.resolve) }),
        el('td', { textContent: flags }),
      )
    }),
  )
  if (items.length === 0)
    rows.replaceChildren(el('tr', {}, el('td', { colSpan: 7, textContent: '没有案件' })))
}
statusFilter.addEventListener('change', () => loadQueue())

async function loadCase(number) {
  const res = await api(`/api/v1/cases/${number}`)
  const c = await res.json()
  if (!res.ok) {
    detail.replaceChildren(
      el('p', { className: 'error-text', textContent: c.error?.message ?? '加载失败' }),
    )
    return
  }
  const actions = el('div', { className: 'actions' })
  for (const [action, label, field] of ACTIONS[c.status] ?? []) {
    actions.append(
      el('button', {
        type: 'button',
        textContent: label,
        onclick: async () => {
          const body = { action, version: c.version }
          if (field === 'days') {
            body.days = Number(prompt('延期几个工作日?', '5'))
            body.reason = prompt('延期原因') ?? ''
          } else if (field === 'agency') {
            body.agency = prompt('转办到哪个部门(部门编号,例如 police)', 'police') ?? ''
            body.reason = prompt('转办原因') ?? ''
          } else if (field) {
            body[field] = prompt(label) ?? ''
          }
          const res = await api(`/api/v1/cases/${c.number}/actions`, {
            method: 'POST',
            body: JSON.stringify(body),
          })
          const out = await res.json()
          if (!res.ok) alert(out.error?.message ?? '操作失败')
          loadCase(c.number)
        },
      }),
    )
  }
  const facts = el(
    'dl',
    {},
    el('dt', { textContent: '状态' }),
    el('dd', { textContent: c.statusText }),
    el('dt', { textContent: '类别' }),
    el('dd', {
      textContent: `${CATEGORY[c.category] ?? c.category} / ${SUB[c.subcategory] ?? c.subcategory}`,
    }),
    el('dt', { textContent: '地点' }),
    el('dd', { textContent: [c.district, c.address].filter(Boolean).join(' ') || '未定' }),
    el('dt', { textContent: '承办' }),
    el('dd', { textContent: `${c.departmentName ?? c.department ?? '—'} ${c.assignee ?? ''}` }),
    el('dt', { textContent: '期限' }),
    el('dd', { textContent: `受理 ${day(c.deadlines.accept)} · 办结 ${day(c.deadlines.resolve)}` }),
    el('dt', { textContent: '反映人' }),
    el('dd', { textContent: c.reporter.anonymous ? '匿名' : (c.reporter.phone ?? '通过会话联系') }),
  )
  const timeline = el(
    'ol',
    { className: 'timeline' },
    ...c.timeline.map((e) =>
      el('li', {
        textContent: `${day(e.at)} ${e.actor} ${EVENT[e.action] ?? e.action}${e.toText ? ` → ${e.toText}` : ''}${e.note ? `:${e.note}` : ''}`,
      }),
    ),
  )
  detail.replaceChildren(
    el('p', {}, el('a', { href: '/console', textContent: '← 返回列表' })),
    el('h2', { className: 'case-number', textContent: c.number }),
    facts,
    el('h3', { textContent: '反映内容' }),
    el('p', { className: 'description', textContent: c.description }),
    ...c.photos.map((url) => el('img', { src: url, alt: '居民上传的照片', className: 'thumb' })),
    el('h3', { textContent: '办理' }),
    actions,
    el('h3', { textContent: '办理记录' }),
    timeline,
  )
}

async function start() {
  const res = await fetch('/api/v1/auth/me')
  if (!res.ok) return showLogin()
  const { user } = await res.json()
  who.textContent = `${user.displayName}(${user.department ?? '全市'})`
  login.hidden = true
  logout.hidden = false
  const number = main.dataset.case
  if (number) {
    queue.hidden = true
    detail.hidden = false
    await loadCase(number)
  } else {
    detail.hidden = true
    queue.hidden = false
    await loadQueue()
  }
}

start()
