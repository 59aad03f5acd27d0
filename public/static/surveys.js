// Public satisfaction surveys in the console (issue 7): the list with each survey's status,
// answers and public link; admins publish and close surveys and build new ones; admins and
// analysts read results. The server checks every role again; this page only hides what a role
// cannot use.
import { el } from './dom.js'
import { surveyBuilder } from './survey-builder.js'
import { showResults } from './survey-results.js'
import { callApi, staffSession } from './staff-session.js'
import { showWechatMenu } from './wechat-menu-panel.js'

const main = document.querySelector('.surveys')
const labels = {
  ratings: JSON.parse(main.dataset.ratings),
  statuses: JSON.parse(main.dataset.statuses),
}
const nav = document.getElementById('nav')
const denied = document.getElementById('denied')
const listPanel = document.getElementById('surveys')
const rows = document.getElementById('survey-rows')
const message = document.getElementById('list-message')
const builder = document.getElementById('builder')
const results = document.getElementById('results')
const menuPanel = document.getElementById('wechat-menu')
let admin = false

/** The page's 403: handlers and supervisors are told, as on the dashboard, and see nothing else. */
function deny(text) {
  for (const part of [listPanel, builder, menuPanel, results]) part.hidden = true
  denied.hidden = false
  denied.textContent = text
}

function publicLink(s) {
  // the service's public address when configured; the console may be on an internal one
  const url = s.publicUrl ?? new URL(s.link, location.origin).href
  const field = el('input', { value: url, readOnly: true, size: 30, className: 'link-field' })
  field.setAttribute('aria-label', `「${s.title}」的公开链接`)
  const copy = el('button', {
    type: 'button',
    className: 'small secondary',
    textContent: '复制',
    onclick: async () => {
      field.select()
      // the clipboard API needs a secure context; selecting and copying works everywhere else
      const done = await navigator.clipboard?.writeText(url).then(
        () => true,
        () => false,
      )
      if (!done) document.execCommand('copy')
      copy.textContent = '已复制'
      setTimeout(() => (copy.textContent = '复制'), 2000)
    },
  })
  return el(
    'td',
    {},
    field,
    copy,
    s.status === 'draft' && el('small', { className: 'hint', textContent: ' 发布后可填写' }),
  )
}

function move(s, action, label, question) {
  return el('button', {
    type: 'button',
    className: 'small',
    textContent: label,
    onclick: async () => {
      if (!confirm(question)) return
      const res = await callApi(`/api/v1/public-surveys/${s.id}/${action}`, 'POST')
      await Promise.all([loadList(), showWechatMenu(menuPanel)])
      message.textContent = res.ok
        ? res.body.menuSync === 'failed'
          ? '问卷状态已更新，但公众号菜单暂未同步成功，系统会自动重试（见「微信公众号菜单」）'
          : ''
        : res.message
    },
  })
}

function row(s) {
  return el(
    'tr',
    { className: `survey-${s.status}` },
    el(
      'td',
      {},
      el('div', { textContent: s.title }),
      (s.inMenu || s.menuLabel) &&
        el(
          'div',
          { className: 'survey-meta' },
          s.inMenu && el('span', { className: 'tag in-menu', textContent: '在微信菜单中' }),
          s.menuLabel &&
            el('small', { className: 'hint', textContent: `菜单名称：${s.menuLabel}` }),
        ),
    ),
    el(
      'td',
      { className: 'nowrap' },
      el('span', { className: 'tag', textContent: labels.statuses[s.status] }),
    ),
    el('td', { className: 'nowrap', textContent: `${s.responses} 份` }),
    publicLink(s),
    el(
      'td',
      {},
      el('a', { href: `/console/surveys/${s.id}`, textContent: '查看结果' }),
      ' ',
      admin &&
        s.status === 'draft' &&
        move(s, 'publish', '发布', `发布「${s.title}」？发布后居民即可通过链接填写。`),
      admin &&
        s.status === 'published' &&
        move(s, 'close', '结束', `结束「${s.title}」？结束后不再接受答卷，已收到的答卷保留。`),
    ),
  )
}

async function loadList() {
  const res = await callApi('/api/v1/public-surveys')
  if (!res.ok) return deny(res.message)
  listPanel.hidden = false
  rows.replaceChildren(...res.body.items.map(row))
  if (res.body.items.length === 0)
    rows.append(el('tr', {}, el('td', { colSpan: 5, textContent: '还没有问卷' })))
}

async function loadResults(id) {
  const res = await callApi(`/api/v1/public-surveys/${encodeURIComponent(id)}/results`)
  if (res.status === 403) return deny(res.message)
  results.hidden = false
  if (!res.ok)
    return results.replaceChildren(
      el('p', {}, el('a', { href: '/console/surveys', textContent: '← 返回问卷列表' })),
      el('p', { className: 'error-text', textContent: res.message }),
    )
  showResults(results, res.body, labels)
}

surveyBuilder(builder, () => loadList())

staffSession(async (user) => {
  admin = user.role === 'admin'
  nav.hidden = false
  if (main.dataset.survey) return loadResults(main.dataset.survey)
  builder.hidden = !admin
  await loadList()
  if (admin) await showWechatMenu(menuPanel)
})
