// The Official Account's menu as residents will see it (top-level buttons with their
// sub-buttons, published surveys under 问卷调查), whether WeChat has it yet, and a button that
// pushes it now. Admins only: GET/POST /api/v1/wechat/menu.
import { el } from './dom.js'
import { callApi } from './staff-session.js'

const time = (iso) =>
  new Date(iso).toLocaleString('zh-CN', { timeZone: 'Asia/Shanghai', hour12: false })

/** The menu drawn like the bottom bar of a WeChat chat: sub-buttons stacked above their button. */
function preview(menu) {
  return el(
    'ul',
    { className: 'menu-preview', ariaLabel: '公众号菜单预览' },
    ...menu.button.map((b) =>
      el(
        'li',
        { className: 'menu-button' },
        b.sub_button &&
          el(
            'ul',
            { className: 'menu-sub' },
            ...b.sub_button.map((s) => el('li', { textContent: s.name, title: s.url ?? '' })),
          ),
        el('strong', { textContent: b.name }),
      ),
    ),
  )
}

function syncLine(status) {
  if (!status.configured)
    return el('p', {
      className: 'menu-state unconfigured',
      textContent:
        '未配置公众号：设置 WECHAT_APPID 和 WECHAT_APPSECRET 后，已发布的问卷会自动放入公众号菜单。下面是菜单将来的样子。',
    })
  const { sync } = status
  const state = sync.pending
    ? '有改动尚未同步到公众号，系统会自动重试'
    : sync.syncedAt
      ? `已同步到公众号（${time(sync.syncedAt)}）`
      : '尚未同步到公众号'
  return el(
    'div',
    {},
    el('p', { className: `menu-state ${sync.pending ? 'pending' : 'synced'}`, textContent: state }),
    sync.lastError &&
      el('p', {
        className: 'error-text',
        textContent: `上次同步失败${sync.lastAttemptAt ? `（${time(sync.lastAttemptAt)}）` : ''}：${sync.lastError}`,
      }),
  )
}

/** Fills `panel` with the menu and its sync status, and `note` (a refusal when `failed`). */
export async function showWechatMenu(panel, note = '', failed = false) {
  const res = await callApi('/api/v1/wechat/menu')
  if (!res.ok) {
    panel.hidden = true
    return
  }
  const status = res.body
  const message = el('p', { className: failed ? 'error-text' : 'done', role: 'status' })
  message.textContent = note
  const sync = el('button', {
    type: 'button',
    textContent: '立即同步到公众号',
    onclick: async () => {
      sync.disabled = true
      sync.textContent = '正在同步…'
      const out = await callApi('/api/v1/wechat/menu/sync', 'POST')
      await showWechatMenu(panel, out.ok ? '菜单已同步到公众号' : out.message, !out.ok)
    },
  })
  panel.hidden = false
  panel.replaceChildren(
    el('h2', { textContent: '微信公众号菜单' }),
    syncLine(status),
    ...(status.warnings ?? []).map((w) => el('p', { className: 'warning', textContent: w })),
    preview(status.menu),
    message,
    status.configured && sync,
  )
}
